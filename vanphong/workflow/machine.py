"""The one state-machine mechanism: named transitions with permission checks, four eyes, history and audit.

Each stateful record type declares a `Machine` (its states and transitions) once, in its app's `flows.py`. Every
change of state goes through `Machine.apply`, which in one transaction locks the record, checks that the move is
possible from the current state, that this person may make it (and is not the one an earlier step excludes),
that nobody changed the record meanwhile (its version), runs the app's own effect (numbering, notices, …),
saves, and writes the step to the record's history and to the audit chain. Pages list `available` moves as
buttons; a move that is not possible answers with a Vietnamese sentence saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.security.audit import record_event
from vanphong.text import normalize
from vanphong.workflow.models import Step

# (person, record) -> None when allowed, else the reason in Vietnamese.
Guard = Callable[[Any, Any], str | None]
Effect = Callable[[Any, Any, Mapping[str, Any]], None]

MACHINES: dict[str, Machine] = {}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str  # the button, a verb: "Trình lãnh đạo"
    guard: Guard
    # Runs inside the transaction after the checks and before the save: it may change fields of the record,
    # write other rows, or raise ServiceError to refuse (then nothing of the step remains).
    effect: Effect | None = None
    # This step may not be taken by the person who took the named earlier step (four eyes).
    not_by_actor_of: tuple[str, ...] = ()
    # The step needs a note (a reason for returning, a comment of the direction).
    needs_note: bool = False
    style: str = "primary"  # how the page shows the button: primary, secondary, warning
    # Keys of the step's data never kept in its history (a passphrase).
    private: tuple[str, ...] = ()


@dataclass
class Machine:
    name: str  # "documents.outgoing"
    states: dict[str, str]  # value -> label
    transitions: dict[str, Transition] = field(default_factory=dict)
    field: str = "status"
    # Written to the audit log instead of the record's title when the record is classified (see security.audit).
    snapshot: Callable[[Any], dict[str, Any]] | None = None

    def __post_init__(self) -> None:
        MACHINES[self.name] = self

    def add(self, *transitions: Transition) -> Machine:
        for t in transitions:
            unknown = [s for s in (*t.sources, t.target) if s not in self.states]
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown states {unknown}")
            self.transitions[t.name] = t
        return self

    def state_of(self, record: Any) -> str:
        return str(getattr(record, self.field))

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    # --- what a person may do ---------------------------------------------------------------------------------
    def refusal(self, user: Any, record: Any, name: str) -> str | None:
        """Why `user` may not take step `name` now; None if they may."""
        t = self.transitions.get(name)
        if t is None:
            return "Thao tác này không có trong quy trình."
        state = self.state_of(record)
        if state not in t.sources:
            return f"Không thể “{t.label.lower()}” khi đang ở bước “{self.label(state)}”."
        reason = t.guard(user, record)
        if reason:
            return reason
        if t.not_by_actor_of and _actors_of(self.name, record.pk, t.not_by_actor_of) & {user.pk}:
            return f"Người đã làm bước trước không được tự “{t.label.lower()}” (nguyên tắc hai người)."
        return None

    def available(self, user: Any, record: Any) -> list[Transition]:
        return [t for t in self.transitions.values() if self.refusal(user, record, t.name) is None]

    # --- taking a step ----------------------------------------------------------------------------------------
    def apply(self, user: Any, record: models.Model, name: str, *, expected_version: int | None = None,
              note: str = "", data: Mapping[str, Any] | None = None) -> Any:
        """Take step `name` on `record` as `user`; returns the record as saved. Raises ServiceError subclasses."""
        note = normalize(note).strip()
        data = {**(data or {}), "note": note}
        t = self.transitions.get(name)
        if t is None:
            raise ServiceError("Thao tác này không có trong quy trình.")
        if t.needs_note and not note:
            raise ServiceError(f"Hãy ghi lý do hoặc ý kiến khi “{t.label.lower()}”.", field="note")
        model = type(record)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=record.pk)
            version = getattr(locked, "version", None)
            if expected_version is not None and version is not None and version != expected_version:
                raise Conflict()
            source = self.state_of(locked)
            if source not in t.sources:
                if expected_version is None and source == t.target:
                    raise Conflict(f"Bước “{t.label.lower()}” đã được làm rồi; hãy tải lại trang.")
                raise ServiceError(f"Không thể “{t.label.lower()}” khi đang ở bước “{self.label(source)}”.")
            reason = self.refusal(user, locked, name)
            if reason:
                raise Forbidden(reason)
            old = self.snapshot(locked) if self.snapshot else {self.field: source}
            if t.effect is not None:
                t.effect(user, locked, data)
            setattr(locked, self.field, t.target)
            if version is not None:
                locked.version = version + 1  # type: ignore[attr-defined]
            locked.save()
            Step.objects.create(machine=self.name, record_id=locked.pk, transition=t.name, source=source,
                                target=t.target, actor=user, note=note[:4000],
                                data=_kept(data, ("note", *t.private)))
            new = self.snapshot(locked) if self.snapshot else {self.field: t.target}
            record_event(f"{self.name}.{t.name}", actor=user, obj=locked, old=old,
                         new={**new, **({"note": note[:200]} if note and not _classified(locked) else {})})
        return locked

    def start(self, user: Any, record: models.Model, state: str, note: str = "") -> None:
        """Write the first step of a record just created in `state` (the creating service audits it)."""
        if state not in self.states:
            raise ValueError(f"{self.name}: unknown state {state}")
        Step.objects.create(machine=self.name, record_id=record.pk, transition="create", source="", target=state,
                            actor=user, note=normalize(note)[:4000])

    def history(self, record: Any) -> models.QuerySet[Step]:
        return Step.objects.filter(machine=self.name, record_id=record.pk).select_related("actor__person")

    def timeline(self, record: Any) -> list[Step]:
        """The record's steps, oldest first, each with `label` (what was done) and `target_label` (where to)."""
        steps = list(self.history(record))
        for step in steps:
            t = self.transitions.get(step.transition)
            step.label = t.label if t else ("Tạo" if step.transition == "create" else step.transition)  # type: ignore[attr-defined]
            step.target_label = self.label(step.target)  # type: ignore[attr-defined]
        return steps


def _classified(record: Any) -> bool:
    return int(getattr(record, "classification", 0) or 0) > 0


def _kept(data: Mapping[str, Any], left_out: tuple[str, ...]) -> dict[str, Any]:
    """What of a step's data its history keeps: plain values, dates as ISO text; never the private keys."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k in left_out:
            continue
        if isinstance(v, date):
            out[k] = v.isoformat()
        elif v is None or isinstance(v, str | int | float | bool | list | dict):
            out[k] = v
    return out


def _actors_of(machine: str, record_id: int, transitions: tuple[str, ...]) -> set[int]:
    return set(Step.objects.filter(machine=machine, record_id=record_id, transition__in=transitions)
               .values_list("actor_id", flat=True))

