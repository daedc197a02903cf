"""The meeting's flow: planned → prepared → held → minutes approved (locked); cancel gives the agenda back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.meetings.conftest import new_meeting
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Body
from vanphong.meetings import services
from vanphong.meetings.flows import MEETING
from vanphong.meetings.models import Meeting
from vanphong.meetings.services import MeetingData
from vanphong.programs.models import Proposal
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db
M = Meeting.Status


def _held(cycle):
    m = new_meeting(cycle, days=-0.5)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Báo cáo tình hình")
    m = services.check_step(cycle.organiser, m.pk, "prepare", r.meeting.version)
    return services.check_step(cycle.organiser, m.pk, "hold", m.version)


def test_bad_meeting_data_is_refused_with_a_reason(cycle):
    start = timezone.now() + timedelta(days=1)
    base = dict(kind="phien_hop_bct", body=cycle.bct, title="Phiên họp", starts_at=start,
                ends_at=start + timedelta(hours=2))
    with pytest.raises(ServiceError, match="Giờ kết thúc"):
        services.check_create_meeting(cycle.organiser, MeetingData(**{**base, "ends_at": start}))
    with pytest.raises(ServiceError, match="tên phiên họp"):
        services.check_create_meeting(cycle.organiser, MeetingData(**{**base, "title": "  "}))
    with pytest.raises(ServiceError, match="cơ quan lãnh đạo"):
        services.check_create_meeting(cycle.organiser, MeetingData(**{**base, "body": Body.objects.get(
            short_name="BTCTW")}))
    with pytest.raises(ServiceError):
        services.check_create_meeting(cycle.organiser, MeetingData(**{**base,
                                                                      "classification": Classification.TUYET_MAT}))
    with pytest.raises(Forbidden):
        services.check_create_meeting(cycle.office.users["thuong"], MeetingData(**base))
    assert not Meeting.objects.filter(title="Phiên họp").exists()


def test_preparing_needs_an_agenda(cycle):
    m = new_meeting(cycle)
    with pytest.raises(ServiceError, match="chưa có nội dung"):
        services.check_step(cycle.organiser, m.pk, "prepare", m.version)
    m.refresh_from_db()
    assert m.status == M.PLANNED


def test_a_meeting_is_not_held_before_it_starts(cycle):
    m = new_meeting(cycle, days=2)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Một")
    m = services.check_step(cycle.organiser, m.pk, "prepare", r.meeting.version)
    with pytest.raises(Forbidden, match="chưa đến giờ"):
        services.check_step(cycle.organiser, m.pk, "hold", m.version)


def test_minutes_are_approved_by_another_person_then_locked(cycle):
    m = _held(cycle)
    m = services.check_write_minutes(cycle.organiser, m.pk, m.version, "Biên bản phiên họp: thống nhất các nội dung.")
    with pytest.raises(Forbidden, match="hai người"):
        services.check_step(cycle.organiser, m.pk, "approve_minutes", m.version)
    m = services.check_step(cycle.colleague, m.pk, "approve_minutes", m.version)
    assert m.status == M.CLOSED and m.minutes_approved_at is not None and m.minutes_approved_by == cycle.colleague
    with pytest.raises(ServiceError, match="khóa"):
        services.check_write_minutes(cycle.organiser, m.pk, m.version, "Sửa sau khi khóa")
    m.refresh_from_db()
    assert m.minutes == "Biên bản phiên họp: thống nhất các nội dung."
    assert [s.transition for s in MEETING.timeline(m)] == ["create", "prepare", "hold", "approve_minutes"]


def test_empty_minutes_cannot_be_approved(cycle):
    m = _held(cycle)
    with pytest.raises(Forbidden, match="chưa có nội dung"):
        services.check_step(cycle.colleague, m.pk, "approve_minutes", m.version)


def test_concurrent_minutes_edits_conflict(cycle):
    m = _held(cycle)
    services.check_write_minutes(cycle.organiser, m.pk, m.version, "Bản của người thứ nhất")
    with pytest.raises(Conflict):
        services.check_write_minutes(cycle.colleague, m.pk, m.version, "Bản của người thứ hai")
    m.refresh_from_db()
    assert m.minutes == "Bản của người thứ nhất"


def test_cancelling_needs_a_reason_and_gives_the_proposals_back(cycle):
    m = new_meeting(cycle)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=cycle.proposal.pk)
    with pytest.raises(ServiceError, match="lý do"):
        services.check_step(cycle.organiser, m.pk, "cancel", r.meeting.version)
    services.check_step(cycle.organiser, m.pk, "cancel", r.meeting.version, note="Lùi sang tuần sau")
    cycle.proposal.refresh_from_db()
    assert cycle.proposal.status == Proposal.Status.APPRAISED


def test_a_stale_step_is_a_conflict(cycle):
    m = new_meeting(cycle)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Một")
    with pytest.raises(Conflict):
        services.check_step(cycle.organiser, m.pk, "prepare", m.version)
    services.check_step(cycle.organiser, m.pk, "prepare", r.meeting.version)
