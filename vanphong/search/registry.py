"""The registry of searchable record types: each app registers its types in its own `search_index.py`."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.utils.module_loading import autodiscover_modules

# Ids no real record has, put through `RecordSpec.url` once to learn where the id goes in the address: 18
# digits (what `<id:…>` takes), differing from each other in every digit.
_PROBES = (271828182845904523, 382939293956015634)
# (type, script prefix, urlconf) → the address split around the id; None: the id is not in it.
_URL_TEMPLATES: dict[tuple[str, str, str], tuple[str, ...] | None] = {}


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

    def link(self, record_id: int, where: tuple[str, str] | None = None) -> str:
        """`url(record_id)`, without a `reverse()` per hit: each type's address is worked out once.

        The address is learnt from two probe ids, per `url_context()` (the script prefix and urlconf `reverse()`
        depends on; pass it in when linking many hits, reading it costs more than the link). A `url` whose result
        is not the same address with the id swapped in is simply called every time.
        """
        key = (self.type, *(where or url_context()))
        try:
            parts = _URL_TEMPLATES[key]
        except KeyError:
            parts = _URL_TEMPLATES[key] = _url_template(self.url)
        if parts is None:
            return self.url(record_id)
        return str(record_id).join(parts)

    def rows(self) -> models.QuerySet[Any]:
        qs = self.queryset() if self.queryset is not None else self.model._default_manager.all()
        if self.classified:
            qs = qs.prefetch_related("shared_with_users", "shared_with_units")
        return qs


def url_context() -> tuple[str, str]:
    """What `reverse()` reads besides its arguments: the script prefix and the urlconf of this thread."""
    return get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF)


def _url_template(url: Callable[[int], str]) -> tuple[str, ...] | None:
    try:
        first, second = (url(p) for p in _PROBES)
    except (NoReverseMatch, ValueError, LookupError):
        return None
    parts = tuple(first.split(str(_PROBES[0])))
    return parts if str(_PROBES[1]).join(parts) == second else None


SPECS: dict[str, RecordSpec] = {}


def register(spec: RecordSpec) -> None:
    if spec.type in SPECS and SPECS[spec.type].model is not spec.model:
        raise ValueError(f"Search type {spec.type!r} is registered twice.")
    SPECS[spec.type] = spec
    for key in [k for k in _URL_TEMPLATES if k[0] == spec.type]:
        del _URL_TEMPLATES[key]


def spec_for_model(model: type[models.Model]) -> RecordSpec | None:
    for spec in SPECS.values():
        if spec.model is model:
            return spec
    return None


def ordered() -> list[RecordSpec]:
    return sorted(SPECS.values(), key=lambda s: (s.order, s.type))


def discover() -> None:
    autodiscover_modules("search_index")
