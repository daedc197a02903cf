"""Meetings in the one search: title, agenda, body and day; classified like the meeting."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from vanphong.meetings.models import Meeting
from vanphong.search.registry import IndexDoc, RecordSpec, register


def _document(m: Meeting) -> IndexDoc:
    agenda = "\n".join(i.title for i in m.agenda.all())
    return IndexDoc(
        title=m.title,
        body=f"{m.get_kind_display()}. {m.place}\n{agenda}",
        day=timezone.localdate(m.starts_at),
        units=(m.office_unit_id,) if m.office_unit_id else (),
        bodies=(m.body_id,),
    )


def _rows() -> QuerySet[Meeting]:
    return Meeting.objects.prefetch_related("agenda")


register(RecordSpec(
    type="meeting",
    label="Hội nghị, phiên họp",
    model=Meeting,
    document=_document,
    url=lambda pk: reverse("meetings:meeting", args=[pk]),
    queryset=_rows,
    classified=True,
    # meetings.services logs every change itself (agenda edits change the meeting's index text).
    signals=False,
    order=30,
))
