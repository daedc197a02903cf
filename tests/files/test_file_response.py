"""Sending a stored file: streamed with its sniffed type, a safe Vietnamese download name, never sniffed by the
browser, and sandboxed when shown in the page."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.files import samples
from vanphong.files.http import file_response
from vanphong.files.services import check_store_file


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_download_streams_the_bytes_with_a_vietnamese_name_and_an_ascii_fallback(db):
    data = samples.pdf("Báo cáo")
    response = file_response(check_store_file(None, data, "x.pdf"), "Báo cáo số 5 của Đảng ủy.pdf")
    assert _body(response) == data
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="bao cao so 5 cua dang uy.pdf"; ')
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "Báo cáo số 5 của Đảng ủy.pdf"
    assert " " not in encoded and '"' not in encoded
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_type_sent_is_the_sniffed_one_whatever_the_name_asked_for(db):
    stored = check_store_file(None, samples.PNG, "anh.png")
    response = file_response(stored, "trang-web.html")
    assert response["Content-Type"] == "image/png"
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == "trang-web.html.png"


def test_a_name_cannot_break_out_of_the_header(db):
    stored = check_store_file(None, samples.pdf("x"), "x.pdf")
    response = file_response(stored, 'a"; filename=evil.exe\r\nSet-Cookie: sid=1;.pdf')
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert "evil.exe\"" not in disposition and disposition.count('"') == 2
    assert not response.has_header("Set-Cookie")


def test_inline_display_is_sandboxed(db):
    response = file_response(check_store_file(None, samples.pdf("x"), "x.pdf"), "Tờ trình.pdf", inline=True)
    assert response["Content-Disposition"].startswith("inline; ")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_kinds_a_browser_cannot_show_safely_are_always_downloaded(db):
    stored = check_store_file(None, samples.docx("x"), "x.docx")
    response = file_response(stored, "x.docx", inline=True)
    assert response["Content-Disposition"].startswith("attachment; ")


def test_text_is_sent_as_utf8(db):
    stored = check_store_file(None, "Ghi chú\n".encode(), "ghi-chu.txt")
    response = file_response(stored, "ghi-chu.txt", inline=True)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert _body(response).decode() == "Ghi chú\n"


def test_private_files_are_not_kept_in_shared_caches(db):
    response = file_response(check_store_file(None, samples.PNG, "a.png"), "a.png")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.urls("tests.files.urls")
def test_the_headers_survive_the_sites_middleware(db, client):
    stored = check_store_file(None, samples.pdf("x"), "x.pdf")
    response = client.get(f"/tep/{stored.pk}/", {"name": "Quyết định.pdf", "inline": "1"})
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    download = client.get(f"/tep/{stored.pk}/", {"name": "Quyết định.pdf"})
    assert download["Content-Disposition"].startswith("attachment; ")
    assert download["X-Frame-Options"] == "DENY"
