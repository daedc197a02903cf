"""The analysts' keyword rules (KeywordRule rows) as the pipeline uses them, and their seed from data/fields.json.

The compiled rules are kept per process and rebuilt when the rows change: the key is the rows' count and latest
change time, read with one small query per ingest batch, so an edit on one server applies on every server at
the next item, without a shared cache to invalidate.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Count, Max

from vanphong.infocenter.models import KeywordRule
from vanphong.infocenter.pipeline import fields

_lock = threading.Lock()
_compiled: dict[str, Any] = {"key": None, "rules": None, "places": None}


def field_names() -> list[str]:
    return [row["name"] for row in fields.shipped_fields()["fields"]]


def seed_rules(sender: Any = None, **kwargs: Any) -> int:
    """Write the shipped field rules as rows when there are none (a new installation, or after a flush).
    Never touches an analyst's rows. Returns how many were made."""
    using = kwargs.get("using", "default")
    if KeywordRule.objects.using(using).exists():
        return 0
    rows = [KeywordRule(kind=KeywordRule.Kind.FIELD, target=f["name"], phrase=phrase, weight=float(weight))
            for f in fields.shipped_fields()["fields"] for phrase, weight in f["rules"].items()]
    KeywordRule.objects.using(using).bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _state() -> tuple[int, Any]:
    agg = KeywordRule.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return int(agg["n"]), agg["last"]


def current() -> tuple[Any, fields.PlaceRules]:
    """(field rules, locality rules) as the analysts keep them now. With no rows at all (never seeded), the
    shipped fields.json."""
    key = _state()
    with _lock:
        if _compiled["key"] == key:
            return _compiled["rules"], _compiled["places"]
    if key[0] == 0:
        rules, places = fields.field_rules(), fields.build_place_rules([])
    else:
        shipped = fields.shipped_fields()
        by_field: dict[str, dict[str, float]] = {f["name"]: {} for f in shipped["fields"]}
        place_rows: list[tuple[str, str, float]] = []
        for kind, target, phrase, weight in KeywordRule.objects.filter(active=True).values_list(
                "kind", "target", "phrase", "weight"):
            if kind == KeywordRule.Kind.FIELD:
                by_field.setdefault(target, {})[phrase] = weight
            else:
                place_rows.append((phrase, target, weight))
        keys = {f["name"]: f["key"] for f in shipped["fields"]}
        data = {**shipped, "fields": [{"key": keys.get(name, name), "name": name, "rules": rules}
                                      for name, rules in by_field.items()]}
        rules, places = fields.build_rules(data), fields.build_place_rules(place_rows)
    with _lock:
        _compiled.update(key=key, rules=rules, places=places)
    return rules, places


def forget() -> None:
    """Drop the compiled rules (tests; a change through the services is seen by `current` on its own)."""
    with _lock:
        _compiled.update(key=None, rules=None, places=None)
