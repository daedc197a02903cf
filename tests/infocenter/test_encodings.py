"""Reading Vietnamese in the encodings provincial files still come in (vanphong.text.legacy)."""

from __future__ import annotations

from tests.infocenter.corpus.build import cp1258, tcvn3
from vanphong.text.legacy import decode_vietnamese, is_vietnamese_syllable, tcvn3_to_unicode

SENTENCE = "Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy Quảng Ninh chủ trì hội nghị về công tác xây dựng Đảng."


def test_utf8_is_read_as_it_is():
    assert decode_vietnamese(SENTENCE.encode("utf-8")) == decode_vietnamese(SENTENCE.encode("utf-8"))
    assert decode_vietnamese(SENTENCE.encode("utf-8")).text == SENTENCE


def test_windows_1258_with_combining_tone_marks_comes_back_composed():
    decoded = decode_vietnamese(cp1258(SENTENCE))
    assert decoded.encoding == "windows-1258"
    assert decoded.text == SENTENCE


def test_tcvn3_bytes_are_recognised_and_converted():
    decoded = decode_vietnamese(tcvn3("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm đã thảo luận nhiều nội dung."))
    assert decoded.encoding == "tcvn3"
    assert decoded.text == "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ năm đã thảo luận nhiều nội dung."


def test_tcvn3_already_read_as_latin1_is_repaired():
    decoded = decode_vietnamese("Hµ Néi lµ thñ ®« cña ViÖt Nam".encode())
    assert (decoded.text, decoded.encoding) == ("Hà Nội là thủ đô của Việt Nam", "tcvn3")
    assert tcvn3_to_unicode("§¶ng") == "Đảng"


def test_a_declared_charset_is_used_when_it_decodes():
    assert decode_vietnamese(cp1258("Hà Nội"), declared="windows-1258").text == "Hà Nội"


def test_utf16_with_a_bom():
    assert decode_vietnamese(SENTENCE.encode("utf-16")).text == SENTENCE


def test_syllable_check():
    assert is_vietnamese_syllable("người") and is_vietnamese_syllable("Đảng")
    assert not is_vietnamese_syllable("Hµ") and not is_vietnamese_syllable("ññ")
