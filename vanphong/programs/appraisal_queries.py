"""Reading proposals and appraisals: lists with filters, lateness (one definition), and the desk rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from vanphong.core.desk import DeskRow
from vanphong.programs.flows import APPROVE_RIGHT
from vanphong.programs.models import Appraisal, Proposal
from vanphong.security import policy

P = Proposal.Status

# Until the dossier reaches the office, the lead body is the one who may be late.
NOT_YET_SUBMITTED = (P.PREPARING, P.RETURNED)


def late_q(today: date) -> Q:
    """The one definition of a late proposal: not (re)submitted to the office and its due date has passed."""
    return Q(status__in=NOT_YET_SUBMITTED, due__isnull=False, due__lt=today)


def is_late(p: Proposal, today: date) -> bool:
    return p.status in NOT_YET_SUBMITTED and p.due is not None and p.due < today


@dataclass
class ProposalFilters:
    status: str = ""
    lead_body: int | None = None
    late: bool = False
    q: str = ""


def proposals(user: Any, f: ProposalFilters | None = None, today: date | None = None) -> QuerySet[Proposal]:
    from django.utils import timezone

    from vanphong.text import fold

    f = f or ProposalFilters()
    today = today or timezone.localdate()
    qs = policy.visible(user, Proposal.objects.select_related("lead_body", "office_unit", "item"))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.lead_body:
        qs = qs.filter(lead_body_id=f.lead_body)
    if f.late:
        qs = qs.filter(late_q(today))
    if f.q.strip():
        qs = qs.filter(title_key__contains=fold(f.q.strip()))
    return qs.order_by("due", "-created_at")


def desk(user: Any, today: date, limit: int) -> list[DeskRow]:
    """What awaits this person: rounds to draft (I appraise them), reports to approve (not mine), and proposals
    my unit follows that are late."""
    rows: list[DeskRow] = []
    base = policy.visible_through(user, Appraisal.objects.select_related("proposal"), "proposal", Proposal)
    for a in base.filter(status=Appraisal.Status.OPEN, appraisers=user).order_by("proposal__due")[:limit]:
        p = a.proposal
        rows.append(DeskRow(kind="Thẩm định", title=p.title, url=p.get_absolute_url(), due=p.due,
                            note=f"Thẩm định lần {a.round}: ghi kết quả, dự thảo báo cáo",
                            classification=p.classification))
    if user.has_perm(APPROVE_RIGHT):
        unit_id = user.unit_id_or_none
        mine = Q(proposal__office_unit_id=unit_id) if unit_id else Q()
        if policy.sees_all_classified(user):
            mine = Q()
        review = base.filter(mine, status=Appraisal.Status.REVIEW).exclude(drafted_by=user)
        for a in review.order_by("updated_at")[:limit]:
            p = a.proposal
            rows.append(DeskRow(kind="Duyệt thẩm định", title=p.title, url=p.get_absolute_url(), due=p.due,
                                note=f"Báo cáo thẩm định lần {a.round} chờ duyệt", classification=p.classification,
                                urgent=True))
    unit_id = user.unit_id_or_none
    if unit_id is not None:
        late = policy.visible(user, Proposal.objects.filter(late_q(today), office_unit_id=unit_id))
        for p in late.select_related("lead_body").order_by("due")[:limit]:
            days = (today - p.due).days if p.due else 0
            rows.append(DeskRow(kind="Đề án chậm", title=p.title, url=p.get_absolute_url(), due=p.due, overdue=True,
                                note=f"{p.lead_body.short_name or p.lead_body.name}: chậm {days} ngày",
                                classification=p.classification))
    return rows[:limit]


def proposal_url(pk: int) -> str:
    return reverse("programs:proposal", args=[pk])
