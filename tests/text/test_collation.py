"""collation_key: Vietnamese dictionary order as a plain string."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vanphong.text import collation_key, normalize
from vanphong.text.normalize import split_tone

from .strategies import ALPHABET, SETTINGS, TONE_MARKS, any_text, vietnamese_phrases


def vn_sorted(items: list[str]) -> list[str]:
    return sorted(items, key=collation_key)


def test_it_orders_the_alphabet_the_vietnamese_way() -> None:
    shuffled = list(reversed(ALPHABET))
    assert vn_sorted(shuffled) == ALPHABET


def test_a_breve_and_a_circumflex_follow_a_and_d_with_stroke_follows_d() -> None:
    assert vn_sorted(["â", "b", "ă", "a"]) == ["a", "ă", "â", "b"]
    assert vn_sorted(["e", "đ", "d"]) == ["d", "đ", "e"]
    assert vn_sorted(["p", "ơ", "ô", "o"]) == ["o", "ô", "ơ", "p"]
    assert vn_sorted(["v", "ư", "u"]) == ["u", "ư", "v"]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang() -> None:
    assert vn_sorted(["cạ", "cá", "cã", "cả", "cà", "ca"]) == ["ca", "cà", "cả", "cã", "cá", "cạ"]


def test_letters_over_the_whole_string_come_before_tones() -> None:
    assert collation_key("cạ") < collation_key("cb")
    assert collation_key("cà") < collation_key("cb")
    assert collation_key("bá") < collation_key("ba a")


def test_a_shorter_word_sorts_before_a_longer_one_and_spaces_before_letters() -> None:
    assert vn_sorted(["Anh", "An Bình", "An"]) == ["An", "An Bình", "Anh"]


def test_case_only_breaks_ties_with_lower_case_first() -> None:
    assert vn_sorted(["An", "an", "ăn", "Ăn"]) == ["an", "An", "ăn", "Ăn"]
    assert collation_key("An") < collation_key("ba")


def test_numbers_come_before_letters_and_compare_by_value() -> None:
    numbered = ["Tổ 10", "Tổ a", "Tổ 9", "Tổ 09", "Tổ 100"]
    assert vn_sorted(numbered) == ["Tổ 9", "Tổ 09", "Tổ 10", "Tổ 100", "Tổ a"]
    assert collation_key("2") < collation_key("a")


def test_tone_placement_does_not_change_the_key() -> None:
    assert collation_key("Khánh Hoà") == collation_key("Khánh Hòa")
    assert collation_key(unicodedata.normalize("NFD", "Thủy")) == collation_key("Thủy")


def test_it_sorts_provinces_like_a_vietnamese_list() -> None:
    provinces = [
        "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
        "Bình Dương", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Đồng Nai",
        "Gia Lai", "Hà Giang", "Hà Nội", "Hải Phòng", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kon Tum",
        "Lai Châu", "Lạng Sơn", "Lâm Đồng", "Long An", "Ninh Bình", "Phú Thọ", "Quảng Ninh", "Sơn La",
        "Tây Ninh", "Thái Bình", "Thanh Hóa", "Thừa Thiên Huế", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
        "Yên Bái",
    ]  # fmt: skip
    assert vn_sorted(sorted(provinces)) == provinces


def test_people_sort_by_their_full_name_as_written() -> None:
    names = [
        "Nguyễn Văn An",
        "Nguyễn Văn Ân",
        "Nguyễn Văn Anh",
        "Nguyễn Thị Ánh",
        "Đỗ Văn Bình",
        "Lê Thị Hoa",
    ]
    assert vn_sorted(names) == [
        "Đỗ Văn Bình", "Lê Thị Hoa", "Nguyễn Thị Ánh", "Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyễn Văn Ân",
    ]  # fmt: skip


def test_punctuation_counts_as_a_word_break_and_is_ignored_at_the_ends() -> None:
    assert collation_key('"Hà Nội"') == collation_key("Hà Nội")
    assert collation_key("Bà Rịa-Vũng Tàu") == collation_key("Bà Rịa - Vũng Tàu")


def _reference(s: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """An independent, slow comparator for strings of Vietnamese letters and single spaces."""
    letters, tones, cases = [], [], []
    for ch in s:
        if ch == " ":
            letters.append(-1)
            continue
        base, tone = split_tone(ch)
        letters.append(ALPHABET.index(base.lower()))
        tones.append(tone)
        cases.append(int(base.isupper()))
    return tuple(letters), tuple(tones), tuple(cases)


@SETTINGS
@given(vietnamese_phrases(), vietnamese_phrases())
def test_key_order_agrees_with_a_reference_comparator(a: str, b: str) -> None:
    a, b = normalize(a), normalize(b)
    ka, kb = collation_key(a), collation_key(b)
    ra, rb = _reference(a), _reference(b)
    assert (ka < kb) == (ra < rb)
    assert (ka == kb) == (ra == rb)


@SETTINGS
@given(vietnamese_phrases(), vietnamese_phrases())
def test_distinct_normalised_phrases_get_distinct_keys(a: str, b: str) -> None:
    a, b = normalize(a), normalize(b)
    assume(a != b)
    assert collation_key(a) != collation_key(b)


@SETTINGS
@given(any_text(), any_text(), any_text())
def test_key_order_is_a_total_order(a: str, b: str, c: str) -> None:
    ka, kb, kc = sorted([collation_key(a), collation_key(b), collation_key(c)])
    assert ka <= kb <= kc
    assert not (collation_key(a) < collation_key(b) and collation_key(b) < collation_key(a))


@SETTINGS
@given(
    st.sampled_from(ALPHABET),
    st.sampled_from(ALPHABET),
    st.sampled_from(TONE_MARKS),
    st.sampled_from(TONE_MARKS),
)
def test_a_letter_difference_outweighs_any_tone_difference(x: str, y: str, tx: str, ty: str) -> None:
    assume(x != y)
    tone = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}
    wx = unicodedata.normalize("NFC", "c" + x + (tx if x in tone else ""))
    wy = unicodedata.normalize("NFC", "c" + y + (ty if y in tone else ""))
    assert (collation_key(wx) < collation_key(wy)) == (ALPHABET.index(x) < ALPHABET.index(y))


@SETTINGS
@given(any_text())
def test_keys_use_only_digits_and_lower_case_ascii_letters(text: str) -> None:
    assert re.fullmatch(r"[0-9a-z]*", collation_key(text))


@SETTINGS
@given(st.text(alphabet=st.sampled_from([*ALPHABET, *"ÀÁẢÃẠàáảãạệỘờỨ0123456789 ,.-/()\"'"]), max_size=120))
def test_key_length_stays_within_three_times_the_text_for_latin_text(text: str) -> None:
    assert len(collation_key(text)) <= 3 * len(normalize(text)) + 2


@SETTINGS
@given(any_text())
def test_key_length_stays_within_six_times_the_text_for_any_text(text: str) -> None:
    assert len(collation_key(text)) <= 6 * len(normalize(text)) + 2


@pytest.mark.parametrize("name", ["Ủy ban Kiểm tra Trung ương", "Ban Tuyên giáo và Dân vận Trung ương"])
def test_a_typical_name_fits_a_short_column(name: str) -> None:
    assert len(collation_key(name)) <= 2.5 * len(name) + 2
