"""The search filters as a person chooses them, shared by the search page and the API.

The page reads its form leniently (a bad value is dropped and said); the API validates strictly (422) and then
goes through the same `SearchFilters.settle` so both swap a reversed date range and honour only the
classification levels the person may see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vanphong.core.ids import parse_id
from vanphong.search import registry
from vanphong.search.query import Filters
from vanphong.security.classification import Classification, installation_ceiling

SWAPPED_NOTE = "“Từ ngày” sau “Đến ngày”: đã đổi chỗ hai ngày cho nhau."


@dataclass
class SearchFilters:
    """The filters of one search; `notes` says what was dropped or changed, in words."""

    record_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    unit: int | None = None
    body: int | None = None
    place: int | None = None
    level: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def filters(self) -> Filters:
        return Filters(
            types=(self.record_type,) if self.record_type else (),
            date_from=self.date_from, date_to=self.date_to, unit=self.unit, body=self.body, place=self.place,
            classifications=(self.level,) if self.level is not None else (),
        )

    @property
    def active(self) -> int:
        """How many filters narrow the search, for the filter panel's summary."""
        values = (self.record_type, self.date_from, self.date_to, self.unit, self.body, self.place)
        return sum(1 for v in values if v) + (self.level is not None)

    def settle(self, user: Any) -> SearchFilters:
        """Turn a reversed date range round (and say so); drop a level the person may not filter by."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            self.date_from, self.date_to = self.date_to, self.date_from
            self.notes.append(SWAPPED_NOTE)
        # A level above what the person may see would find nothing anyway; drop it rather than hint at it.
        if self.level is not None and self.level not in search_levels(user):
            self.level = None
        return self


def read_search_filters(params: Mapping[str, str], user: Any) -> SearchFilters:
    """The page's filters from its query string (loai, tu_ngay, den_ngay, don_vi, co_quan, dia_ban, do_mat)."""
    chosen = SearchFilters()
    record_type = params.get("loai", "")
    chosen.record_type = record_type if record_type in registry.SPECS else ""
    for name, attr, label in (("tu_ngay", "date_from", "Từ ngày"), ("den_ngay", "date_to", "Đến ngày")):
        value = params.get(name, "")
        day = parse_date_or_none(value)
        if value.strip() and day is None:
            chosen.notes.append(f"“{label}” không phải một ngày (ngày/tháng/năm); đã tìm mà không theo ngày này.")
        setattr(chosen, attr, day)
    chosen.unit = parse_id(params.get("don_vi"))
    chosen.body = parse_id(params.get("co_quan"))
    chosen.place = parse_id(params.get("dia_ban"))
    level = params.get("do_mat", "")
    if level.isascii() and level.isdigit() and len(level) <= 2:
        chosen.level = int(level)
    return chosen.settle(user)


def search_levels(user: Any) -> list[Classification]:
    """The classification levels a person may filter by: up to their clearance and the installation ceiling."""
    top = min(int(user.clearance), int(installation_ceiling()))
    return [c for c in Classification if c <= top]


def parse_date_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None
