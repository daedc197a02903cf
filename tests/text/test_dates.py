"""parse_vn_date / find_vn_dates: dates written the Vietnamese way."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.text import ParsedDate, find_vn_dates, parse_vn_date

from .strategies import SETTINGS

NEWS_DAY = date(2026, 1, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 03 tháng 4 năm 2018", date(2018, 4, 3)),
        ("Hà Nội, ngày 3 tháng 04 năm 2018", date(2018, 4, 3)),
        ("NGÀY 3 THÁNG 4 NĂM 2018", date(2018, 4, 3)),
        ("ngay 3 thang 4 nam 2018", date(2018, 4, 3)),
        ("05/11/2021", date(2021, 11, 5)),
        ("5-11-2021", date(2021, 11, 5)),
        ("5.11.2021", date(2021, 11, 5)),
        ("Sáng 5/11/2021, Bộ Chính trị họp", date(2021, 11, 5)),
    ],
)
def test_it_reads_full_dates(text: str, expected: date) -> None:
    parsed = parse_vn_date(text)
    assert parsed == ParsedDate(expected, "day", day=expected.day, month=expected.month)


def test_it_reads_a_month() -> None:
    assert parse_vn_date("từ tháng 7/2019").date == date(2019, 7, 1)
    assert parse_vn_date("từ tháng 7/2019").precision == "month"
    assert parse_vn_date("tháng 7 năm 2019").date == date(2019, 7, 1)


def test_it_reads_a_year() -> None:
    assert parse_vn_date("trong năm 2020") == ParsedDate(date(2020, 1, 1), "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chiều 14/3", date(2025, 3, 14)),
        ("Sáng 5/11", date(2025, 11, 5)),
        ("Sáng 30/12, Ban Bí thư làm việc", date(2025, 12, 30)),
        ("Sáng nay (2/1), Hội nghị khai mạc", date(2026, 1, 2)),
        ("Dự kiến sáng 5/1 sẽ bế mạc", date(2026, 1, 5)),
        ("ngày 14 tháng 3", date(2025, 3, 14)),
        ("Thứ Hai (29/12)", date(2025, 12, 29)),
    ],
)
def test_it_infers_the_year_from_the_date_of_the_news_item(text: str, expected: date) -> None:
    parsed = parse_vn_date(text, reference=NEWS_DAY)
    assert parsed.date == expected
    assert parsed.precision == "day"
    assert not parsed.year_unknown


def test_a_29_february_without_year_looks_back_to_a_leap_year() -> None:
    assert parse_vn_date("ngày 29/2", reference=NEWS_DAY).date == date(2024, 2, 29)


def test_without_a_reference_the_year_is_clearly_unknown() -> None:
    parsed = parse_vn_date("Chiều 14/3")
    assert parsed == ParsedDate(None, "day", year_unknown=True, day=14, month=3)
    assert parsed


IMPOSSIBLE = ["31/2/2020", "30/02/2021", "ngày 32 tháng 1 năm 2020", "tháng 13/2020", "Sáng 31/4"]
NOT_DATES = [
    "Việt Nam 2020",
    "tỷ số 3-1",
    "Nghị định số 15/2020/NĐ-CP",
    "tăng 24/7",
    "Mã số 12/34/5678/9",
    "",
]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_it_does_not_return_impossible_dates(text: str) -> None:
    assert parse_vn_date(text, reference=NEWS_DAY).date is None
    assert not parse_vn_date(text, reference=NEWS_DAY)


@pytest.mark.parametrize("text", NOT_DATES)
def test_it_finds_no_date_in_numbers_that_are_not_dates(text: str) -> None:
    assert find_vn_dates(text, reference=NEWS_DAY) == []


def test_nothing_found_is_falsy_with_every_field_empty() -> None:
    parsed = parse_vn_date("Không có ngày nào")
    assert not parsed
    assert parsed == ParsedDate(None, None)


def test_it_finds_every_date_in_a_news_paragraph_with_spans() -> None:
    text = (
        "Sáng 30/12, Bộ Chính trị họp cho ý kiến về Quyết định số 15-QĐ/TW ngày 03 tháng 4 năm 2018 "
        "và Kết luận ban hành 5/11/2021; kế hoạch từ tháng 7/2019 đến năm 2030."
    )
    found = find_vn_dates(text, reference=NEWS_DAY)
    assert [f.text for f in found] == [
        "Sáng 30/12", "ngày 03 tháng 4 năm 2018", "5/11/2021", "tháng 7/2019", "năm 2030",
    ]  # fmt: skip
    assert [f.parsed.date for f in found] == [
        date(2025, 12, 30), date(2018, 4, 3), date(2021, 11, 5), date(2019, 7, 1), date(2030, 1, 1),
    ]  # fmt: skip
    assert all(text[f.start : f.end] == f.text for f in found)


def test_it_reads_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Hà Nội, ngày 3 tháng 4 năm 2018")
    assert parse_vn_date(decomposed).date == date(2018, 4, 3)


@SETTINGS
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(["/", "-", "."]))
def test_every_real_date_written_with_numbers_reads_back(day: date, sep: str) -> None:
    text = f"{day.day:02d}{sep}{day.month}{sep}{day.year}"
    assert parse_vn_date(text).date == day
    assert parse_vn_date(f"ngày {day.day} tháng {day.month} năm {day.year}").date == day


@SETTINGS
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 300))
def test_an_inferred_date_is_the_latest_such_day_not_after_the_reference_plus_a_week(
    mentioned: date, days_before: int
) -> None:
    reference = date.fromordinal(mentioned.toordinal() + days_before)
    if (mentioned.month, mentioned.day) == (2, 29):
        return
    parsed = parse_vn_date(f"Sáng {mentioned.day}/{mentioned.month}", reference=reference)
    assert parsed.date is not None
    assert parsed.date <= date.fromordinal(reference.toordinal() + 7)
    assert (parsed.date.day, parsed.date.month) == (mentioned.day, mentioned.month)
    assert parsed.date.toordinal() > reference.toordinal() + 7 - 366
