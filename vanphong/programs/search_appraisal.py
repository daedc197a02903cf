"""Proposals in the one search: title, summary, lead body and office unit; classified."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from vanphong.programs.models import Proposal
from vanphong.search.registry import IndexDoc, RecordSpec, register


def _document(p: Proposal) -> IndexDoc:
    return IndexDoc(
        title=f"{p.get_kind_display()} {p.title}",
        body=p.summary,
        day=p.due or timezone.localdate(p.created_at),
        units=(p.office_unit_id,) if p.office_unit_id else (),
        bodies=tuple(sorted({p.lead_body_id, *(b.pk for b in p.co_bodies.all())})),
    )


def _rows() -> Any:
    return Proposal.objects.select_related("lead_body").prefetch_related("co_bodies")


register(RecordSpec(
    type="proposal",
    label="Đề án, tờ trình",
    model=Proposal,
    document=_document,
    url=lambda pk: reverse("programs:proposal", args=[pk]),
    queryset=_rows,
    classified=True,
    # programs.appraisal logs every change itself (steps go through the workflow machine, not save()).
    signals=False,
    order=30,
))
