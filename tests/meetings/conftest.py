"""Fixtures of the meetings tests: an appraised proposal of the Politburo's programme with a dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import make_user
from vanphong.core.models import Body, Term
from vanphong.core.roles import Role
from vanphong.documents.models import Document, DocumentType, Issuer
from vanphong.meetings.services import MeetingData, check_create_meeting
from vanphong.programs.models import ProgramItem, Proposal, WorkProgram
from vanphong.security.classification import Classification


@dataclass
class Cycle:
    office: Any
    bct: Body
    organiser: Any
    colleague: Any
    item: ProgramItem
    proposal: Proposal


def make_doc(office: Any, summary: str, level: int) -> Document:
    doc = Document.objects.create(
        direction=Document.Direction.OUTGOING, status=Document.Status.DRAFT,
        doc_type=DocumentType.objects.filter(system="party", code="ĐA").first(),
        issuer=Issuer.objects.get(system="party", code="VPTW"), issuer_name="Ban Tổ chức Trung ương",
        summary=summary, classification=level, created_by=office.users["leader"],
    )
    return doc


def make_proposal(office: Any, bct: Body, title: str, level: int = Classification.MAT,
                  status: str = Proposal.Status.APPRAISED) -> Proposal:
    leader = office.users["leader"]
    term = Term.objects.get(body__short_name="BCH TW", number=14)
    year = timezone.localdate().year
    program, _ = WorkProgram.objects.get_or_create(
        body=bct, term=term, period=WorkProgram.Period.YEAR, year=year, number=0,
        defaults={"start": date(year, 1, 1), "end": date(year, 12, 31), "title": f"Chương trình công tác năm {year}",
                  "created_by": leader})
    lead = Body.objects.get(short_name="BTCTW")
    item = ProgramItem.objects.create(program=program, title=title, lead_body=lead,
                                      planned_start=date(year, 1, 1), planned_end=date(year, 12, 1),
                                      status=ProgramItem.Status.SUBMITTED, created_by=leader,
                                      classification=level)
    proposal = Proposal.objects.create(item=item, title=title, lead_body=lead, status=status, created_by=leader,
                                       classification=level, office_unit=office.unit)
    # The office unit that follows the proposal sees it, as the appraisal would share it.
    proposal.shared_with_units.add(office.unit)
    item.shared_with_units.add(office.unit)
    return proposal


@pytest.fixture
def cycle(office) -> Cycle:
    bct = Body.objects.get(short_name="BCT")
    organiser = make_user("to-chuc", clearance=Classification.TOI_MAT, unit=office.unit,
                          roles=(Role.UNIT_HEAD,), full_name="Đỗ Văn Tổ Chức")
    colleague = make_user("dong-nghiep", clearance=Classification.TOI_MAT, unit=office.unit,
                          full_name="Vũ Thị Đồng Nghiệp")
    proposal = make_proposal(office, bct, "Đề án về tổ chức bộ máy")
    assert proposal.item is not None
    return Cycle(office, bct, organiser, colleague, proposal.item, proposal)


def new_meeting(c: Cycle, *, hours: float = 2, level: int = Classification.MAT, days: float = 5) -> Any:
    start = timezone.now() + timedelta(days=days)
    return check_create_meeting(c.organiser, MeetingData(
        kind="phien_hop_bct", body=c.bct, title="Phiên họp Bộ Chính trị thường kỳ", starts_at=start,
        ends_at=start + timedelta(hours=hours), classification=level, office_unit=c.office.unit))
