"""Programme items in the one search: title, main content, planned end, office unit; classified."""

from __future__ import annotations

from django.urls import reverse

from vanphong.programs.models.programme import ProgramItem
from vanphong.search.registry import IndexDoc, RecordSpec, register


def _document(item: ProgramItem) -> IndexDoc:
    return IndexDoc(
        title=item.title,
        body=item.description,
        day=item.planned_end,
        units=(item.office_unit_id,) if item.office_unit_id else (),
    )


register(RecordSpec(
    type="program_item",
    label="Mục chương trình công tác",
    model=ProgramItem,
    document=_document,
    url=lambda pk: reverse("programs:item", args=[pk]),
    classified=True,
    # programs.services logs every change itself (bulk demo rows and carried-down copies included).
    signals=False,
    order=30,
))
