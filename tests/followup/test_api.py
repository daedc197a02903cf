"""The follow-up API: assigning a point, reports, reminders, sub-tasks, import, overdue rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.followup.helpers import issued_conclusion, provinces

pytestmark = pytest.mark.django_db
J = "application/json"


@pytest.fixture
def api(office) -> Client:
    c = Client()
    c.force_login(office.leader)
    return c


def test_assign_report_remind_round_trip(api, office):
    doc = issued_conclusion(office.leader)
    p1, p2 = provinces(2)
    deadline = (date.today() + timedelta(days=30)).isoformat()
    r = api.post(f"/api/v1/assignments/from-decision/{doc.pk}",
                 {"anchor": "muc-II/diem-2", "body_ids": [p1.pk, p2.pk], "deadline": deadline}, content_type=J)
    assert r.status_code == 201, r.content
    made = r.json()
    assert len(made) == 2 and made[0]["anchor"] == "muc-II/diem-2" and made[0]["classification"] == "THUONG"
    pk = made[0]["id"]
    r = api.post(f"/api/v1/assignments/{pk}/reports", {"status": "dang_trien_khai"}, content_type=J)
    assert r.status_code == 201 and r.json()["percent"] == 30
    assert api.get(f"/api/v1/assignments/{pk}").json()["percent"] == 30
    assert len(api.get(f"/api/v1/assignments/{pk}/reports").json()) == 1
    r = api.post(f"/api/v1/assignments/{pk}/reminders", {"note": "Nhắc"}, content_type=J)
    assert r.status_code == 201 and r.json()["stage"] == "thu_cong"
    r = api.post(f"/api/v1/assignments/{pk}/subtasks", {"title": "Việc nhỏ", "weight": 2}, content_type=J)
    assert r.status_code == 201 and r.json()["parent_id"] == pk
    r = api.post(f"/api/v1/assignments/{pk}/parent", {"parent_id": r.json()["id"]}, content_type=J)
    assert r.status_code == 400 and "vòng" in r.json()["detail"]


def test_bad_input_answers_in_vietnamese(api, office):
    doc = issued_conclusion(office.leader, issued_on=date(2026, 3, 28))
    r = api.post(f"/api/v1/assignments/from-decision/{doc.pk}",
                 {"anchor": "muc-II/diem-2", "body_ids": [provinces(1)[0].pk], "deadline": "2026-01-01"},
                 content_type=J)
    assert r.status_code == 400 and r.json()["field"] == "deadline"
    pk = office.cycle["cycasgthuong"].pk
    r = api.post(f"/api/v1/assignments/{pk}/reports", {"status": "hoan_thanh", "percent": 101}, content_type=J)
    assert r.status_code == 400 and "0 đến 100" in r.json()["detail"]


def test_a_hidden_assignment_is_404_everywhere(office):
    c = Client()
    c.force_login(office.thuong)
    pk = office.cycle["cycasgmat"].pk
    for url in (f"/api/v1/assignments/{pk}/reports", f"/api/v1/assignments/{pk}/reminders"):
        assert c.get(url).status_code == 404
    assert c.post(f"/api/v1/assignments/{pk}/reports", {"status": "hoan_thanh"}, content_type=J).status_code == 404


def test_import_and_overdue_rows(api, office):
    pk = office.cycle["cycasgthuong"].pk
    f = SimpleUploadedFile("t.csv", f"ma_viec,tinh_trang\n{pk},hoan_thanh\nabc,hoan_thanh\n".encode())
    r = api.post("/api/v1/assignments/import", {"file": f})
    assert r.status_code == 422 and r.json()["errors"][0]["row"] == 3
    f = SimpleUploadedFile("t.csv", b"ma,tinh_trang\n1,hoan_thanh\n")
    r = api.post("/api/v1/assignments/import", {"file": f})
    assert r.status_code == 400 and "ma_viec" in r.json()["detail"]
    r = api.get("/api/v1/assignments/overdue?by=province")
    assert r.status_code == 200 and isinstance(r.json(), list)
