"""Overdue views by body, province and decision: counts through the policy, one GROUP BY, a number of queries
that does not grow with the tasks, SVG without inline style or script, labels escaped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.followup.helpers import issued_conclusion, provinces
from vanphong.core.models import Body
from vanphong.followup.decisions import do_assign_point
from vanphong.followup.models import Assignment
from vanphong.followup.queries import overdue_by, overdue_groups

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


def test_the_page_counts_what_the_person_may_see(client, office, spread):
    p1, p2 = spread
    # The leader: 3 + 1 + 1 of the two conclusions (4 late) and the office part's 4 (due in 5 days).
    client.force_login(office.leader)
    html = client.get("/viec/qua-han/?theo=tinh").content.decode()
    assert "4 nhiệm vụ quá hạn trên 9 nhiệm vụ chưa hoàn thành" in html
    assert f"<tr><td>{p2.place.short_name}</td><td class=\"num\">2</td><td class=\"num\">2</td></tr>" in html
    assert f"<tr><td>{p1.place.short_name}</td><td class=\"num\">2</td><td class=\"num\">7</td></tr>" in html
    # Thường: neither the Tối mật conclusion's task nor the office part's classified ones.
    client.force_login(office.thuong)
    html = client.get("/viec/qua-han/?theo=tinh").content.decode()
    assert "3 nhiệm vụ quá hạn trên 5 nhiệm vụ chưa hoàn thành" in html
    assert f"<tr><td>{p2.place.short_name}</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>" in html


def test_a_decision_the_person_may_not_see_is_not_named(client, office, spread):
    client.force_login(office.thuong)
    html = client.get("/viec/qua-han/?theo=van-ban").content.decode()
    assert "31-KL/TW" in html and "32-KL/TW" not in html


def test_done_tasks_sub_tasks_and_tasks_due_today_are_not_overdue(office, spread):
    p1, _ = spread
    today = date.today()
    doc = issued_conclusion(office.leader, number=33, issued_on=today - timedelta(days=90))
    due_today = do_assign_point(office.leader, doc, "muc-II/diem-1", p1, today, "Hạn hôm nay", "", office.unit, 0)
    done = do_assign_point(office.leader, doc, "muc-II/diem-1", p1, today - timedelta(days=9), "Đã xong", "",
                           office.unit, 0)
    Assignment.objects.filter(pk=done.pk).update(status=Assignment.Status.DONE, percent=100)
    Assignment.objects.create(title="Việc nhỏ quá hạn", created_by=office.leader, parent=due_today, body=p1,
                              decision=doc, deadline=today - timedelta(days=1), unit=office.unit)
    row = {g.label: g for g in overdue_groups(office.leader, "decision", today)}["33-KL/TW"]
    assert (row.overdue, row.open) == (0, 1)  # the task due today only: open, not late; its sub-task not counted


def test_labels_are_escaped_and_long_ones_shortened_in_the_chart_only(client, office):
    name = "Ban <b>Thử nghiệm</b> & Cơ quan có một tên rất dài để cắt bớt"
    body = Body.objects.create(name=name, kind=Body.Kind.MINISTRY, order=900)
    doc = issued_conclusion(office.leader, number=34, issued_on=date.today() - timedelta(days=90))
    do_assign_point(office.leader, doc, "muc-II/diem-1", body, date.today() - timedelta(days=2), "Việc", "",
                    office.unit, 0)
    client.force_login(office.leader)
    html = client.get("/viec/qua-han/?theo=co-quan").content.decode()
    assert "<b>Thử" not in html
    assert "<td>Ban &lt;b&gt;Thử nghiệm&lt;/b&gt; &amp; Cơ quan có một tên rất dài để cắt bớt</td>" in html
    assert "Ban &lt;b&gt;Thử nghiệm&lt;/b&gt; &amp; Cơ quan có …</text>" in html  # 35 letters and "…"


def _page_queries(client, tab: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/viec/qua-han/?theo={tab}").status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("tab", ["co-quan", "tinh", "van-ban"])
def test_the_number_of_queries_does_not_grow_with_the_tasks(client, office, spread, tab):
    client.force_login(office.thuong)
    client.get("/")  # the first request of a session writes it
    before = _page_queries(client, tab)
    today = date.today()
    for n in range(3):
        doc = issued_conclusion(office.leader, number=40 + n, issued_on=today - timedelta(days=60))
        for body in provinces(8):
            do_assign_point(office.leader, doc, "muc-II/diem-1", body, today - timedelta(days=n), "Thêm", "",
                            office.unit, 0)
    after = _page_queries(client, tab)
    assert len(after) == len(before)
    grouped = [q for q in after if "GROUP BY" in q]
    assert len(grouped) == 1 and "followup_assignment" in grouped[0]


@pytest.mark.parametrize("tab", ["co-quan", "tinh", "van-ban"])
def test_the_chart_page(client, office, spread, tab):
    client.force_login(office.leader)
    r = client.get(f"/viec/qua-han/?theo={tab}")
    html = r.content.decode()
    assert r.status_code == 200 and "<svg" in html and "<rect" in html
    body = html.split("<main", 1)[-1]
    assert " style=" not in body and "<script" not in body
    # Two bars (open, overdue) for each group with something overdue, and its row in the table.
    groups = overdue_by(office.leader, {"co-quan": "body", "tinh": "province", "van-ban": "decision"}[tab],
                        date.today())
    assert body.count("<rect") == 2 * len(groups) and body.count('<td class="num">') == 2 * len(groups)
