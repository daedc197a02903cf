"""Find and parse dates written the Vietnamese way ("ngày 3 tháng 4 năm 2018", "5/11/2021", "Sáng 14/3")."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["FoundDate", "ParsedDate", "Precision", "find_vn_dates", "parse_vn_date"]

Precision = Literal["day", "month", "year"]

# A news item may mention a date a few days after its own date ("Sáng 3/1" in a preview written 30/12).
FUTURE_SLACK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date mentioned in text.

    `date` is the first day of the month/year for coarser precisions. When a day and month were found
    but no year could be inferred (no reference date given), `date` is None, `year_unknown` is True and
    `day`/`month` hold what was read. When nothing was found, every field is empty (`precision` None).
    """

    date: dt.date | None
    precision: Precision | None
    year_unknown: bool = False
    day: int | None = None
    month: int | None = None

    def __bool__(self) -> bool:
        return self.precision is not None


NOT_FOUND = ParsedDate(None, None)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date mention: `text[start:end]` (offsets into the NFC form of the searched text)."""

    parsed: ParsedDate
    start: int
    end: int
    text: str


_SEP = r"\s*[/.\-]\s*"
_NGAY = r"ng(?:ày|ay)"
_THANG = r"th(?:áng|ang)"
_NAM = r"n(?:ăm|am)"
_D = r"(?P<d>\d{1,2})"
_M = r"(?P<m>\d{1,2})"
_Y = r"(?P<y>\d{4})"
_NO_DIGIT_BEFORE = r"(?<![\d/.\-])"
_NO_DIGIT_AFTER = r"(?![\d/]|[.\-]\d)"
# Words after which a bare "14/3" is a date: times of day, "ngày", "hôm", weekdays.
_TRIGGER = (
    r"(?:rạng sáng|sáng sớm|chiều tối|sáng|trưa|chiều|tối|đêm|khuya|ngày|hôm"
    r"|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)(?:\s+nay)?\s*(?P<paren>\()?\s*"
)

# Patterns with their precision; a pattern without a year group leaves the year to inference.
_PATTERNS: list[tuple[re.Pattern[str], Precision]] = [
    (re.compile(rf"\b{_NGAY}\s+{_D}\s+{_THANG}\s+{_M}\s*,?\s+{_NAM}\s+{_Y}\b"), "day"),
    (re.compile(rf"{_NO_DIGIT_BEFORE}{_D}{_SEP}{_M}{_SEP}{_Y}{_NO_DIGIT_AFTER}"), "day"),
    (re.compile(rf"\b{_THANG}\s+{_M}(?:{_SEP}|\s*,?\s+{_NAM}\s+){_Y}{_NO_DIGIT_AFTER}"), "month"),
    (re.compile(rf"\b{_TRIGGER}{_D}\s*[/\-]\s*{_M}(?!\s*[/.\-]\s*\d|\d)(?(paren)\s*\)?)"), "day"),
    (re.compile(rf"\b{_NGAY}\s+{_D}\s+{_THANG}\s+{_M}\b(?!\s*[/.\-]\s*\d|\s*,?\s+{_NAM}\s+\d)"), "day"),
    (re.compile(r"\bnăm\s+(?P<y>\d{4})\b"), "year"),
]


def _lower_keep_length(text: str) -> str:
    # Lower-case character by character so match offsets stay valid in the original text.
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(day: int, month: int, reference: dt.date) -> dt.date | None:
    """The latest valid day/month not after reference + FUTURE_SLACK (29/2 looks back to a leap year)."""
    latest = reference + FUTURE_SLACK
    for year in range(latest.year, latest.year - 9, -1):
        found = _valid(year, month, day)
        if found is not None and found <= latest:
            return found
    return None


def _interpret(m: re.Match[str], precision: Precision, reference: dt.date | None) -> ParsedDate | None:
    groups = m.groupdict()
    year, month, day = (int(groups[k]) if groups.get(k) else 0 for k in "ymd")
    if precision == "year":
        return ParsedDate(dt.date(year, 1, 1), "year") if year else None
    if precision == "month":
        valid = year and 1 <= month <= 12
        return ParsedDate(dt.date(year, month, 1), "month", month=month) if valid else None
    if year:
        found = _valid(year, month, day)
        return ParsedDate(found, "day", day=day, month=month) if found else None
    if _valid(2000, month, day) is None:  # 2000 is a leap year, so 29/2 passes here
        return None
    if reference is None:
        return ParsedDate(None, "day", year_unknown=True, day=day, month=month)
    found = _infer_year(day, month, reference)
    return ParsedDate(found, "day", day=day, month=month) if found else None


def find_vn_dates(text: str, reference: dt.date | None = None) -> list[FoundDate]:
    """Every date mentioned in `text`, in order of appearance; invalid ones (31/2/2020) are skipped.

    A day and month without a year ("Chiều 14/3", "ngày 14 tháng 3") get the latest such date not after
    `reference` + FUTURE_SLACK; without a reference they come back with `year_unknown`.
    Spans index the NFC form of `text` (the text itself when it is normalised).
    """
    text = unicodedata.normalize("NFC", text)
    lowered = _lower_keep_length(text)
    candidates = [(m, precision) for pattern, precision in _PATTERNS for m in pattern.finditer(lowered)]
    # Longest first, then earliest: "ngày 3 tháng 4 năm 2018" beats the "năm 2018" inside it.
    candidates.sort(key=lambda c: (c[0].start() - c[0].end(), c[0].start()))
    claimed = bytearray(len(text))  # 1 where a longer match already sits; keeps this linear
    found: list[FoundDate] = []
    for m, precision in candidates:
        start, end = m.span()
        if any(claimed[start:end]):
            continue
        # An impossible date still claims its span: "ngày 32 tháng 1 năm 2020" is not "tháng 1 năm 2020".
        claimed[start:end] = b"\x01" * (end - start)
        parsed = _interpret(m, precision, reference)
        if parsed is not None:
            found.append(FoundDate(parsed, start, end, text[start:end]))
    return sorted(found, key=lambda f: f.start)


def parse_vn_date(text: str, reference: dt.date | None = None) -> ParsedDate:
    """The first date mentioned in `text` (see `find_vn_dates`), or NOT_FOUND (falsy, all fields empty)."""
    found = find_vn_dates(text, reference)
    return found[0].parsed if found else NOT_FOUND
