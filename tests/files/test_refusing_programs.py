"""Programs, scripts, macros and active web content are refused whatever the file is called, and leave nothing."""

from __future__ import annotations

import pytest

from tests.files import samples
from tests.files.helpers import refused

MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 40
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00" + b"\x00" * 40
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.mark.parametrize("name", ["quyet-dinh.pdf", "anh-quet.png", "ghi-chu.txt"])
def test_a_windows_program_renamed_as_a_document_is_refused(db, store, name):
    message = refused(MZ, name, store)
    assert name in message and "chương trình Windows" in message


@pytest.mark.parametrize(("data", "what"), [(ELF, "Linux"), (MACHO, "macOS")])
def test_linux_and_mac_programs_are_refused_with_or_without_an_extension(db, store, data, what):
    assert what in refused(data, "cong-cu", store)
    assert what in refused(data, "cong-cu.doc", store)


def test_a_shebang_script_named_as_text_is_refused(db, store):
    message = refused(b"#!/bin/sh\nrm -rf ~\n", "huong-dan.txt", store)
    assert "tập lệnh" in message


@pytest.mark.parametrize("extension", ["exe", "bat", "cmd", "js", "vbs", "ps1", "sh", "jar", "msi", "apk", "EXE"])
def test_program_names_are_refused_even_with_document_content(db, store, extension):
    message = refused(samples.pdf("Nội dung thật"), f"bao-cao.{extension}", store)
    assert f".{extension.lower()}" in message and "chạy được" in message


def test_a_double_extension_is_judged_by_its_last_part(db, store):
    assert ".exe" in refused(samples.pdf("Văn bản"), "Công văn.pdf.exe", store)


def test_a_right_to_left_override_cannot_disguise_a_program_name(db, store):
    # "Báo cáo\u202efdp.exe" shows as "Báo cáoexe.pdf" in many file managers.
    assert ".exe" in refused(samples.pdf("Văn bản"), "Báo cáo\u202efdp.exe", store)


@pytest.mark.parametrize("extension", ["docm", "xlsm", "pptm", "dotm"])
def test_macro_enabled_office_names_are_refused(db, store, extension):
    assert "macro" in refused(samples.docx("Có macro"), f"tai-lieu.{extension}", store)


def test_a_macro_document_renamed_docx_is_refused(db, store):
    plain = samples.docx("Có macro")
    content_types = samples.member(plain, "[Content_Types].xml").replace(DOCX_MAIN, DOCM_MAIN)
    docm = samples.rezip(plain, replace={"[Content_Types].xml": content_types})
    assert "macro" in refused(docm, "bien-ban.docx", store)


def test_a_docx_carrying_a_vba_project_is_refused(db, store):
    data = samples.rezip(samples.docx("Nội dung"), add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    assert "macro" in refused(data, "bien-ban.docx", store)


def test_a_legacy_word_file_with_macros_is_refused(db, store):
    assert "macro" in refused(samples.legacy_doc(macros=True), "cong-van.doc", store)


def test_an_rtf_with_an_embedded_ole_object_is_refused(db, store):
    rtf = rb"{\rtf1\ansi Xin ch\u224?o{\object\objemb{\*\objdata 0105000002000000}}}"
    assert "OLE" in refused(rtf, "thu-moi.rtf", store)


@pytest.mark.parametrize("html", [
    b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    b"  <!-- saved page -->\n<html><head><title>x</title></head></html>",
    b"\xef\xbb\xbf<script src=//x></script>",
])
def test_a_web_page_named_pdf_or_txt_is_refused(db, store, html):
    assert "HTML" in refused(html, "to-trinh.pdf", store)
    assert "HTML" in refused(html, "to-trinh.txt", store)


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body onload="alert(1)"/></html>',
])
def test_svg_and_xhtml_named_xml_are_refused(db, store, xml):
    assert "trang web hoặc ảnh SVG" in refused(xml, "du-lieu.xml", store)
