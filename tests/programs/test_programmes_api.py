"""The programmes API: lists and details with only the items a person may see, creating, adding, adjusting,
approving and carrying down through the same services (rights, 404 for the invisible, 409 for a stale version,
Vietnamese errors), and the leaders' calendar with clashes that must be confirmed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.api.test_api import token_for
from tests.factories import make_user
from tests.programs.office_part import programme
from vanphong.core.models import Body, Person, Position, Term
from vanphong.programs import services
from vanphong.programs.models.programme import ProgramAdjustment, ProgramItem, ScheduleEntry, WorkProgram

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _post(c: Client, url: str, data: dict):
    return c.post(url, data, content_type="application/json")


def _leads() -> list[Body]:
    return list(Body.objects.exclude(kind=Body.Kind.LEADERSHIP).order_by("pk")[:3])


def _item_body(**kw) -> dict:
    lead, co1, co2 = _leads()
    return {"title": "Đề án qua API", "kind": "bao_cao", "lead_body_id": lead.pk, "co_body_ids": [co1.pk, co2.pk],
            "planned_start": "2026-04-01", "planned_end": "2026-05-20", "classification": "THUONG", **kw}


def test_the_detail_lists_only_the_items_the_person_may_see(office):
    program = programme(office)
    url = f"/api/v1/programmes/{program.pk}"
    seen = _client(office.thuong).get(url).json()
    assert seen["classification"] == "THUONG" and seen["title"] == program.title
    assert {i["id"] for i in seen["items"]} == {office.cycle["cycitemthuong"].pk}
    full = _client(office.tuyetmat).get(url).json()
    assert len(full["items"]) == 4 and all("classification" in i for i in full["items"])
    listed = _client(office.thuong).get("/api/v1/programmes", {"period": "nam", "year": 2026}).json()
    assert [p["id"] for p in listed["items"]] == [program.pk]


def test_a_token_reads_the_programmes_too(office):
    program = programme(office)
    raw = token_for(Client(), "cv-thuong")
    r = Client().get(f"/api/v1/programmes/{program.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 200 and r.json()["id"] == program.pk


def test_a_leader_creates_fills_approves_and_carries_down_a_programme(office):
    c = _client(office.leader)
    bct = Body.objects.get(short_name="BCT", kind="lanh_dao")
    term = Term.objects.get(number=14)
    r = _post(c, "/api/v1/programmes", {"body_id": bct.pk, "term_id": term.pk, "period": "nam", "year": 2027})
    assert r.status_code == 201, r.content
    year = r.json()
    assert (year["start"], year["end"], year["status"]) == ("2027-01-01", "2027-12-31", "du_thao")
    r = _post(c, f"/api/v1/programmes/{year['id']}/items",
              _item_body(planned_start="2027-04-01", planned_end="2027-05-20", version=year["version"]))
    assert r.status_code == 201, r.content
    item = r.json()
    assert item["co_body_ids"] == sorted(b.pk for b in _leads()[1:]) and item["kind"] == "bao_cao"
    version = WorkProgram.objects.get(pk=year["id"]).version
    r = _post(c, f"/api/v1/programmes/{year['id']}/approve", {"version": version})
    assert r.status_code == 200 and r.json()["status"] == "da_duyet"
    r = _post(c, f"/api/v1/programmes/{year['id']}/carry-down",
              {"number": 2, "item_ids": [item["id"]], "version": r.json()["version"]})
    assert r.status_code == 201, r.content
    quarter = r.json()
    assert quarter["parent_id"] == year["id"] and quarter["period"] == "quy" and quarter["start"] == "2027-04-01"
    copies = _client(office.leader).get(f"/api/v1/programmes/{quarter['id']}").json()["items"]
    assert [i["source_id"] for i in copies] == [item["id"]]


def test_adjusting_an_item_through_the_api_records_who_and_why_and_a_stale_version_is_409(office):
    program = programme(office)
    item = services.check_create_item(office.leader, program, title="Đề án điều chỉnh", kind="de_an",
                                      lead_body_id=_leads()[0].pk, planned_start=date(2026, 4, 1),
                                      planned_end=date(2026, 5, 1))
    services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    c = _client(office.leader)
    url = f"/api/v1/programme-items/{item.pk}/adjustments"
    body = {"kind": "chuyen_ky", "reason": "Cơ quan chủ trì xin lùi", "decided_by": "Thường trực Ban Bí thư",
            "planned_end": "2026-07-15", "version": item.version}
    r = _post(c, url, body)
    assert r.status_code == 201, r.content
    assert r.json()["changes"] == ["Dự kiến trình: 01/05/2026 → 15/07/2026"]
    assert r.json()["recorded_by_id"] == office.leader.pk
    stale = _post(c, url, {**body, "kind": "rut"})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict" and "tải lại" in stale.json()["detail"]
    assert ProgramAdjustment.objects.filter(item=item).count() == 1
    assert ProgramItem.objects.get(pk=item.pk).status != ProgramItem.Status.DROPPED
    detail = c.get(f"/api/v1/programmes/{program.pk}").json()
    assert [a["decided_by"] for a in detail["adjustments"]] == ["Thường trực Ban Bí thư"]


def test_a_stale_programme_version_is_409_and_adds_nothing(office):
    program = programme(office)
    c = _client(office.leader)
    url = f"/api/v1/programmes/{program.pk}/items"
    assert _post(c, url, _item_body(version=program.version)).status_code == 201
    before = ProgramItem.objects.count()
    r = _post(c, url, _item_body(title="Đề án thứ hai", version=program.version))
    assert r.status_code == 409 and ProgramItem.objects.count() == before


@pytest.mark.parametrize(("change", "status", "words"), [
    ({"planned_end": "2026-03-01"}, 400, "trước ngày bắt đầu"),
    ({"planned_end": "2027-03-01"}, 400, "nằm ngoài kỳ"),
    ({"lead_body_id": 987654321}, 400, "Không tìm thấy cơ quan chủ trì"),
    ({"co_body_ids": [987654321]}, 400, "cơ quan phối hợp"),
    ({"classification": "BI_MAT"}, 422, "không hợp lệ"),
    ({"title": ""}, 422, "không hợp lệ"),
    ({"planned_start": "01/04/2026"}, 422, "không hợp lệ"),
])
def test_bad_items_get_a_clear_vietnamese_error_and_nothing_is_saved(office, change, status, words):
    program = programme(office)
    before = ProgramItem.objects.count()
    r = _post(_client(office.leader), f"/api/v1/programmes/{program.pk}/items",
              _item_body(version=program.version, **change))
    assert r.status_code == status and words in r.json()["detail"] + str(r.json().get("errors", ""))
    assert ProgramItem.objects.count() == before


def test_a_clearance_too_low_cannot_add_a_secret_item(office):
    from tests.programs.appraisal_office_part import unit_head
    from vanphong.security.classification import Classification

    head = unit_head(office, name="truong-vu-mat")
    head.clearance = Classification.MAT
    head.save()
    program = programme(office)
    r = _post(_client(head), f"/api/v1/programmes/{program.pk}/items",
              _item_body(classification="TOI_MAT", version=program.version))
    assert r.status_code in (400, 403) and not ProgramItem.objects.filter(title="Đề án qua API").exists()


def test_what_a_person_may_not_see_is_404_on_every_route(office):
    hidden = office.cycle["cycitemmat"]
    c = _client(office.outsider)
    assert c.get(f"/api/v1/programme-items/{hidden.pk}").status_code == 404
    r = _post(c, f"/api/v1/programme-items/{hidden.pk}/adjustments",
              {"kind": "rut", "reason": "x", "decided_by": "y", "version": hidden.version})
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    missing = 987654321
    leader = _client(office.leader)
    assert leader.get(f"/api/v1/programmes/{missing}").status_code == 404
    for tail, body in (("/items", _item_body(version=1)), ("/approve", {"version": 1}),
                       ("/carry-down", {"number": 2, "item_ids": [], "version": 1})):
        assert _post(leader, f"/api/v1/programmes/{missing}{tail}", body).status_code == 404, tail
    assert leader.get("/api/v1/programmes/99999999999999999999").status_code in (404, 422)


def test_the_calendar_api_shows_the_week_and_a_clash_must_be_confirmed(office):
    member = Person.objects.create(full_name="Ngô Văn Lịch")
    Position.objects.create(person=member, title="Bí thư Trung ương Đảng",
                            body=Body.objects.get(short_name="BBT", kind="lanh_dao"), valid_from=date(2026, 1, 24))
    c = _client(office.leader)
    t = timezone.make_aware(datetime(2026, 12, 8, 8))
    body = {"person_id": member.pk, "starts_at": t.isoformat(), "ends_at": (t + timedelta(hours=2)).isoformat(),
            "title": "Làm việc với Ban Tuyên giáo", "kind": "lam_viec"}
    assert _post(c, "/api/v1/calendar/entries", body).status_code == 201
    clash = {**body, "title": "Tiếp khách quốc tế", "starts_at": (t + timedelta(hours=1)).isoformat(),
             "ends_at": (t + timedelta(hours=3)).isoformat()}
    r = _post(c, "/api/v1/calendar/entries", clash)
    assert r.status_code == 409 and r.json()["code"] == "schedule_clash" and "Trùng lịch" in r.json()["detail"]
    assert ScheduleEntry.objects.count() == 1
    assert _post(c, "/api/v1/calendar/entries", {**clash, "confirmed": True}).status_code == 201
    week = _client(office.thuong).get("/api/v1/calendar", {"week": "2026-12-10"}).json()
    assert week["week_start"] == "2026-12-07" and week["conflicts"] == 2
    row = next(p for p in week["people"] if p["person_id"] == member.pk)
    assert [(e["title"], e["conflict"]) for e in row["entries"]] == [
        ("Làm việc với Ban Tuyên giáo", True), ("Tiếp khách quốc tế", True)]
    bad = _post(c, "/api/v1/calendar/entries", {**body, "ends_at": body["starts_at"]})
    assert bad.status_code == 400 and "sau giờ bắt đầu" in bad.json()["detail"]
    assert _post(_client(make_user("cv-lich")), "/api/v1/calendar/entries", body).status_code == 403
