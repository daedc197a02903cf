"""syllables and words."""

from __future__ import annotations

from hypothesis import given

from vanphong.text import syllables, words, words_segmenter_available

from .strategies import SETTINGS, any_text, vietnamese_text

NEWS = "Sáng 5/11, Bộ Chính trị làm việc với Ban Thường vụ Tỉnh ủy Khánh Hòa về phát triển kinh tế - xã hội."


def test_it_splits_syllables_on_spaces_and_punctuation() -> None:
    found = syllables("Hà Nội, ngày 5/11/2021: “Đổi mới”!")
    assert found == ["Hà", "Nội", "ngày", "5", "11", "2021", "Đổi", "mới"]


def test_syllables_come_out_normalised() -> None:
    assert syllables("Khánh  Hoà") == ["Khánh", "Hòa"]


def test_letters_and_digits_in_one_run_stay_one_syllable() -> None:
    assert syllables("COVID-19 và H5N1") == ["COVID", "19", "và", "H5N1"]


def test_empty_text_has_no_syllables_and_no_words() -> None:
    assert syllables(" , ") == []
    assert words(" , ") == []


def test_words_group_the_syllables_of_compound_words() -> None:
    assert words_segmenter_available(), "underthesea is a dependency: its offline segmenter must load"
    found = words(NEWS)
    assert "Bộ Chính trị" in found
    assert "Khánh Hòa" in found
    assert "kinh tế" in found


def test_without_a_segmenter_every_syllable_is_a_word(monkeypatch) -> None:
    from vanphong.text import tokenize

    monkeypatch.setattr(tokenize, "_segmenter", lambda: None)
    assert words(NEWS) == syllables(NEWS)


def test_words_cover_exactly_the_syllables() -> None:
    assert " ".join(words(NEWS)).split() == syllables(NEWS)


@SETTINGS
@given(any_text())
def test_syllables_contain_only_letters_and_digits(text: str) -> None:
    assert all(s.isalnum() for s in syllables(text))


@SETTINGS
@given(vietnamese_text())
def test_words_always_cover_exactly_the_syllables(text: str) -> None:
    assert " ".join(words(text)).split() == syllables(text)
