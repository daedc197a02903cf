"""The access policy: clearance, access lists, the view-all right, 404 for what one may not see."""

from __future__ import annotations

import pytest
from django.http import Http404

from tests.factories import give, make_user
from vanphong.followup.models import Assignment
from vanphong.security import policy
from vanphong.security.classification import Classification


def _titles(user):
    return set(policy.visible(user, Assignment.objects.all()).values_list("title", flat=True))


def test_a_person_never_sees_a_record_above_their_clearance(office):
    # demo-mat is in the unit and could be on the list, but clearance caps everything.
    give(office.leader, "Tối mật cho cả vụ", classification=Classification.TOI_MAT, unit=office.unit)
    assert "Tối mật cho cả vụ" not in _titles(office.mat)
    assert "Tối mật cho cả vụ" in _titles(office.toimat)


def test_a_classified_record_is_visible_only_to_its_access_list(office):
    seen_by_outsider = _titles(office.outsider)
    assert office.records["thuong"].title in seen_by_outsider
    for key in ("mat", "toimat", "tuyetmat"):
        assert office.records[key].title not in seen_by_outsider
        assert office.records[key].title in _titles(office.tuyetmat)


def test_a_unit_on_the_access_list_opens_the_record_to_its_members(office):
    a = give(office.leader, "Giao cho Vụ Địa phương I", classification=Classification.MAT, unit=office.other_unit)
    assert a.title in _titles(office.outsider)
    assert a.title not in _titles(office.mat)


def test_the_view_all_right_still_respects_clearance(office):
    leader_mat = make_user("lanh-dao-mat", clearance=Classification.MAT, roles=())
    from django.contrib.auth.models import Permission

    leader_mat.user_permissions.add(Permission.objects.get(codename="view_all_classified"))
    leader_mat = type(leader_mat).objects.get(pk=leader_mat.pk)
    seen = _titles(leader_mat)
    assert office.records["mat"].title in seen
    assert office.records["toimat"].title not in seen


def test_inactive_and_anonymous_people_see_nothing(office):
    from django.contrib.auth.models import AnonymousUser

    assert _titles(AnonymousUser()) == set()
    office.tuyetmat.is_active = False
    assert _titles(office.tuyetmat) == set()


def test_access_answers_404_for_a_record_one_may_not_see(office):
    with pytest.raises(Http404):
        policy.access(office.outsider, Assignment.objects.all(), office.records["mat"].pk)
    with pytest.raises(Http404):
        policy.access(office.outsider, Assignment.objects.all(), "not-a-number")


def test_can_view_agrees_with_visible_for_everyone(office):
    for user in office.users.values():
        visible_ids = set(policy.visible(user, Assignment.objects.all()).values_list("pk", flat=True))
        for a in Assignment.objects.all():
            assert policy.can_view(user, a) == (a.pk in visible_ids), (user.username, a.title)


def test_visible_ids_agrees_with_visible_for_everyone(office):
    # Records shared with a person, with a unit, created by a specialist, at every level.
    give(office.mat, "Việc mật do chuyên viên tạo", classification=Classification.MAT, assignee=office.mat)
    shared = give(office.leader, "Việc tối mật chia cho đơn vị khác", classification=Classification.TOI_MAT,
                  assignee=office.outsider)
    shared.shared_with_units.add(office.unit)
    give(office.leader, "Việc mật chia cho một người", classification=Classification.MAT, assignee=office.toimat,
         shared_users=[office.mat])
    ids = [*Assignment.objects.values_list("pk", flat=True), 10**9]
    for user in office.users.values():
        expected = set(policy.visible(user, Assignment.objects.all()).values_list("pk", flat=True))
        assert policy.visible_ids(user, Assignment, ids) == expected, user.username


def test_counts_do_not_reveal_hidden_records(office, client):
    client.force_login(office.outsider)
    response = client.get("/viec/?loc=tat-ca")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == len(_titles(office.outsider))
