"""The test office's meetings: one per level with the marker in its title, agenda item and an opinion, shared
with the tuyetmat specialist (a participant), created by the leader (office.cycle["cycmeet" + level])."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.factories import LEVELS, marker
from vanphong.core.models import Body
from vanphong.meetings.flows import MEETING
from vanphong.meetings.models import AgendaItem, Meeting, Opinion, Participant


def add(office: Any) -> None:
    leader, tuyetmat = office.users["leader"], office.users["tuyetmat"]
    bct = Body.objects.get(short_name="BCT")
    start = timezone.now() + timedelta(days=3)
    for level_key, level in LEVELS.items():
        key = f"cycmeet{level_key}"
        m = Meeting.objects.create(
            kind=Meeting.Kind.POLITBURO, body=bct, title=f"Phiên họp Bộ Chính trị {marker(key)}",
            starts_at=start, ends_at=start + timedelta(hours=3), classification=level, created_by=leader,
            status=Meeting.Status.PREPARED, office_unit=office.other_unit,
        )
        m.shared_with_users.add(tuyetmat)
        MEETING.start(leader, m, Meeting.Status.PREPARED)
        item = AgendaItem.objects.create(meeting=m, order=1, title=f"Đề án {marker(key)}", planned_minutes=60)
        Participant.objects.create(meeting=m, person=tuyetmat.person, role=Participant.Role.MEMBER,
                                   clearance=tuyetmat.clearance)
        Opinion.objects.create(agenda_item=item, author_person=tuyetmat.person, text=f"Ý kiến {marker(key)}",
                               received_at=timezone.now(), created_by=leader)
        office.cycle[key] = m
