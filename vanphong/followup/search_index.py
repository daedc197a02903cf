"""Assignments in the one search: title, requirements, deadline and lead unit; classified."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from vanphong.followup.models import Assignment
from vanphong.search.registry import IndexDoc, RecordSpec, register


def _document(a: Assignment) -> IndexDoc:
    return IndexDoc(
        title=a.title,
        body=a.description,
        day=a.deadline or timezone.localdate(a.created_at),
        units=(a.unit_id,) if a.unit_id else (),
    )


register(RecordSpec(
    type="assignment",
    label="Việc được giao",
    model=Assignment,
    document=_document,
    url=lambda pk: reverse("followup:detail", args=[pk]),
    classified=True,
    # followup.services logs every change itself: status changes go through QuerySet.update(), not save().
    signals=False,
    order=10,
))
