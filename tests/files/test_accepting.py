"""Every kind the store takes is accepted and recorded with the type sniffed from its bytes."""

from __future__ import annotations

import pytest

from tests.files import samples
from vanphong.files.models import StoredFile
from vanphong.files.services import check_store_file

EDXML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">'
    "<edXML:edXMLHeader><edXML:Subject>Về việc tổng kết công tác năm</edXML:Subject></edXML:edXMLHeader>"
    "</edXML:edXMLEnvelope>\n"
).encode()

CASES = [
    ("quyet-dinh.pdf", lambda: samples.pdf("Trang một", "Trang hai"), "application/pdf", "pdf"),
    ("bao-cao.docx", lambda: samples.docx("Báo cáo"),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("so-lieu.xlsx", samples.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("trinh-chieu.pptx", samples.pptx,
     "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("van-ban.odt", lambda: samples.odt("Văn bản"), "application/vnd.oasis.opendocument.text", "odt"),
    ("bang.ods", lambda: samples.ods("Ô một"), "application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("cong-van-cu.doc", samples.legacy_doc, "application/msword", "doc"),
    ("so-lieu-cu.xls", samples.legacy_xls, "application/vnd.ms-excel", "xls"),
    ("thu.rtf", lambda: rb"{\rtf1\ansi Xin ch\u224?o}", "application/rtf", "rtf"),
    ("ghi-chu.txt", lambda: "Ghi chú cuộc họp\n".encode(), "text/plain", "txt"),
    ("goi-tin.xml", lambda: EDXML, "application/xml", "xml"),
    ("anh.png", lambda: samples.PNG, "image/png", "png"),
    ("anh.jpeg", lambda: samples.JPEG, "image/jpeg", "jpg"),
    ("anh.JPG", lambda: samples.JPEG, "image/jpeg", "jpg"),
    ("ban-quet.tif", lambda: samples.TIFF, "image/tiff", "tif"),
    ("thu.eml", lambda: b"From: an@example.vn\r\nSubject: Don\r\n\r\nKinh gui\r\n", "message/rfc822", "eml"),
]


@pytest.mark.parametrize(("name", "make", "mime", "extension"), CASES, ids=[c[0] for c in CASES])
def test_each_allowed_kind_is_stored_with_its_sniffed_type(db, name, make, mime, extension):
    stored = check_store_file(None, make(), name)
    assert (stored.mime_type, stored.extension) == (mime, extension)
    assert stored.verify() is None


def test_a_pdf_records_its_page_count(db):
    assert check_store_file(None, samples.pdf("1", "2", "3"), "ba-trang.pdf").page_count == 3


def test_kinds_without_readable_text_are_marked_not_applicable(db):
    for data, name in [(samples.legacy_doc(), "cu.doc"), (samples.PNG, "anh.png"), (samples.xlsx(), "b.xlsx")]:
        assert check_store_file(None, data, name).text_status == StoredFile.TextStatus.NOT_APPLICABLE


def test_a_name_without_an_extension_gets_the_one_of_its_content(db):
    assert check_store_file(None, samples.pdf("Tờ trình"), "To trinh so 12").original_name == "To trinh so 12.pdf"


def test_text_with_angle_brackets_named_txt_is_plain_text(db):
    stored = check_store_file(None, b"<ghi chu> khong phai XML", "ghi-chu.txt")
    assert stored.mime_type == "text/plain"


def test_utf8_text_with_a_byte_order_mark_is_accepted(db):
    assert check_store_file(None, "\ufeffGhi chú".encode(), "a.txt").mime_type == "text/plain"
