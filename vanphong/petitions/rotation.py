"""Changing the field key (VANPHONG_FIELD_KEY): every sealed value (letters' identities, texts and scans; people
received; submissions waiting; people's second-factor secrets) resealed under the new key, and every letter's
match keys (derived from the field key) made again from its sealed identities.

Run with the new key as VANPHONG_FIELD_KEY and the old one(s) in VANPHONG_FIELD_OLD_KEYS (which then only open).
Batches of rows, each in one transaction, with the rows locked: a run stopped half-way leaves every value whole,
under the old key or the new; run again, it goes on with what is left (SealedItem.key_id, Fingerprint.key_id say
which key each row is under). Each run is audited with its counts; no value, name or address is logged. Letters
registered before repeat detection existed have no match keys: they are indexed the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from vanphong.core.models import TwoFactor
from vanphong.petitions import protection, repeats
from vanphong.petitions.models import (
    Fingerprint,
    Petition,
    SealedItem,
    SealedVisitor,
    Submission,
    SubmissionFile,
)
from vanphong.petitions.models.sealing import SealedValue
from vanphong.security import crypto
from vanphong.security.audit import record_event
from vanphong.security.fields import stored_key_id

BATCH = 200


@dataclass
class Rotation:
    key_id: str
    resealed: int = 0
    reindexed: int = 0
    left: int = 0  # rows still under another key after this run (a limit stopped it)


# Every model whose rows are sealed: letters' identities, texts and scans; people received; waiting submissions.
SEALED: tuple[type[SealedValue], ...] = (SealedItem, SealedVisitor, Submission, SubmissionFile)


# Columns sealed in place (security.fields.SealedTextField): people's second-factor secrets.
SEALED_COLUMNS: tuple[tuple[type[models.Model], str], ...] = ((TwoFactor, "secret"),)


def _reseal_batch(key_id: str, size: int) -> int:
    for model in SEALED:
        if n := _reseal_rows(model, key_id, size):
            return n
    for table, column in SEALED_COLUMNS:
        if n := _reseal_column(table, column, key_id, size):
            return n
    return 0


def _stale_in_column(model: type[models.Model], column: str, key_id: str) -> list[Any]:
    """The rows whose stored value (read raw: the field would open it) is under another key or not sealed."""
    rows = model._default_manager.annotate(stored=Cast(column, TextField())).order_by("pk")
    return [pk for pk, value in rows.values_list("pk", "stored") if value and stored_key_id(value) != key_id]


def _reseal_column(model: type[models.Model], column: str, key_id: str, size: int) -> int:
    with transaction.atomic():
        stale = _stale_in_column(model, column, key_id)[:size]
        for row in model._default_manager.select_for_update().filter(pk__in=stale):
            row.save(update_fields=[column])  # read open under its key, written sealed under the current one
        return len(stale)


def _reseal_rows(model: type[SealedValue], key_id: str, size: int) -> int:
    with transaction.atomic():
        ids = list(model._default_manager.exclude(key_id=key_id).order_by("pk").values_list("pk", flat=True)[:size])
        items = list(model._default_manager.select_for_update().filter(pk__in=ids).exclude(key_id=key_id))
        for item in items:
            plain = crypto.unseal(item.data, item.context())  # the old key, found by its id among the old keys
            item.data = crypto.seal(plain, item.context())
            item.save(update_fields=["data"])
        return len(items)


def _unsealed_count(key_id: str) -> int:
    """Rows of every sealed model (and sealed column) not yet under the key `key_id`."""
    return (sum(model._default_manager.exclude(key_id=key_id).count() for model in SEALED)
            + sum(len(_stale_in_column(table, column, key_id)) for table, column in SEALED_COLUMNS))


def _text_as_written(letter: Petition) -> str:
    sealed = letter.sealed.filter(kind=SealedItem.Kind.CONTENT).first()
    return crypto.unseal(sealed.data, sealed.context()).decode() if sealed else letter.content


def _reindex_batch(key_id: str, size: int) -> int:
    with transaction.atomic():
        stale = (Petition.objects.filter(Q(fingerprint__isnull=True) | ~Q(fingerprint__key_id=key_id))
                 .order_by("pk").values_list("pk", flat=True)[:size])
        letters = list(Petition.objects.select_for_update().filter(pk__in=list(stale)))
        secret = repeats.match_secret()
        for letter in letters:
            people = [(protection.identity_of(s), s.place_id) for s in letter.senders.select_related("sealed")]
            repeats.index_letter(letter, people, _text_as_written(letter), secret=secret)
        return len(letters)


def do_rotate(actor: object = None, *, limit: int | None = None,
              progress: Callable[[str], None] | None = None) -> Rotation:
    """Reseal and reindex up to `limit` rows of each (all when None)."""
    key_id = crypto.current_key_id()
    done = Rotation(key_id)
    for step, attr in ((_reseal_batch, "resealed"), (_reindex_batch, "reindexed")):
        while limit is None or getattr(done, attr) < limit:
            n = step(key_id, BATCH if limit is None else min(BATCH, limit - getattr(done, attr)))
            if not n:
                break
            setattr(done, attr, getattr(done, attr) + n)
            if progress:
                progress(f"{attr}: {getattr(done, attr)}")
    done.left = (_unsealed_count(key_id)
                 + Petition.objects.filter(Q(fingerprint__isnull=True) | ~Q(fingerprint__key_id=key_id)).count())
    with transaction.atomic():
        record_event("petitions.field_key_rotated", actor=actor, new={
            "key_id": key_id, "resealed": done.resealed, "reindexed": done.reindexed, "left": done.left})
    return done


def pending() -> int:
    key_id = crypto.current_key_id()
    return (_unsealed_count(key_id)
            + Fingerprint.objects.exclude(key_id=key_id).count()
            + Petition.objects.filter(fingerprint__isnull=True).count())
