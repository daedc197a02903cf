"""The registry of searchable record types: each app registers its types in its own `search_index.py`."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class IndexDoc:
    """What the index holds of one record, besides its access list (taken from the record by the engine)."""

    title: str
    body: str = ""
    day: date | None = None
    units: tuple[int, ...] = ()
    bodies: tuple[int, ...] = ()
    places: tuple[int, ...] = ()


@dataclass(frozen=True)
class RecordSpec:
    """One searchable record type.

    `queryset` returns the rows to index (with what `document` reads already joined); `classified` says the model
    is a ClassifiedRecord, so its classification and access list go into the index and every hit is re-checked
    by the policy. `signals` logs changes on save/delete; types whose services use QuerySet.update() log
    explicitly with `changes.record_changed` instead. `related` maps another model to the ids of this type a
    change of it affects (a person's titles live in Position).
    """

    type: str
    label: str
    model: builtins.type[models.Model]
    document: Callable[[Any], IndexDoc]
    url: Callable[[int], str]
    queryset: Callable[[], models.QuerySet[Any]] | None = None
    classified: bool = False
    signals: bool = True
    order: int = 100
    related: tuple[tuple[builtins.type[models.Model], Callable[[Any], Iterable[int | None]]], ...] = field(default=())

    def rows(self) -> models.QuerySet[Any]:
        qs = self.queryset() if self.queryset is not None else self.model._default_manager.all()
        if self.classified:
            qs = qs.prefetch_related("shared_with_users", "shared_with_units")
        return qs


SPECS: dict[str, RecordSpec] = {}


def register(spec: RecordSpec) -> None:
    if spec.type in SPECS and SPECS[spec.type].model is not spec.model:
        raise ValueError(f"Search type {spec.type!r} is registered twice.")
    SPECS[spec.type] = spec


def spec_for_model(model: type[models.Model]) -> RecordSpec | None:
    for spec in SPECS.values():
        if spec.model is model:
            return spec
    return None


def ordered() -> list[RecordSpec]:
    return sorted(SPECS.values(), key=lambda s: (s.order, s.type))


def discover() -> None:
    autodiscover_modules("search_index")
