"""File names are cleaned before they are stored or sent: no folders, no control characters, NFC with one tone
placement, bounded length; and an ASCII form for old clients."""

from __future__ import annotations

import unicodedata

import pytest

from vanphong.files.names import MAX_NAME_CHARS, ascii_fallback, sanitize_filename, with_extension


@pytest.mark.parametrize(("given", "kept"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\vt\\Desktop\\Tờ trình.docx", "Tờ trình.docx"),
    ("Báo cáo\x00\x1b[31m.pdf", "Báo cáo[31m.pdf"),
    ("Quyết\tđịnh\nsố 5.pdf", "Quyết định số 5.pdf"),
    (unicodedata.normalize("NFD", "Hoà Bình.pdf"), "Hòa Bình.pdf"),
    ("...ẩn.pdf", "ẩn.pdf"),
    ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
    ("..", "tep"),
    ("", "tep"),
])
def test_names_are_cleaned(given, kept):
    assert sanitize_filename(given) == kept


def test_a_long_name_is_shortened_keeping_its_extension():
    name = sanitize_filename("Báo cáo " * 60 + ".docx")
    assert len(name) <= MAX_NAME_CHARS and name.endswith(".docx")


def test_the_extension_of_the_content_is_added_only_when_missing():
    assert with_extension("Tờ trình", "pdf") == "Tờ trình.pdf"
    assert with_extension("Tờ trình.PDF", "pdf") == "Tờ trình.PDF"
    assert with_extension("anh.jpeg", "jpg") == "anh.jpeg"
    assert with_extension("Quyết định 12.2025", "pdf") == "Quyết định 12.2025.pdf"


def test_the_ascii_fallback_folds_vietnamese_and_keeps_only_safe_characters():
    assert ascii_fallback("Đảng ủy Hòa Bình; báo cáo.pdf") == "dang uy hoa binh_ bao cao.pdf"
    assert ascii_fallback("公文") == "tep"
