"""Assignments from a point of an issued conclusion: what is cited, and bad input that saves nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404

from tests.factories import make_user
from tests.followup.helpers import issued_conclusion, provinces
from vanphong.core.errors import ServiceError
from vanphong.documents.models import Document
from vanphong.followup.decisions import check_assign_point, citation
from vanphong.followup.models import Assignment
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_gives_a_point_to_two_provinces_and_cites_it(office):
    doc = issued_conclusion(office.leader)
    p1, p2 = provinces(2)
    made = check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-2", body_ids=[p1.pk, p2.pk],
                              deadline=date(2026, 12, 31))
    assert {a.body_id for a in made} == {p1.pk, p2.pk}
    a = made[0]
    assert a.decision_id == doc.pk and a.anchor == "muc-II/diem-2"
    c = citation(a)
    assert c is not None
    assert c.text == "điểm 2, mục II của Kết luận số 21-KL/TW"
    assert c.url == f"{doc.get_absolute_url()}#muc-II/diem-2"
    assert AuditEvent.objects.filter(event_type="followup.assignment_from_decision",
                                     object_id__in=[str(x.pk) for x in made]).count() == 2


def test_it_refuses_a_deadline_before_the_decision_date_and_saves_nothing(office):
    doc = issued_conclusion(office.leader, issued_on=date(2026, 3, 28))
    with pytest.raises(ServiceError) as e:
        check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-1",
                           body_ids=[p.pk for p in provinces(2)], deadline=date(2026, 3, 27))
    assert "trước ngày ban hành" in e.value.message and "28/03/2026" in e.value.message
    assert not Assignment.objects.filter(decision=doc).exists()


def test_it_refuses_an_unknown_anchor(office):
    doc = issued_conclusion(office.leader)
    with pytest.raises(ServiceError) as e:
        check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-IX/diem-7",
                           body_ids=[provinces(1)[0].pk], deadline=date(2026, 12, 31))
    assert e.value.field == "anchor" and "muc-II/diem-1" in e.value.message
    assert not Assignment.objects.filter(decision=doc).exists()


def test_it_refuses_an_unknown_body_and_saves_none_of_the_others(office):
    doc = issued_conclusion(office.leader)
    with pytest.raises(ServiceError) as e:
        check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-1",
                           body_ids=[provinces(1)[0].pk, 987654], deadline=date(2026, 12, 31))
    assert e.value.field == "bodies" and "987654" in e.value.message
    assert not Assignment.objects.filter(decision=doc).exists()


def test_it_refuses_a_draft(office):
    doc = issued_conclusion(office.leader)
    Document.objects.filter(pk=doc.pk).update(status=Document.Status.DRAFT)
    with pytest.raises(ServiceError):
        check_assign_point(office.leader, decision_id=doc.pk, anchor="", body_ids=[provinces(1)[0].pk],
                           deadline=date(2026, 12, 31))


def test_a_secret_decision_is_not_found_by_someone_who_may_not_see_it(office):
    doc = issued_conclusion(office.leader, classification=2)
    with pytest.raises(Http404):
        check_assign_point(office.thuong, decision_id=doc.pk, anchor="", body_ids=[provinces(1)[0].pk],
                           deadline=date(2026, 12, 31))


def test_the_assignment_page_links_to_the_point_and_shows_the_way_back(client, office):
    doc = issued_conclusion(office.leader)
    [a] = check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-2",
                             body_ids=[provinces(1)[0].pk], deadline=date.today() + timedelta(days=30))
    client.force_login(office.leader)
    html = client.get(a.get_absolute_url()).content.decode()
    assert "điểm 2, mục II của Kết luận số 21-KL/TW" in html
    assert f'href="{doc.get_absolute_url()}#muc-II/diem-2"' in html
    assert "Nguồn gốc nhiệm vụ" in html


def test_the_way_back_hides_a_decision_the_person_may_not_see(client, office):
    doc = issued_conclusion(office.leader, classification=1, summary="về việc bí mật")
    [a] = check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-2",
                             body_ids=[provinces(1)[0].pk], deadline=date.today() + timedelta(days=30))
    # The task is shared with the outsider, the decision is not.
    outsider = make_user("xem-viec", clearance=1)
    a.shared_with_users.add(outsider)
    client.force_login(outsider)
    html = client.get(a.get_absolute_url()).content.decode()
    # The task's own title (written by the giver) stays; the decision itself is neither linked nor described.
    assert doc.get_absolute_url() not in html and "bí mật" not in html
