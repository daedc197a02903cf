"""The leaders' weekly calendar: the week in dd/mm/yyyy with Vietnamese weekday names, previous and next weeks,
entries and meetings of each leader with clashes shown, and the form that asks before booking a clash."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vanphong.core.models import Body, Person, Position
from vanphong.programs import queries, services
from vanphong.programs.models.programme import ScheduleEntry
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 7)


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _leader(name: str, title: str = "Ủy viên Bộ Chính trị", short: str = "BCT", order: int = 10) -> Person:
    p = Person.objects.create(full_name=name)
    Position.objects.create(person=p, title=title, body=Body.objects.get(short_name=short, kind="lanh_dao"),
                            valid_from=date(2026, 1, 24), order=order)
    return p


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _week(client: Client, day: date | str = MONDAY) -> str:
    r = client.get(reverse("programs:calendar"), {"tuan": str(day)})
    assert r.status_code == 200
    return r.content.decode()


def test_the_week_page_shows_each_leader_s_days_in_vietnamese_with_dd_mm_yyyy(office):
    gs = _leader("Nguyễn Văn Tổng", "Tổng Bí thư", "BCH TW", 1)
    member = _leader("Lê Thị Ủy Viên")
    services.check_create_schedule_entry(office.leader, person=member, starts_at=_at(MONDAY + timedelta(days=2), 8),
                                         ends_at=_at(MONDAY + timedelta(days=2), 10), title="Làm việc với Tỉnh ủy",
                                         place="Thanh Hóa")
    html = _week(_client(office.thuong), MONDAY + timedelta(days=3))  # any day of the week shows the week
    for name in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"):
        assert name in html
    assert "07/12/2026" in html and "13/12/2026" in html
    assert "Làm việc với Tỉnh ủy" in html and "Thanh Hóa" in html and "08:00–10:00" in html
    assert html.index(gs.full_name) < html.index(member.full_name)  # the General Secretary first
    assert "?tuan=2026-11-30" in html and "?tuan=2026-12-14" in html  # previous and next weeks


def test_an_entry_sits_in_its_own_week_only(office):
    member = _leader("Phạm Văn Tuần")
    services.check_create_schedule_entry(office.leader, person=member, starts_at=_at(MONDAY, 8),
                                         ends_at=_at(MONDAY, 9), title="Tiếp đoàn công tác")
    c = _client(office.thuong)
    assert "Tiếp đoàn công tác" in _week(c, MONDAY)
    assert "Tiếp đoàn công tác" not in _week(c, MONDAY + timedelta(days=7))
    assert "Tiếp đoàn công tác" not in _week(c, MONDAY - timedelta(days=1))


def test_a_garbled_week_shows_this_week_and_says_so(office):
    r = _client(office.thuong).get(reverse("programs:calendar"), {"tuan": "31/02/2026"})
    assert r.status_code == 200 and "không hợp lệ" in r.content.decode()
    r = _client(office.thuong).get(reverse("programs:calendar"), {"tuan": "9999-01-01"})
    assert r.status_code == 200


def test_clashes_are_flagged_on_the_page(office):
    member = _leader("Trần Văn Trùng")
    day = MONDAY + timedelta(days=1)
    services.check_create_schedule_entry(office.leader, person=member, starts_at=_at(day, 8), ends_at=_at(day, 11),
                                         title="Họp Ban Chỉ đạo")
    services.check_create_schedule_entry(office.leader, person=member, starts_at=_at(day, 10), ends_at=_at(day, 12),
                                         title="Tiếp Đại sứ", confirmed=True)
    html = _week(_client(office.thuong))
    assert "Có 2 lịch trùng giờ trong tuần" in html
    assert html.count(">Trùng lịch<") == 2


def test_the_form_asks_for_confirmation_before_booking_a_clash(office):
    member = _leader("Hoàng Văn Hỏi")
    day = MONDAY + timedelta(days=3)
    services.check_create_schedule_entry(office.leader, person=member, starts_at=_at(day, 8), ends_at=_at(day, 11),
                                         title="Làm việc với Bộ")
    c = _client(office.leader)
    data = {"person": member.pk, "day": day.isoformat(), "starts": "10:00", "ends": "12:00", "title": "Tiếp khách",
            "kind": "tiep"}
    r = c.post(reverse("programs:calendar_add"), data)
    html = r.content.decode()
    assert r.status_code == 409 and "Lịch này trùng giờ với" in html and ": Làm việc với Bộ" in html
    assert "Vẫn xếp dù trùng lịch" in html
    assert 'value="Tiếp khách"' in html  # nothing typed is lost
    assert ScheduleEntry.objects.count() == 1
    r = c.post(reverse("programs:calendar_add"), {**data, "confirmed": "on"})
    assert r.status_code == 302 and r["Location"].endswith(f"?tuan={MONDAY.isoformat()}")
    assert ScheduleEntry.objects.count() == 2


@pytest.mark.parametrize(("change", "words"), [
    ({"ends": "07:00"}, "Giờ kết thúc phải sau giờ bắt đầu"),
    ({"title": ""}, "bắt buộc"),
    ({"day": "32/13/2026"}, "Ngày"),
    ({"kind": "du_tiec"}, "Loại"),
    ({"person": "999999999"}, "Lãnh đạo"),
])
def test_bad_schedule_input_is_refused_and_nothing_saved(office, change, words):
    member = _leader("Đỗ Văn Sai")
    data = {"person": member.pk, "day": MONDAY.isoformat(), "starts": "08:00", "ends": "09:00", "title": "Làm việc",
            "kind": "lam_viec", **change}
    r = _client(office.leader).post(reverse("programs:calendar_add"), data)
    assert r.status_code == 400 and words in r.content.decode()
    assert not ScheduleEntry.objects.exists()


def test_a_meeting_the_person_may_not_see_is_neither_shown_nor_a_clash(office):
    from vanphong.meetings.models import Meeting, Participant

    member = _leader("Vũ Văn Họp")
    day = MONDAY + timedelta(days=2)
    meeting = Meeting.objects.create(kind=Meeting.Kind.POLITBURO, body=Body.objects.get(short_name="BCT"),
                                     title="Phiên họp kín XYZKIN", starts_at=_at(day, 8), ends_at=_at(day, 12),
                                     created_by=office.leader, classification=Classification.TOI_MAT)
    Participant.objects.create(meeting=meeting, person=member)
    assert "Phiên họp kín XYZKIN" in _week(_client(office.leader))
    html = _week(_client(office.thuong))
    assert "XYZKIN" not in html and ">Trùng lịch<" not in html
    # The booking of someone who may not see the meeting is not asked to confirm a clash it would reveal.
    clash = queries.clashes_with(office.thuong, member.pk, _at(day, 9), _at(day, 10))
    assert clash == []
