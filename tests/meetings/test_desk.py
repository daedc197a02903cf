"""The desk rows of meetings: for the organisers and for the participants."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.meetings.conftest import new_meeting
from vanphong.meetings import queries, services

pytestmark = pytest.mark.django_db


def test_the_desk_shows_meetings_to_prepare_and_minutes_to_approve_to_the_organisers_only(cycle):
    m = new_meeting(cycle, days=3)
    today = timezone.localdate()
    kinds = [r.kind for r in queries.desk(cycle.colleague, today)]
    assert "Phiên họp cần chuẩn bị" in kinds
    assert [r for r in queries.desk(cycle.office.users["outsider"], today) if r.url.startswith(m.get_absolute_url())] \
        == []


def test_a_participant_finds_their_packet_on_the_desk(cycle):
    m = new_meeting(cycle, days=3)
    member = cycle.office.users["outsider"]
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Một")
    services.check_add_participant(cycle.organiser, m.pk, r.meeting.version, person_id=member.person.pk)
    m.refresh_from_db()
    services.check_step(cycle.organiser, m.pk, "prepare", m.version)
    rows = [row for row in queries.desk(member, timezone.localdate()) if row.kind == "Tài liệu họp"]
    assert len(rows) == 1 and "/tai-lieu/" in rows[0].url


def test_a_meeting_is_indexed_with_its_agenda(cycle):
    from vanphong.search.registry import SPECS

    m = new_meeting(cycle)
    services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Tờ trình về chuyển đổi số")
    doc = SPECS["meeting"].document(m)
    assert doc.title == m.title and "Tờ trình về chuyển đổi số" in doc.body and doc.bodies == (cycle.bct.pk,)
    assert SPECS["meeting"].classified
