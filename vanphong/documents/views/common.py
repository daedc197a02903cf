"""What the văn thư pages share: reading the register filters, a page of rows without counting them all, and
taking a workflow step from a posted form."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.ids import parse_id
from vanphong.documents.queries import RegisterFilters
from vanphong.search.filters import parse_date_or_none
from vanphong.security.classification import Classification, Urgency

PAGE_SIZE = 50


def read_filters(params: QueryDict, statuses: Sequence[str]) -> RegisterFilters:
    """The register filters from the query string (nam, tu_ngay, den_ngay, q, khan, mat, don_vi, trang_thai)."""
    f = RegisterFilters()
    year = params.get("nam", "")
    if year == "":
        f.year = timezone.localdate().year
    elif year != "tat-ca":
        f.year = parse_id(year) if year.isdigit() and len(year) == 4 else None
        if f.year is None:
            f.notes.append("“Năm” không hợp lệ; đã hiện mọi năm.")
    for name, attr in (("tu_ngay", "date_from"), ("den_ngay", "date_to")):
        value = params.get(name, "")
        day = parse_date_or_none(value)
        if value.strip() and day is None:
            f.notes.append("Một ngày lọc không đúng dạng ngày; đã bỏ qua ngày đó.")
        setattr(f, attr, day)
    if f.date_from and f.date_to and f.date_from > f.date_to:
        f.date_from, f.date_to = f.date_to, f.date_from
    f.text = params.get("q", "")[:200]
    urgency = params.get("khan", "")
    f.urgency = int(urgency) if urgency.isdigit() and int(urgency) in Urgency.values else None
    level = params.get("mat", "")
    f.classification = int(level) if level.isdigit() and int(level) in Classification.values else None
    f.unit = parse_id(params.get("don_vi"))
    status = params.get("trang_thai", "")
    f.status = status if status in statuses else ""
    return f


@dataclass
class Page:
    """One page of a long register: counting a million rows for a page number costs more than the page."""

    rows: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(qs: Any, params: QueryDict, size: int = PAGE_SIZE) -> Page:
    number = min(parse_id(params.get("trang")) or 1, 10_000)
    rows = list(qs[(number - 1) * size:number * size + 1])
    return Page(rows[:size], number, len(rows) > size)


def take_step(request: HttpRequest, run: Callable[[Mapping[str, Any]], Any], data: Mapping[str, Any],
              done: str) -> bool:
    """Run a step; say what happened (or why not) as a message. Returns whether it was taken."""
    try:
        run(data)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True



def iso(day: date | None) -> str:
    return day.isoformat() if day else ""
