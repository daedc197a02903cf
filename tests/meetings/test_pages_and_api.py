"""The pages and the API of meetings, and the calendar's contract (leader_sessions)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import marker
from tests.meetings.conftest import new_meeting
from vanphong.meetings import queries, services
from vanphong.meetings.models import Meeting
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def test_the_meeting_page_shows_agenda_durations_and_the_warning(cycle, client):
    m = new_meeting(cycle, hours=1)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Báo cáo kinh tế - xã hội",
                                       planned_minutes=50)
    services.check_add_agenda_item(cycle.organiser, m.pk, r.meeting.version, title="Tờ trình nhân sự",
                                   planned_minutes=20)
    client.force_login(cycle.organiser)
    page = client.get(reverse("meetings:meeting", args=[m.pk])).content.decode()
    assert "Báo cáo kinh tế - xã hội" in page and "Cảnh báo" in page and "70 phút" in page
    assert "Chốt chương trình, gửi tài liệu" in page
    assert client.get(reverse("meetings:list")).status_code == 200
    assert client.get(reverse("meetings:list") + "?khi=sap-toi&loai=phien_hop_bct").status_code == 200


def test_adding_through_the_page_reports_the_warning(cycle, client):
    m = new_meeting(cycle, hours=1)
    client.force_login(cycle.organiser)
    response = client.post(reverse("meetings:agenda_add", args=[m.pk]),
                           {"version": m.version, "title": "Nội dung dài", "planned_minutes": "90"}, follow=True)
    assert "vượt thời gian phiên họp" in response.content.decode()


def test_creating_a_meeting_through_the_form(cycle, client):
    client.force_login(cycle.organiser)
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(reverse("meetings:create"), {
        "kind": "phien_hop_bct", "body": cycle.bct.pk, "number": 0, "title": "Phiên họp thường kỳ tháng",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "classification": Classification.MAT,
    })
    assert response.status_code == 400 and "Giờ kết thúc phải sau giờ bắt đầu" in response.content.decode()
    assert not Meeting.objects.filter(title="Phiên họp thường kỳ tháng").exists()


def test_a_hidden_meeting_is_404_on_pages_and_api(office, client):
    m = office.cycle["cycmeettoimat"]
    client.force_login(office.users["mat"])
    assert client.get(reverse("meetings:meeting", args=[m.pk])).status_code == 404
    assert client.get(f"/api/v1/meetings/{m.pk}").status_code == 404
    listed = client.get("/api/v1/meetings").content.decode()
    assert marker("cycmeettoimat") not in listed and marker("cycmeetthuong") in listed


def test_the_api_gives_agenda_opinions_and_takes_an_answer(office, client):
    m = office.cycle["cycmeetmat"]
    leader = office.users["leader"]
    client.force_login(leader)
    agenda = client.get(f"/api/v1/meetings/{m.pk}/agenda").json()
    assert agenda["total_minutes"] == 60 and agenda["warning"] is None and agenda["items"][0]["classification"] == "MAT"
    ops = client.get(f"/api/v1/meetings/{m.pk}/opinions").json()
    assert ops[0]["response"] == "" and ops[0]["classification"] == "MAT"
    url = f"/api/v1/meetings/opinions/{ops[0]['id']}/answer"
    bad = client.post(url, {"response": "dong_y", "answer": "x", "version": 1}, content_type="application/json")
    assert bad.status_code == 422
    ok = client.post(url, {"response": "giai_trinh", "answer": "Đã giải trình.", "version": 1},
                     content_type="application/json")
    assert ok.status_code == 200 and ok.json()["response"] == "giai_trinh"
    again = client.post(url, {"response": "tiep_thu", "answer": "Khác", "version": 1},
                        content_type="application/json")
    assert again.status_code == 409


def test_leader_sessions_give_the_people_taking_part_in_what_the_user_may_see(office):
    tuyetmat, mat = office.users["tuyetmat"], office.users["mat"]
    now = timezone.now()
    rows = queries.leader_sessions(tuyetmat, now, now + timedelta(days=10))
    assert {r.meeting_id for r in rows} == {m.pk for k, m in office.cycle.items() if k.startswith("cycmeet")}
    assert all(r.person_id == tuyetmat.person.pk for r in rows)
    assert rows[0].url.startswith("/hop/") and rows[0].ends_at > rows[0].starts_at
    visible = {r.meeting_id for r in queries.leader_sessions(mat, now, now + timedelta(days=10))}
    assert visible == {office.cycle["cycmeetthuong"].pk}
    assert queries.leader_sessions(tuyetmat, now + timedelta(days=20), now + timedelta(days=30)) == []
