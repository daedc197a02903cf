"""Citizen reception: the monthly rule as data and its warnings, the people received (sealed, protected on
request, never shown to anyone), the minutes approved by another person, follow-up letters linked back, the
pages and the API."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_unit, make_user
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.roles import Role
from vanphong.petitions import reception
from vanphong.petitions.models import Petition, ReceptionDay, ReceptionRule, ReceptionVisitor, SealedVisitor
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db

SECRET_NAME = "Lê Thị Kín Tên"
SECRET_ADDRESS = "Số 77 Ngõ Bí Mật, xã Yên Lạc, tỉnh Vĩnh Phúc"
SECRET_PHONE = "0987654321"


def schedule(actor, on: date, *, committee="Tỉnh ủy Hải Phòng", level="tinh", **kw) -> ReceptionDay:
    return reception.check_schedule(actor, reception.DayIn(
        committee=committee, level=level, host="Bí thư Tỉnh ủy Trần Văn Chủ Trì", day=on, **kw)).day


def past_day(officer, **kw) -> ReceptionDay:
    return schedule(officer, timezone.localdate() - timedelta(days=3), **kw)


def add_secret(officer, day: ReceptionDay) -> ReceptionVisitor:
    return reception.check_add_visitor(officer, day.pk, reception.VisitorIn(
        name=SECRET_NAME, address=SECRET_ADDRESS, contact=SECRET_PHONE, protected=True, kind="khieu_nai",
        raised=f"Tôi là {SECRET_NAME}, ở {SECRET_ADDRESS}, số {SECRET_PHONE}; phản ánh cán bộ xã thu tiền sai."))


def test_the_rules_are_shipped_as_data_with_validity():
    rules = {(r.level, r.valid_to is None): r.min_days for r in ReceptionRule.objects.all()}
    assert rules[("tinh", True)] == 1 and rules[("xa", True)] == 2
    assert reception.rule_rows()  # read from petitions/data/reception_rules.json


def test_a_month_short_of_the_rule_is_warned_and_a_cancelled_day_does_not_count(officer):
    on = date(2026, 3, 10)
    first = schedule(officer, on, committee="Đảng ủy xã Yên Bình", level="xa")
    done = reception.check_schedule(officer, reception.DayIn(
        committee="đảng ủy  xã Yên Bình", level="xa", host="Bí thư Đảng ủy xã", day=on + timedelta(days=7)))
    assert done.warnings == []  # two days: the commune's rule is met; the name is matched however written
    reception.check_set_status(officer, first.pk, ReceptionDay.Status.CANCELLED, first.version)
    found = reception.shortfalls(ReceptionDay.objects.all(), date(2026, 3, 1), date(2026, 4, 30))
    messages = [s.message for s in found]
    assert any(m.startswith("Tháng 3/2026: Đảng ủy xã Yên Bình có 1 ngày") and "2 ngày/tháng" in m for m in messages)
    assert any(m.startswith("Tháng 4/2026: Đảng ủy xã Yên Bình có 0 ngày") for m in messages)


def test_the_rule_valid_on_the_month_applies(officer):
    ReceptionRule.objects.filter(level="tinh", valid_to__isnull=True).update(valid_to=date(2026, 5, 31))
    ReceptionRule.objects.create(level="tinh", min_days=3, valid_from=date(2026, 6, 1), source="thử")
    schedule(officer, date(2026, 5, 5))
    schedule(officer, date(2026, 6, 5))
    found = {(s.month, s.required) for s in reception.shortfalls(ReceptionDay.objects.all(), date(2026, 5, 1),
                                                                 date(2026, 6, 30))}
    assert found == {(6, 3)}


def test_overlapping_rules_are_refused():
    from django.core.exceptions import ValidationError

    rule = ReceptionRule(level="xa", min_days=4, valid_from=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_bad_input_changes_nothing(officer):
    with pytest.raises(ServiceError, match="tên cấp ủy"):
        reception.check_schedule(officer, reception.DayIn(committee=" ", level="tinh", host="A", day=date(2026, 1, 5)))
    with pytest.raises(ServiceError, match="cấp tỉnh hoặc cấp xã"):
        reception.check_schedule(officer, reception.DayIn(committee="X", level="huyen", host="A", day=date(2026, 1, 5)))
    future = schedule(officer, timezone.localdate() + timedelta(days=5))
    with pytest.raises(ServiceError, match="chưa đến ngày"):
        reception.check_add_visitor(officer, future.pk, reception.VisitorIn(name="Nguyễn An", raised="Kiến nghị"))
    with pytest.raises(ServiceError, match="họ tên"):
        reception.check_add_visitor(officer, past_day(officer).pk, reception.VisitorIn(name=" ", raised="x"))
    assert ReceptionVisitor.objects.count() == 0 and ReceptionDay.objects.count() == 2


def test_someone_without_the_right_may_not_schedule():
    clerk = make_user("chuyen-vien", roles=(Role.SPECIALIST,))
    with pytest.raises(Forbidden):
        schedule(clerk, date(2026, 2, 2))


def test_a_protected_visitor_is_sealed_redacted_and_hidden_everywhere(officer, heads):
    day = past_day(officer)
    v = add_secret(officer, day)
    v.refresh_from_db()
    assert v.protected and SECRET_NAME not in v.raised and SECRET_PHONE not in v.raised
    # The identity is in the seal only, not in plain text in its row.
    raw = bytes(SealedVisitor.objects.get(visitor=v).data)
    assert SECRET_NAME.encode() not in raw and SECRET_PHONE.encode() not in raw
    assert reception.identity_of(v).name == SECRET_NAME
    assert reception.shown_identity(v).name == "***"
    # Minutes that name the person are redacted, whoever writes them.
    day.refresh_from_db()
    day = reception.check_write_minutes(officer, day.pk, f"Bà {SECRET_NAME.upper()} trình bày; liên hệ "
                                                         f"{SECRET_PHONE}.", day.version)
    assert SECRET_NAME.lower() not in day.minutes.lower() and SECRET_PHONE not in day.minutes
    # Not on the page for a unit head either (revealing goes through the follow-up case's reveal request).
    c = Client()
    c.force_login(heads[0])
    page = c.get(day.get_absolute_url()).content.decode()
    api = c.get(f"/api/v1/petitions/receptions/{day.pk}").content.decode()
    for text in (page, api):
        assert SECRET_NAME not in text and SECRET_PHONE not in text and "Ngõ Bí Mật" not in text
    assert json.loads(api)["visitors"][0]["sender_name"] == "***"


def test_a_seal_moved_to_another_visitor_does_not_open(officer):
    day = past_day(officer)
    a = add_secret(officer, day)
    b = reception.check_add_visitor(officer, day.pk, reception.VisitorIn(name="Phạm Văn Bình", raised="Kiến nghị"))
    SealedVisitor.objects.filter(visitor=b).update(data=SealedVisitor.objects.get(visitor=a).data)
    b = ReceptionVisitor.objects.select_related("sealed").get(pk=b.pk)
    from vanphong.security.crypto import CryptoError

    with pytest.raises(CryptoError):
        reception.identity_of(b)


def test_a_denunciation_raised_at_reception_is_protected_even_unasked(officer):
    v = reception.check_add_visitor(officer, past_day(officer).pk, reception.VisitorIn(
        name="Vũ Văn Tố", raised="Tố cáo ông Vũ Văn Tố bị ép...", kind="to_cao"))
    assert v.protected


def test_minutes_are_approved_by_someone_else(officer, heads):
    day = past_day(officer)
    day = reception.check_write_minutes(officer, day.pk, "Buổi tiếp có 2 công dân.", day.version)
    with pytest.raises(Forbidden, match="không tự duyệt"):
        reception.check_approve_minutes(officer, day.pk, day.version)
    day = reception.check_approve_minutes(heads[0], day.pk, day.version)
    assert day.minutes_approved and day.minutes_approved_by == heads[0]
    with pytest.raises(ServiceError, match="đã được duyệt"):
        reception.check_write_minutes(officer, day.pk, "Sửa lại", day.version)


def test_a_follow_up_letter_is_registered_from_reception_and_linked_back(officer):
    day = past_day(officer, classification=Classification.THUONG)
    v = add_secret(officer, day)
    letter = reception.check_follow_up(officer, v.pk)
    assert letter.channel == Petition.Channel.RECEPTION and letter.received_on == day.day
    assert letter.protected and SECRET_NAME not in letter.content
    v.refresh_from_db()
    assert v.petition == letter and letter.reception_visitor == v
    with pytest.raises(ServiceError, match="đã vào sổ"):
        reception.check_follow_up(officer, v.pk)
    assert Petition.objects.count() == 1


def test_a_classified_day_is_absent_for_others(officer):
    unit = make_unit()
    day = past_day(officer, classification=Classification.MAT, unit=unit)
    outsider = make_user("nguoi-ngoai", clearance=Classification.MAT, roles=(Role.PETITIONS_OFFICER,))
    c = Client()
    c.force_login(outsider)
    assert c.get(day.get_absolute_url()).status_code == 404
    assert c.get(f"/api/v1/petitions/receptions/{day.pk}").status_code == 404
    month = c.get(f"/api/v1/petitions/receptions?year={day.day.year}&month={day.day.month}").json()
    assert month["days"] == []
    with pytest.raises(Exception):  # noqa: B017 - Http404, whatever the service
        reception.check_add_visitor(outsider, day.pk, reception.VisitorIn(name="A B", raised="x"))


def test_the_pages_schedule_add_minute_and_follow_up(officer, heads):
    c = Client()
    c.force_login(officer)
    on = timezone.localdate() - timedelta(days=1)
    assert c.get("/don-thu/tiep-cong-dan/").status_code == 200
    r = c.post("/don-thu/tiep-cong-dan/moi/", {"committee": "Tỉnh ủy Cao Bằng", "level": "tinh",
                                               "host": "Bí thư Tỉnh ủy", "day": on.isoformat(),
                                               "classification": "0"}, follow=True)
    assert r.status_code == 200 and "Đã lên lịch" in r.content.decode()
    day = ReceptionDay.objects.get()
    r = c.post(f"/don-thu/tiep-cong-dan/{day.pk}/nguoi-duoc-tiep/", {
        "name": "ĐINH VĂN NĂM", "address": "Xã Hòa An, tỉnh Cao Bằng", "group_size": "3", "kind": "kien_nghi",
        "raised": "Kiến nghị làm đường vào bản.", "answer": "Giao Ủy ban xã xem xét."}, follow=True)
    page = r.content.decode()
    assert "Đinh Văn Năm" in page and "đại diện 3 người" in page
    v = ReceptionVisitor.objects.get()
    r = c.post(f"/don-thu/tiep-cong-dan/{day.pk}/vao-so/{v.pk}/", follow=True)
    case_page = r.content.decode()
    assert "từ buổi tiếp công dân" in case_page and day.get_absolute_url() in case_page  # linked back
    cal = c.get(f"/don-thu/tiep-cong-dan/?thang={on:%Y-%m}").content.decode()
    assert "Tỉnh ủy Cao Bằng" in cal
    bad = c.post(f"/don-thu/tiep-cong-dan/{day.pk}/nguoi-duoc-tiep/", {"name": "", "raised": ""})
    assert bad.status_code == 400


def test_the_api_schedules_and_adds_people(officer):
    c = Client()
    c.force_login(officer)
    on = timezone.localdate() - timedelta(days=2)
    r = c.post("/api/v1/petitions/receptions", {"committee": "Đảng ủy xã Tân Lập", "level": "xa",
                                                "host": "Bí thư Đảng ủy xã", "day": on.isoformat()},
               content_type="application/json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["warnings"] and "2 ngày/tháng" in body["warnings"][0]
    rid = body["day"]["id"]
    r = c.post(f"/api/v1/petitions/receptions/{rid}/visitors", {"name": SECRET_NAME, "protected": True,
                                                                 "raised": f"Tôi là {SECRET_NAME}"},
               content_type="application/json")
    assert r.status_code == 201 and r.json()["sender_name"] == "***" and SECRET_NAME not in r.content.decode()
    r = c.post(f"/api/v1/petitions/receptions/{rid}/visitors/{r.json()['id']}/follow-up")
    assert r.status_code == 201 and Petition.objects.get().channel == "tiep_dan"


def test_the_admin_refuses_an_overlapping_rule_and_keeps_the_table():
    from vanphong.core.models import User

    admin_user = User.objects.create_superuser("quan-tri-tiep-dan", password="Quan-tri-2026-x")
    c = Client()
    c.force_login(admin_user)
    before = ReceptionRule.objects.count()
    r = c.post("/quan-tri/petitions/receptionrule/add/",
               {"level": "tinh", "min_days": "2", "valid_from": "2026-01-01", "valid_to": "", "source": "thử"})
    assert r.status_code == 200 and "trùng thời gian hiệu lực" in r.content.decode()
    assert ReceptionRule.objects.count() == before


def test_people_received_are_resealed_when_the_field_key_rotates(officer, settings):
    import base64
    import os

    from vanphong.petitions import rotation
    from vanphong.security import crypto

    visitor = add_secret(officer, past_day(officer))
    name = reception.identity_of(visitor).name
    old = settings.VANPHONG_FIELD_KEY
    settings.VANPHONG_FIELD_KEY = base64.b64encode(os.urandom(32)).decode()
    settings.VANPHONG_FIELD_OLD_KEYS = [old]
    rotation.do_rotate()
    settings.VANPHONG_FIELD_OLD_KEYS = []  # the old key gone: only what was resealed still opens
    visitor = ReceptionVisitor.objects.select_related("sealed").get(pk=visitor.pk)
    assert reception.identity_of(visitor).name == name
    assert visitor.sealed.key_id == crypto.current_key_id()
