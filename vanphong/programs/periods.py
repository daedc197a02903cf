"""The periods of work programmes: the dates of a term, year, quarter, month or ISO week, their names, and which
narrower periods a programme is carried down into.

A week belongs to the month that holds its Thursday (the ISO rule for years, applied to months), so every week
of a year falls in exactly one month's programme and its ISO year is the month's year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vanphong.core.errors import ServiceError
from vanphong.programs.models.programme import WorkProgram

P = WorkProgram.Period
ROMAN = ("I", "II", "III", "IV")
# A term whose end is not recorded yet is taken to last five years (a congress every five years).
TERM_YEARS = 5

# The narrower period a programme is carried down into: a quarter's from the year's, a month's from the
# quarter's, a week's from the month's.
NARROWER: dict[str, str] = {P.YEAR: P.QUARTER, P.QUARTER: P.MONTH, P.MONTH: P.WEEK}


def fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def term_end(term_start: date, term_end_day: date | None) -> date:
    if term_end_day is not None:
        return term_end_day
    try:
        return term_start.replace(year=term_start.year + TERM_YEARS) - timedelta(days=1)
    except ValueError:  # a term that began on 29 February
        return date(term_start.year + TERM_YEARS, 3, 1) - timedelta(days=1)


def period_dates(period: str, year: int | None, number: int, term_start: date, term_end_day: date | None
                 ) -> tuple[date, date]:
    """The first and last day of a period, or a ServiceError that says which value to fix."""
    if period == P.TERM:
        return term_start, term_end(term_start, term_end_day)
    if period not in P.values:
        raise ServiceError("Kỳ không hợp lệ; chọn toàn khóa, năm, quý, tháng hoặc tuần.", field="period")
    if year is None or not 1945 <= year <= 2200:
        raise ServiceError("Hãy nhập năm của chương trình (ví dụ 2026).", field="year")
    if period == P.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    if period == P.QUARTER:
        if not 1 <= number <= 4:
            raise ServiceError("Quý phải từ 1 đến 4.", field="number")
        first = 3 * (number - 1) + 1
        return date(year, first, 1), _month_end(year, first + 2)
    if period == P.MONTH:
        if not 1 <= number <= 12:
            raise ServiceError("Tháng phải từ 1 đến 12.", field="number")
        return date(year, number, 1), _month_end(year, number)
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        weeks = date(year, 12, 28).isocalendar().week
        raise ServiceError(f"Năm {year} có {weeks} tuần; hãy chọn tuần từ 1 đến {weeks}.", field="number") from None
    return monday, monday + timedelta(days=6)


def contains(parent_period: str, parent_start: date, parent_end: date, period: str, start: date, end: date) -> bool:
    """Whether a narrower period lies in its parent's: a week by its Thursday, anything else wholly."""
    if period == P.WEEK:
        return parent_start <= start + timedelta(days=3) <= parent_end
    return parent_start <= start and end <= parent_end


@dataclass(frozen=True)
class Choice:
    number: int
    start: date
    end: date
    label: str


def narrower_choices(program: WorkProgram) -> list[Choice]:
    """The periods a programme may be carried down into: its quarters, months or weeks."""
    period = NARROWER.get(program.period)
    if period is None or program.year is None:
        return []
    if period == P.QUARTER:
        numbers = range(1, 5)
    elif period == P.MONTH:
        numbers = range(program.start.month, program.end.month + 1)
    else:
        numbers = range(1, date(program.year, 12, 28).isocalendar().week + 1)
    out = []
    for n in numbers:
        start, end = period_dates(period, program.year, n, program.start, None)
        if contains(program.period, program.start, program.end, period, start, end):
            out.append(Choice(n, start, end, period_label(period, program.year, n, start, end)))
    return out


def period_label(period: str, year: int | None, number: int, start: date, end: date) -> str:
    if period == P.TERM:
        return "toàn khóa"
    if period == P.YEAR:
        return f"năm {year}"
    if period == P.QUARTER:
        return f"quý {ROMAN[number - 1]} năm {year}"
    if period == P.MONTH:
        return f"tháng {number}/{year}"
    return f"tuần {number} năm {year} ({start:%d/%m}–{fmt(end)})"


def default_title(body_name: str, term_name: str, period: str, year: int | None, number: int, start: date,
                  end: date) -> str:
    label = period_label(period, year, number, start, end)
    if period == P.TERM:
        return f"Chương trình công tác toàn khóa ({term_name}) của {body_name}"
    return f"Chương trình công tác {label} của {body_name}"
