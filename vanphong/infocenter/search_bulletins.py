"""Issued bulletins in the one search: their title, intro and entries. Drafts are not indexed (a draft is not the
office's information yet), so search never shows a bulletin before its readers receive it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from vanphong.infocenter.models import Bulletin
from vanphong.search.registry import IndexDoc, RecordSpec, register


def _document(b: Bulletin) -> IndexDoc:
    parts = [b.intro]
    for e in b.entries.all():
        parts += [e.heading, e.summary, e.comment]
    number = f" số {b.number}/{b.year}" if b.number else ""
    return IndexDoc(title=f"{b.get_kind_display()}{number}: {b.title}", body="\n".join(p for p in parts if p),
                    day=b.period_end)


def _rows() -> Any:
    return Bulletin.objects.filter(status=Bulletin.Status.ISSUED).prefetch_related("entries")


register(RecordSpec(
    type="bulletin",
    label="Bản tin",
    model=Bulletin,
    document=_document,
    url=lambda pk: reverse("infocenter:bulletin", args=[pk]),
    queryset=_rows,
    classified=True,
    # Only the issue step makes a bulletin searchable, and it logs the change itself.
    signals=False,
    order=60,
))
