"""The proposals part of the demo: a proposal at every stage for the year's items, through the services."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import make_user
from tests.programs.appraisal_office_part import lead_body
from vanphong.core.models import Body, Term
from vanphong.core.roles import Role
from vanphong.programs import demo_appraisal
from vanphong.programs.models import ProgramItem, Proposal, ProposalReminder, WorkProgram
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def _ctx(office):
    head = make_user("demo-truong", clearance=Classification.TUYET_MAT, unit=office.unit, roles=(Role.UNIT_HEAD,))
    staff = [SimpleNamespace(user=office.users[k], role=Role.SPECIALIST) for k in ("tuyetmat", "toimat", "mat")]
    staff.append(SimpleNamespace(user=head, role=Role.UNIT_HEAD))
    return SimpleNamespace(seed=1, today=timezone.localdate(), units={"tong-hop": office.unit},
                           by_unit={office.unit.code: staff}, chief=SimpleNamespace(user=office.users["leader"]),
                           report=SimpleNamespace(parts={}), say=lambda s: None)


def test_nothing_without_items(office):
    before = set(Proposal.objects.values_list("pk", flat=True))  # the test office's own proposals
    ctx = _ctx(office)
    ctx.today = ctx.today.replace(year=ctx.today.year + 5)  # a year with no programme items
    demo_appraisal.build(ctx)
    assert set(Proposal.objects.values_list("pk", flat=True)) == before


def test_proposals_at_every_stage(office):
    ctx = _ctx(office)
    today = ctx.today
    body = Body.objects.filter(kind=Body.Kind.LEADERSHIP).first()
    term = Term.objects.filter(body=body).first() or Term.objects.create(body=body, number=99, name="Khóa thử",
                                                                         start=today - timedelta(days=400))
    program = WorkProgram.objects.create(body=body, term=term, period="nam", year=today.year, start=today,
                                         end=today + timedelta(days=300), title="Chương trình công tác năm",
                                         created_by=office.users["leader"])
    for i, offset in enumerate([-30, -10, -9, -3, -2, 5, 6, 10, 12, 30, 40, 50, 90, 120, 150]):
        ProgramItem.objects.create(program=program, title=f"Đề án số {i} về phát triển vùng", lead_body=lead_body(),
                                   office_unit=office.unit, planned_start=today - timedelta(days=60),
                                   planned_end=today + timedelta(days=offset), created_by=office.users["leader"],
                                   classification=i % 2)
    demo_appraisal.build(ctx)
    statuses = Counter(Proposal.objects.filter(item__isnull=False).values_list("status", flat=True))
    for s in (Proposal.Status.PREPARING, Proposal.Status.SUBMITTED, Proposal.Status.APPRAISING,
              Proposal.Status.RETURNED, Proposal.Status.APPRAISED):
        assert statuses[s] >= 1, statuses
    assert Proposal.objects.filter(appraisals__round=2).exists()  # re-submitted and taken up again
    assert ProposalReminder.objects.exists()
    assert ProgramItem.objects.filter(status=ProgramItem.Status.SUBMITTED).exists()
