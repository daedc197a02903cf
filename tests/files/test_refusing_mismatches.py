"""Content that is not what its name says, or not a kind the store takes, is refused with what to do instead."""

from __future__ import annotations

import io
import zipfile

from tests.files import samples
from tests.files.helpers import refused


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("bao-cao.txt", "Nội dung")
        z.writestr("word/document.xml", "<w:document/>")  # looks like a DOCX to a naive sniffer
    return out.getvalue()


def test_a_plain_zip_named_docx_is_refused(db, store):
    message = refused(_plain_zip(), "bao-cao.docx", store)
    assert "ZIP" in message and "giải nén" in message


def test_a_pdf_named_docx_is_refused_and_told_its_real_extension(db, store):
    message = refused(samples.pdf("Công văn"), "cong-van.docx", store)
    assert "tài liệu PDF" in message and ".pdf" in message


def test_a_docx_named_pdf_is_refused(db, store):
    message = refused(samples.docx("Công văn"), "cong-van.pdf", store)
    assert "tài liệu Word (DOCX)" in message and ".docx" in message


def test_an_odt_named_docx_is_refused(db, store):
    assert "ODT" in refused(samples.odt("Văn bản"), "van-ban.docx", store)


def test_a_png_named_jpg_is_refused(db, store):
    assert "ảnh PNG" in refused(samples.PNG, "anh.jpg", store)


def test_text_named_xml_is_refused(db, store):
    assert "văn bản thuần" in refused("Không phải XML".encode(), "du-lieu.xml", store)


def test_an_unknown_kind_is_refused_naming_what_it_looks_like(db, store):
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00" + b"\x00" * 20
    message = refused(gif, "anh.gif", store)
    assert ".gif" in message and "PDF" in message


def test_a_zip_with_an_office_package_that_is_no_document_is_refused(db, store):
    data = samples.package({"/x.xml": "application/vnd.example+xml"}, {"x.xml": b"<x/>"})
    assert "không phải tài liệu Word" in refused(data, "tai-lieu.docx", store)


def test_an_office_template_is_refused_with_how_to_save_it(db, store):
    data = samples.package(
        {"/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"},
        {"word/document.xml": b"<w:document xmlns:w='urn:w'/>"},
    )
    assert "mẫu (template)" in refused(data, "mau.docx", store)


def test_a_legacy_powerpoint_file_is_refused(db, store):
    assert "PPT" in refused(samples.ole({"PowerPoint Document": b"\0" * 64}), "trinh-chieu.ppt", store)


def test_an_unknown_ole_file_such_as_an_installer_is_refused(db, store):
    assert "không nhận ra" in refused(samples.ole({"SummaryInformation": b"\0" * 64}), "goi.doc", store)


def test_text_in_a_legacy_vietnamese_encoding_is_refused_with_how_to_convert(db, store):
    tcvn3 = b"Ngh\xfe quy\xd5t v\xd2 c\xabng t\xb8c c\xb8n b\xe9\r\n"  # "Nghị quyết về công tác cán bộ" in TCVN3
    message = refused(tcvn3, "nghi-quyet.txt", store)
    assert "UTF-8" in message and "Unikey" in message


def test_utf16_text_is_refused_with_how_to_save_it_as_utf8(db, store):
    assert "UTF-8" in refused("Ghi chú".encode("utf-16"), "ghi-chu.txt", store)


def test_invalid_xml_named_xml_is_refused(db, store):
    assert "không phải XML hợp lệ" in refused(b"<goi-tin><chua-dong>", "goi-tin.xml", store)


def test_an_xml_entity_bomb_is_refused(db, store):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>')
    assert "thực thể không an toàn" in refused(bomb, "goi-tin.xml", store)
