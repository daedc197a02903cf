"""Writing the demo's year in bulk: records in batches, their access lists, and their workflow history.

Bulk inserts skip Model.save, so what save would do is done here (text normalised, summary folded, ceiling
checked), and times the database would stamp "now" are set back to when each thing happened. Each step is
checked against its machine as it is planned (it must be a move the flow allows from the record's state), so
a document's history on its page is one the flow could have written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import models

from vanphong.core.models import User
from vanphong.documents.models import Document
from vanphong.security.classification import check_ceiling
from vanphong.text import fold, normalize
from vanphong.workflow.machine import Machine
from vanphong.workflow.models import Step

BATCH = 500
TEXT_FIELDS = ("summary", "body", "issuer_name", "superior_name", "co_issuers", "place", "addressees",
               "recipients_text", "signer_name", "signer_position", "on_behalf_of", "circulation", "note")


@dataclass
class _Planned:
    machine: Machine
    record: Any
    transition: str
    source: str
    target: str
    actor: User
    at: datetime
    note: str
    data: dict[str, Any]


class History:
    """The steps of many records, planned in memory and written once the records have ids."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.planned: list[_Planned] = []
        self.last: dict[int, datetime] = {}

    def when(self, record: Any, at: datetime) -> datetime:
        """`at`, kept after the record's previous step and before now."""
        previous = self.last.get(id(record))
        if previous is not None and at <= previous:
            at = previous + timedelta(minutes=3)
        return min(at, self.now)

    def start(self, machine: Machine, record: Any, actor: User, at: datetime) -> datetime:
        state = machine.state_of(record)
        if state not in machine.states:
            raise ValueError(f"{machine.name}: unknown state {state}")
        at = self.when(record, at)
        self.planned.append(_Planned(machine, record, "create", "", state, actor, at, "", {}))
        self.last[id(record)] = at
        return at

    def move(self, machine: Machine, record: Any, name: str, actor: User, at: datetime, note: str = "",
             data: Mapping[str, Any] | None = None) -> datetime:
        t = machine.transitions[name]
        source = machine.state_of(record)
        if source not in t.sources:
            raise ValueError(f"{machine.name}.{name} is not possible from {source}")
        at = self.when(record, at)
        setattr(record, machine.field, t.target)
        record.version += 1
        self.planned.append(_Planned(machine, record, name, source, t.target, actor, at, note,
                                     {**(data or {}), "note": note}))
        self.last[id(record)] = at
        return at

    def latest(self, record: Any) -> datetime:
        return self.last[id(record)]

    def write(self) -> int:
        steps = [Step(machine=p.machine.name, record_id=p.record.pk, transition=p.transition, source=p.source,
                      target=p.target, actor=p.actor, note=normalize(p.note)[:4000], data=p.data)
                 for p in self.planned]
        Step.objects.bulk_create(steps, batch_size=BATCH)
        for step, p in zip(steps, self.planned, strict=True):
            step.at = p.at  # auto_now_add stamped "now" on the way in
        Step.objects.bulk_update(steps, ["at"], batch_size=BATCH)
        return len(steps)


class Rows:
    """Records of one model to insert together, each with the times it was created and last changed."""

    def __init__(self) -> None:
        self.objects: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.stamps: dict[int, dict[str, datetime]] = {}
        self.links: dict[Any, set[tuple[int, int]]] = defaultdict(set)  # through model -> (left id, right id)
        self.pending_links: list[tuple[Any, str, models.Model, models.Model]] = []

    def add(self, obj: models.Model, **stamps: datetime) -> None:
        self.objects[type(obj)].append(obj)
        self.stamps[id(obj)] = stamps

    def stamp(self, obj: models.Model, **stamps: datetime) -> None:
        self.stamps[id(obj)].update(stamps)

    def link(self, through: Any, left: str, obj: models.Model, other: models.Model) -> None:
        """A many-to-many row (obj on the `left` column), written once both ends have ids."""
        self.pending_links.append((through, left, obj, other))

    def write(self, model: type[models.Model]) -> list[Any]:
        objs = self.objects.get(model, [])
        if model is Document:
            for doc in objs:
                prepare_document(doc)  # type: ignore[arg-type]
        model._default_manager.bulk_create(objs, batch_size=BATCH)
        fields = sorted({f for obj in objs for f in self.stamps[id(obj)]})
        if fields:
            for obj in objs:
                for name, value in self.stamps[id(obj)].items():
                    setattr(obj, name, value)
            model._default_manager.bulk_update(objs, fields, batch_size=BATCH)
        return objs

    def write_links(self) -> int:
        by_through: dict[Any, list[Any]] = defaultdict(list)
        seen: set[tuple[Any, int, int]] = set()
        for through, left, obj, other in self.pending_links:
            right = next(f.attname for f in through._meta.concrete_fields
                         if f.is_relation and f.attname != f"{left}_id")
            key = (through, obj.pk, other.pk)
            if key in seen:
                continue
            seen.add(key)
            by_through[through].append(through(**{f"{left}_id": obj.pk, right: other.pk}))
        for through, rows in by_through.items():
            through.objects.bulk_create(rows, batch_size=BATCH)
        return len(seen)


def prepare_document(doc: Document) -> None:
    """What Document.save does before it writes (text normalised, summary folded), and the ceiling check."""
    check_ceiling(doc.classification)
    for name in TEXT_FIELDS:
        setattr(doc, name, normalize(getattr(doc, name)).strip())
    doc.summary_key = fold(doc.summary)
