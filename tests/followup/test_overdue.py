"""Overdue views by body, province and decision: counts through the policy, one GROUP BY, SVG without inline
style or script."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.followup.helpers import issued_conclusion, provinces
from vanphong.followup.decisions import do_assign_point
from vanphong.followup.queries import overdue_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(office):
    today = date.today()
    p1, p2 = provinces(2)
    open_doc = issued_conclusion(office.leader, number=31, issued_on=today - timedelta(days=90))
    secret_doc = issued_conclusion(office.leader, number=32, classification=2, issued_on=today - timedelta(days=90))
    late, soon = today - timedelta(days=3), today + timedelta(days=20)
    for deadline in (late, late, soon):
        do_assign_point(office.leader, open_doc, "muc-II/diem-1", p1, deadline, "Việc thường", "", office.unit, 0)
    do_assign_point(office.leader, open_doc, "muc-II/diem-1", p2, late, "Việc thường", "", office.unit, 0)
    # Tối mật, shared with no one in particular: the thuong specialist may not count it.
    do_assign_point(office.leader, secret_doc, "muc-II/diem-2", p2, late, "Việc tối mật", "", None, 0)
    return p1, p2


def test_counts_by_province_are_those_the_person_may_see(office, spread):
    p1, p2 = spread
    leader = {r.key: (r.overdue, r.open) for r in overdue_by(office.leader, "province", date.today())}
    thuong = {r.key: (r.overdue, r.open) for r in overdue_by(office.thuong, "province", date.today())}
    # office part: 4 tasks (one per level) for the first province, due in 5 days: open, not late
    assert leader[p1.place_id][0] == 2 and leader[p2.place_id] == (2, 2)
    assert thuong[p2.place_id] == (1, 1)


def test_by_decision_and_by_body(office, spread):
    by_doc = {r.label: r.overdue for r in overdue_by(office.leader, "decision", date.today())}
    assert by_doc["31-KL/TW"] == 3 and by_doc["32-KL/TW"] == 1
    assert "32-KL/TW" not in {r.label for r in overdue_by(office.thuong, "decision", date.today())}
    assert sum(r.overdue for r in overdue_by(office.leader, "body", date.today())) == 4


def test_one_grouped_query(office, spread):
    with CaptureQueriesContext(connection) as ctx:
        overdue_by(office.leader, "body", date.today())
    assert len(ctx.captured_queries) <= 2  # the grouped rows (and at most the leader's roles)
    assert "GROUP BY" in ctx.captured_queries[-1]["sql"]


@pytest.mark.parametrize("tab", ["co-quan", "tinh", "van-ban"])
def test_the_chart_page(client, office, spread, tab):
    client.force_login(office.leader)
    r = client.get(f"/viec/qua-han/?theo={tab}")
    html = r.content.decode()
    assert r.status_code == 200 and "<svg" in html and "<rect" in html
    body = html.split("<main", 1)[-1]
    assert " style=" not in body and "<script" not in body
