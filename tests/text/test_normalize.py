"""normalize: NFC, one tone placement, whitespace and quotes."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vanphong.text import normalize
from vanphong.text.normalize import split_tone

from .strategies import SETTINGS, TONE_MARKS, VOWELS, any_text, bare_syllables, vietnamese_text


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("hoà", "hòa"), ("Hoá", "Hóa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("Thuỵ", "Thụy"),
        ("oà", "òa"), ("uỳ", "ùy"), ("loã", "lõa"), ("xoè", "xòe"), ("tuỳ", "tùy"), ("luỹ", "lũy"),
        ("HOÀ", "HÒA"), ("THUỶ", "THỦY"), ("Khánh Hoà", "Khánh Hòa"), ("Thanh Hoá", "Thanh Hóa"),
        ("Hoà Bình", "Hòa Bình"), ("thuỷ lợi", "thủy lợi"), ("Thuỵ Điển", "Thụy Điển"),
        ("muà", "mùa"), ("mìa", "mìa"), ("muá", "múa"), ("tòi", "tòi"), ("ngoaì", "ngoài"),
        ("khuyủ", "khuỷu"), ("ngòeo", "ngoèo"), ("gìa", "già"), ("hoạch", "hoạch"),
        ("hòang", "hoàng"), ("tóan", "toán"), ("qùynh", "quỳnh"), ("húyt", "huýt"),
        ("ngừơi", "người"), ("Nguỹên", "Nguyễn"), ("Húê", "Huế"), ("qúôc", "quốc"), ("thủơ", "thuở"),
    ],
)  # fmt: skip
def test_it_puts_the_tone_where_government_text_puts_it(written: str, normalised: str) -> None:
    assert normalize(written) == normalised


@pytest.mark.parametrize(
    "word",
    ["quý", "quỳnh", "quả", "gì", "gìn", "giá", "giữ", "giường", "người", "thuyền", "Huế", "Nguyễn",
     "hòa", "thủy", "khỏe", "hoàng", "ngoài", "khuỷu", "Đắk Lắk", "Thừa Thiên Huế", "Quảng Ngãi"],
)  # fmt: skip
def test_it_leaves_correctly_placed_tones_alone(word: str) -> None:
    assert normalize(word) == word


def test_it_moves_the_tone_of_hoa_to_the_first_vowel_when_no_consonant_follows() -> None:
    assert normalize("hoà") == "hòa"


def test_it_moves_the_tone_to_the_last_vowel_when_a_consonant_follows() -> None:
    assert normalize("hòang") == "hoàng"


def test_it_treats_the_u_of_qu_and_the_i_of_gi_as_part_of_the_consonant() -> None:
    assert normalize("qúy") == "quý"
    assert normalize("gía") == "giá"


def test_it_keeps_the_case_of_every_letter() -> None:
    assert normalize("HOÀ") == "HÒA"
    assert normalize("hOà") == "hÒa"
    assert normalize("Thuỵ") == "Thụy"


def test_it_composes_decomposed_input() -> None:
    assert normalize(nfd("Khánh Hoà")) == "Khánh Hòa"
    assert normalize("Vie\u0323\u0302t Nam") == "Việt Nam"


@pytest.mark.parametrize("word", ["café", "Noël", "José", "Zoë", "Pokémon", "résumé", "Hoàx", "naïve", "São"])
def test_it_leaves_words_that_are_not_vietnamese_syllables_alone(word: str) -> None:
    assert normalize(word) == word


def test_it_collapses_horizontal_space_and_removes_invisible_characters() -> None:
    assert normalize("  Hà\u00a0\u00a0Nội\t\t ngày  5 ") == "Hà Nội ngày 5"
    assert normalize("Đà\u200bNẵng") == "ĐàNẵng"
    assert normalize("Hà \u200b Nội") == "Hà Nội"


def test_it_keeps_paragraphs_but_at_most_one_blank_line_between_them() -> None:
    text = "Đoạn một.  \r\n  Dòng hai.\n\n\n\n\nĐoạn hai.\n \n"
    assert normalize(text) == "Đoạn một.\nDòng hai.\n\nĐoạn hai."


def test_it_straightens_typographic_quotes() -> None:
    assert normalize("“Đổi mới” và ‘hội nhập’ «sâu rộng»") == '"Đổi mới" và \'hội nhập\' "sâu rộng"'


def test_it_normalises_a_paragraph_of_political_news() -> None:
    news = (
        "Sáng 5/11, tại Hà Nội, Bộ Chính trị  làm việc với Ban Thường vụ Tỉnh uỷ Khánh Hoà về tình hình "
        "kinh tế - xã hội, công tác xây dựng Đảng và hệ thống chính trị; đồng chí Tổng Bí thư chủ trì.\n\n\n"
        "Hội nghị nhấn mạnh yêu cầu giữ vững ổn định, chăm lo sức khoẻ nhân dân, phát triển thuỷ lợi."
    )
    assert normalize(news) == (
        "Sáng 5/11, tại Hà Nội, Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Khánh Hòa về tình hình "
        "kinh tế - xã hội, công tác xây dựng Đảng và hệ thống chính trị; đồng chí Tổng Bí thư chủ trì.\n\n"
        "Hội nghị nhấn mạnh yêu cầu giữ vững ổn định, chăm lo sức khỏe nhân dân, phát triển thủy lợi."
    )


@SETTINGS
@given(bare_syllables(), st.integers(1, 5), st.sampled_from([str.lower, str.upper, str.title]))
def test_every_placement_of_a_tone_normalises_to_the_same_syllable(
    parts: tuple[str, str, str], tone: int, case: object
) -> None:
    onset, nucleus, final = parts
    word = onset + nucleus + final
    placements = {
        unicodedata.normalize("NFC", word[: k + 1] + TONE_MARKS[tone] + word[k + 1 :])
        for k in range(len(onset), len(word))
        if word[k] in VOWELS
    }
    assert callable(case)
    results = {normalize(case(p)) for p in placements}
    assert len(results) == 1
    (result,) = results
    assert sum(1 for ch in result if split_tone(ch)[1]) == 1


@SETTINGS
@given(any_text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@SETTINGS
@given(any_text())
def test_decomposed_input_normalises_like_composed_input(text: str) -> None:
    assert normalize(nfd(text)) == normalize(text)


@SETTINGS
@given(vietnamese_text())
def test_normalised_text_is_nfc_and_trimmed(text: str) -> None:
    result = normalize(text)
    assert unicodedata.is_normalized("NFC", result)
    assert result == result.strip()
    assert "  " not in result and "\n\n\n" not in result and "\t" not in result


@SETTINGS
@given(vietnamese_text())
def test_normalize_changes_nothing_but_tone_position_in_letters(text: str) -> None:
    def bare(s: str) -> str:
        return "".join(split_tone(ch)[0] for ch in s if ch.isalnum())

    assert bare(normalize(text)) == bare(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("hoà\u0308 thuỷ", "hoà\u0308 thủy"),  # a mark after the run: that run is left alone
        ("hoà, (thuỷ) «Khánh Hoà»", 'hòa, (thủy) "Khánh Hòa"'),  # runs inside punctuation
        ("x\u2003\u3000y \u2029z", "x y\n\nz"),
        ("Lý Sơn ⓐ – 5°C", "Lý Sơn ⓐ – 5°C"),
    ],
)
def test_it_fixes_runs_inside_punctuation_and_skips_runs_before_a_mark(written: str, normalised: str) -> None:
    assert normalize(written) == normalised


def test_every_whitespace_character_but_space_and_line_feed_counts_as_odd_space() -> None:
    from vanphong.text.normalize import _ODD_SPACE  # the fast path of clean_space trusts this list

    odd = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" ", "\n"}
    assert set(_ODD_SPACE) == odd
