"""Cases in the one search: their summary and the text of their letters, redacted; never who wrote them.

A protected letter's text is indexed as handlers see it (its sender's details replaced); no sender's name,
address or contact is indexed for any letter, protected or not, so the index can never hold a denouncer.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from vanphong.petitions.models import PetitionCase
from vanphong.search.registry import IndexDoc, RecordSpec, register

LETTERS_CHARS = 100_000


def _document(case: PetitionCase) -> IndexDoc:
    texts, room = [], LETTERS_CHARS
    for letter in case.letters.all():
        if room <= 0:
            break
        texts.append(letter.content[:room])
        room -= len(letter.content)
    return IndexDoc(
        title=" ".join(p for p in (case.get_kind_display(), case.title, case.respondent_name) if p),
        body="\n".join(texts),
        day=case.received_on,
        units=(case.unit_id,) if case.unit_id else (),
        bodies=tuple(b for b in (case.respondent_body_id, case.forwarded_to_id) if b),
        places=(case.locality_id,) if case.locality_id else (),
    )


def _rows() -> Any:
    return PetitionCase.objects.prefetch_related("letters")


register(RecordSpec(
    type="petition_case",
    label="Đơn thư",
    model=PetitionCase,
    document=_document,
    url=lambda pk: reverse("petitions:case", args=[pk]),
    queryset=_rows,
    classified=True,
    # petitions.services logs every change itself (deadlines and redactions are written with update()).
    signals=False,
    order=40,
))
