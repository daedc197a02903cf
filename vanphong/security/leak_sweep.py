"""Registry for the leak sweep (invariant 1): how to fill the parameters of every page route and API route.

Each app lists its parameterised routes in its own `sweep.py`; the sweep test crawls every route as people of
each clearance and fails on any parameterised route that no app registered, so a new route cannot slip by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class RecordParam:
    """The parameter is the id of a classified record: the sweep tries every record of `model`."""

    model: type[models.Model]


@dataclass(frozen=True)
class ValueParam:
    """The parameter takes ordinary values: the sweep tries the ones `values()` returns."""

    values: Callable[[], list[Any]]


Param = RecordParam | ValueParam

PAGES: dict[str, dict[str, Param]] = {}
API: dict[str, dict[str, Param]] = {}


def register_page(url_name: str, **params: Param) -> None:
    PAGES[url_name] = params


def register_api(path_template: str, **params: Param) -> None:
    API[path_template] = params


def discover() -> None:
    autodiscover_modules("sweep")
