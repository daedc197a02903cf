"""fold: lower case, no diacritics, đ → d."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given

from vanphong.text import fold, normalize

from .strategies import SETTINGS, any_text, vietnamese_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng Cộng sản Việt Nam", "dang cong san viet nam"),
        ("Đà Nẵng", "da nang"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Khánh Hòa", "khanh hoa"),
        ("Khánh Hoà", "khanh hoa"),
        ("Thanh Hoá", "thanh hoa"),
        ("ĐẮK LẮK", "dak lak"),
        ("Nguyễn Thị Ánh Tuyết", "nguyen thi anh tuyet"),
        ("  Bộ\u00a0Chính   trị ", "bo chinh tri"),
        ("“Đổi mới”", '"doi moi"'),
    ],
)
def test_it_folds_vietnamese_to_plain_lower_case_ascii(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_it_maps_d_with_stroke_to_d_which_sqlite_fts5_does_not() -> None:
    assert fold("đ Đ") == "d d"


def test_dang_matches_dang_dang_and_dang() -> None:
    assert {fold(w) for w in ["Đảng", "đang", "dạng", "đáng"]} == {"dang"}


def test_it_folds_decomposed_input_like_composed_input() -> None:
    assert fold(unicodedata.normalize("NFD", "Việt Nam")) == "viet nam"


def test_it_removes_accents_of_other_languages_too() -> None:
    assert fold("Café Noël São Paulo") == "cafe noel sao paulo"


@SETTINGS
@given(any_text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@SETTINGS
@given(any_text())
def test_fold_ignores_normalisation(text: str) -> None:
    assert fold(normalize(text)) == fold(text)


@SETTINGS
@given(vietnamese_text())
def test_folded_vietnamese_is_ascii_and_lower_case(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ελληνικά Σίσυφος", "ελληνικα σισυφος"),  # marks of other scripts
        ("e\u20dd a\ufe0f b", "e a b"),  # enclosing marks and variation selectors
        ("Lý Sơn ⓐ – 5°C", "ly son ⓐ – 5°c"),  # symbols outside ASCII stay
        ("a \u0301 \u0300\n\u0301\n\u0300\nb", "a\n\nb"),  # spaces left side by side by dropped marks
    ],
)
def test_it_folds_text_beyond_vietnamese(text: str, folded: str) -> None:
    assert fold(text) == folded
