"""Cases in the one search: their summary and the text of their letters, redacted; never who wrote them.

No sender's name, address or contact is indexed for any letter, protected or not (a complaint's text is
redacted for the index as a denunciation's is for everyone), so the index can never hold a denouncer, not even
one whose letter was classified as a denunciation after it was indexed.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from vanphong.petitions import protection
from vanphong.petitions.models import PetitionCase
from vanphong.search.registry import IndexDoc, RecordSpec, register

LETTERS_CHARS = 100_000


def _document(case: PetitionCase) -> IndexDoc:
    texts, room, people = [], LETTERS_CHARS, []
    letters = list(case.letters.all())
    for letter in letters:
        people += protection.identities(letter)
    for letter in letters:
        if room <= 0:
            break
        # A protected letter is kept redacted; any other is redacted here, for the index only.
        text = letter.content if letter.protected else protection.redact(letter.content, people)
        texts.append(text[:room])
        room -= len(text)
    return IndexDoc(
        title=" ".join(p for p in (case.get_kind_display(), protection.redact(case.title, people),
                                   case.respondent_name) if p),
        body="\n".join(texts),
        day=case.received_on,
        units=(case.unit_id,) if case.unit_id else (),
        bodies=tuple(b for b in (case.respondent_body_id, case.forwarded_to_id) if b),
        places=(case.locality_id,) if case.locality_id else (),
    )


def _rows() -> Any:
    return PetitionCase.objects.prefetch_related("letters__senders__sealed")


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
