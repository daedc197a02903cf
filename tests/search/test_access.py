"""Leak-freedom: a person never gets a hit, a count or a snippet of a record they may not see."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import LEVELS, give, make_user, marker
from tests.search.helpers import find
from vanphong.followup.models import Assignment
from vanphong.security import policy
from vanphong.security.classification import Classification

PEOPLE = ("thuong", "mat", "toimat", "tuyetmat", "outsider", "leader", "clerk", "admin")


@pytest.mark.parametrize("who", PEOPLE)
def test_a_person_gets_only_the_records_they_may_see_and_counts_only_those(office, who):
    user = office.users[who]
    visible = {a.pk for a in policy.visible(user, Assignment.objects.filter(title_key__contains="leakmark"))}
    results = find(user, "LEAKMARK", types=("assignment",))
    assert {h.id for h in results.hits} == visible
    assert results.total == len(visible)
    for key, record in office.records.items():
        if record.pk not in visible:
            text = " ".join(str(h.snippet) + str(h.title_html) for h in results.hits)
            assert marker(key) not in text


@pytest.mark.parametrize("who", PEOPLE)
def test_a_hidden_record_is_not_counted_even_when_searched_for_by_its_own_word(office, who):
    user = office.users[who]
    for key, record in office.records.items():
        results = find(user, marker(key))
        assert results.total == (1 if policy.can_view(user, record) else 0), (who, key)


def test_the_page_and_the_api_show_no_count_or_snippet_of_hidden_records(office):
    client = Client()
    client.force_login(office.outsider)
    html = client.get("/tim-kiem/", {"q": "leakmark"}).content.decode()
    assert "Tìm thấy 1 kết quả" in html
    body = client.get("/api/v1/search", {"q": "leakmark", "type": "assignment"}).json()
    assert body["total"] == 1 and [h["title"] for h in body["hits"]] == [office.records["thuong"].title]
    for key in ("mat", "toimat", "tuyetmat"):
        assert marker(key) not in html and marker(key) not in str(body)


def test_sharing_with_a_unit_opens_the_record_to_its_members_in_search(office):
    secret = give(office.leader, "Kế hoạch kiểm tra QUNITSHAREQ", classification=Classification.MAT,
                  assignee=office.tuyetmat)
    member = make_user("thanh-vien", clearance=Classification.MAT, unit=office.other_unit)
    assert find(member, "qunitshareq").total == 0
    secret.shared_with_units.add(office.other_unit)
    assert find(member, "qunitshareq").total == 1
    secret.shared_with_units.remove(office.other_unit)
    assert find(member, "qunitshareq").total == 0


def test_clearance_caps_even_a_person_on_the_access_list(office):
    secret = give(office.leader, "Việc tối mật QCAPQ", classification=Classification.TOI_MAT,
                  assignee=office.tuyetmat, shared_users=[office.mat])
    assert policy.can_view(office.mat, secret) is False
    assert find(office.mat, "qcapq").total == 0
    assert find(office.tuyetmat, "qcapq").total == 1


def test_an_inactive_or_anonymous_person_finds_nothing(office):
    office.thuong.is_active = False
    office.thuong.save()
    assert find(office.thuong, "viec").total == 0
    from django.contrib.auth.models import AnonymousUser

    assert find(AnonymousUser(), "viec").total == 0


def test_every_level_is_visible_to_the_person_it_was_given_to(office):
    results = find(office.tuyetmat, "LEAKMARK", types=("assignment",))
    assert results.total == len(LEVELS)


@pytest.mark.parametrize("who", ("thuong", "mat", "outsider", "leader"))
def test_the_engine_itself_leaves_out_what_the_person_may_not_see(office, who):
    # More hidden matches than a page holds: were the engine to let them through for the policy to drop, a page
    # would come back short and the total would count them.
    user = office.users[who]
    for n in range(25):
        give(office.leader, f"Hồ sơ mật số {n} QMANYSECRETQ", classification=Classification.TOI_MAT,
             assignee=office.tuyetmat)
    for n in range(3):
        give(office.leader, f"Hồ sơ thường số {n} QMANYSECRETQ", assignee=office.thuong)
    visible = set(policy.visible(user, Assignment.objects.filter(title_key__contains="qmanysecretq"))
                  .values_list("pk", flat=True))
    results = find(user, "QMANYSECRETQ", types=("assignment",))
    assert results.total == len(visible)
    assert {h.id for h in results.hits} <= visible and len(results.hits) == min(len(visible), results.page_size)
    from vanphong.search import engine
    from vanphong.search.parse import parse
    from vanphong.search.query import Filters, build

    q = build(parse("qmanysecretq "), user, Filters(types=("assignment",)))
    assert engine.hit_count(engine.node().searcher().search(q, limit=1, count=True)) == len(visible)
