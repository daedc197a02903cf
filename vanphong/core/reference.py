"""Reference data every installation starts with: places from the gazetteer package, bodies and terms from
core/data/bodies.json. Loaders are idempotent and take model classes, so migrations can use historical models."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from vanphong.text import collation_key, fold, normalize

DATA = Path(__file__).parent / "data"
REORGANISATION_DAY = date(2025, 7, 1)
LAST_DAY_BEFORE = date(2025, 6, 30)


def gazetteer() -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, list[str]]]:
    """(current 34, former 63, current key → former keys) from the vietnamadminunits package."""
    from vietnamadminunits.database import get_data

    fields = ["province", "provinceShort", "provinceCode", "provinceKey"]
    current = get_data(fields=fields, table="admin_units")
    former = get_data(fields=fields, table="admin_units_legacy")
    import vietnamadminunits

    mapping_path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    mapping = json.loads(mapping_path.read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return current, former, mapping


def _kind(full_name: str) -> str:
    return "thanh_pho" if full_name.startswith("Thành phố") else "tinh"


def _place_fields(row: dict[str, str]) -> dict[str, Any]:
    short = normalize(row["provinceShort"])
    return {
        "name": normalize(row["province"]),
        "short_name": short,
        "kind": _kind(row["province"]),
        "key": fold(short),
        "sort_key": collation_key(short),
    }


def load_places(place_model: Any) -> int:
    current, former, mapping = gazetteer()
    by_key: dict[str, Any] = {}
    for row in current:
        obj, _ = place_model.objects.update_or_create(
            code=row["provinceCode"], valid_to=None,
            defaults={**_place_fields(row), "valid_from": REORGANISATION_DAY},
        )
        by_key[row["provinceKey"]] = obj
    successor_of = {old: new for new, olds in mapping.items() for old in olds}
    for row in former:
        new_key = successor_of.get(row["provinceKey"])
        place_model.objects.update_or_create(
            code=row["provinceCode"], valid_to=LAST_DAY_BEFORE,
            defaults={**_place_fields(row), "successor": by_key.get(new_key) if new_key else None},
        )
    return len(current) + len(former)


def ensure_reference_data(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put back the places, bodies and terms when a table flush emptied them (the data migration
    only runs once). A no-op when they are there."""
    from vanphong.core.models import Body, Place, Term

    if using != "default":
        return  # the loaders write through the default managers
    if not Place.objects.exists():
        load_places(Place)
    if not Body.objects.exists():
        load_bodies(Body, Term, Place)


def load_bodies(body_model: Any, term_model: Any, place_model: Any) -> int:
    data = json.loads((DATA / "bodies.json").read_text(encoding="utf-8"))
    made: dict[str, Any] = {}
    for row in data["bodies"]:
        name = normalize(row["name"])
        obj, _ = body_model.objects.update_or_create(
            name=name, kind=row["kind"],
            defaults={
                "short_name": row.get("short_name", ""),
                "abbreviation": row.get("abbreviation", ""),
                "order": row.get("order", 100),
                "parent": made.get(row.get("parent", "")),
                "valid_from": date.fromisoformat(row["valid_from"]) if row.get("valid_from") else None,
                "sort_key": collation_key(name),
            },
        )
        made[row["key"]] = obj
    for place in place_model.objects.filter(valid_to__isnull=True):
        prefix = "Thành ủy" if place.kind == "thanh_pho" else "Tỉnh ủy"
        name = f"{prefix} {place.short_name}"
        body_model.objects.update_or_create(
            name=name, kind="tinh_uy",
            defaults={"abbreviation": "TU", "place": place, "order": 200, "parent": made.get("bchtw"),
                      "valid_from": REORGANISATION_DAY, "sort_key": collation_key(name)},
        )
    for row in data["terms"]:
        term_model.objects.update_or_create(
            body=made[row["body"]], number=row["number"],
            defaults={"name": row["name"], "start": date.fromisoformat(row["start"]),
                      "end": date.fromisoformat(row["end"]) if row["end"] else None},
        )
    return body_model.objects.count()
