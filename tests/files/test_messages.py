"""E-mail messages (.eml) are taken as message/rfc822, known from their header block and never from their name,
and always sent as a download; what only looks like one (a note, an mbox, a web page) is not."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from tests.files import samples
from tests.files.helpers import refused
from vanphong.files.http import file_response
from vanphong.files.services import check_store_file
from vanphong.files.sniff import HEAD


def _letter(*, crlf: bool = False) -> bytes:
    message = EmailMessage()
    message["From"] = "Nguyễn Văn An <an.nguyen@example.vn>"
    message["To"] = "vanphong@example.vn"
    message["Subject"] = "Đơn kiến nghị về việc cấp giấy chứng nhận quyền sử dụng đất"
    message["Date"] = "Tue, 01 Dec 2026 08:30:00 +0700"
    message["Message-ID"] = "<don-01@example.vn>"
    message.set_content("Kính gửi Văn phòng Tỉnh ủy,\n\nTôi xin trình bày việc sau.\n")
    message.add_attachment(samples.pdf("Bản sao giấy tờ"), maintype="application", subtype="pdf",
                           filename="Bản sao giấy tờ.pdf")
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n" if crlf else "\n"))


# "Kính gửi Văn phòng" in Windows-1258: ư is one byte (FD), the hook above a combining one (D2).
_CP1258_BODY = b"K\xednh g\xfd\xd2i V\xe3n ph\xf2ng\r\n"
_CP1258 = (b"From: =?utf-8?b?Tmd1eeG7hW4gVsSDbiBBbg==?= <an@example.vn>\r\n"
           b"Date: Tue, 01 Dec 2026 08:30:00 +0700\r\nSubject: Don\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: text/plain; charset=windows-1258\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           + _CP1258_BODY)


@pytest.mark.parametrize("crlf", [False, True], ids=["LF", "CRLF"])
def test_a_multipart_message_with_a_pdf_is_stored_as_a_message(db, crlf):
    data = _letter(crlf=crlf)
    assert b"multipart/mixed" in data and b"application/pdf" in data
    stored = check_store_file(None, data, "Đơn kiến nghị.eml")
    assert (stored.mime_type, stored.extension) == ("message/rfc822", "eml")
    assert stored.verify() is None


def test_a_message_with_an_eight_bit_windows_1258_body_is_accepted(db):
    assert check_store_file(None, _CP1258, "thu.eml").mime_type == "message/rfc822"


def test_a_message_without_an_extension_gets_eml(db):
    assert check_store_file(None, _letter(), "thu-gui-van-phong").original_name == "thu-gui-van-phong.eml"


def test_a_header_block_longer_than_the_sniffed_head_is_still_a_message(db):
    received = b"".join(b"Received: from relay%d.example.vn by mx.example.vn; Tue, 1 Dec 2026 08:30:00 +0700\n" % i
                        for i in range(200))
    data = received + _letter()
    assert data.index(b"\nFrom:") > HEAD
    assert check_store_file(None, data, "thu.eml").mime_type == "message/rfc822"


def test_a_message_is_not_stored_as_inline_and_is_always_downloaded(db):
    stored = check_store_file(None, _letter(), "thu.eml")
    assert not stored.kind.inline
    response = file_response(stored, "Đơn kiến nghị.eml", inline=True)
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert not response.has_header("Content-Security-Policy")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_message_saved_as_txt_stays_text(db):
    stored = check_store_file(None, _letter(), "thu.txt")
    assert (stored.mime_type, stored.extension) == ("text/plain", "txt")


def test_a_message_named_pdf_is_refused_and_told_its_real_extension(db, store):
    message = refused(_letter(), "thu.pdf", store)
    assert "thư điện tử (EML)" in message and ".eml" in message


def test_a_plain_note_named_eml_is_refused(db, store):
    message = refused("Ghi chú: gọi lại cho ông An\n\nNội dung cuộc gọi.\n".encode(), "ghi-chu.eml", store)
    assert "văn bản thuần" in message and ".txt" in message


def test_a_note_with_only_a_from_line_is_not_a_message(db, store):
    assert "văn bản thuần" in refused("From: ông An\n\nGọi lại.\n".encode(), "ghi-chu.eml", store)


def test_headers_without_the_empty_line_that_ends_them_are_not_a_message(db, store):
    data = b"From: a@example.vn\nDate: Tue, 01 Dec 2026 08:30:00 +0700\nSubject: x\n"
    assert "văn bản thuần" in refused(data, "thu.eml", store)


def test_an_mbox_mailbox_is_not_one_message(db, store):
    data = b"From an@example.vn Tue Dec  1 08:30:00 2026\n" + _letter()
    assert "văn bản thuần" in refused(data, "hop-thu.eml", store)


def test_an_html_page_named_eml_is_still_refused(db, store):
    assert "HTML" in refused(b"<!doctype html><html><script>alert(1)</script></html>", "thu.eml", store)


def test_a_web_page_saved_whole_as_mhtml_is_refused(db, store):
    data = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.vn/\r\nSubject: Trang\r\n"
            b"Date: Tue, 1 Dec 2026 08:30:00 +0700\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related; type="text/html"; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/html\r\n\r\n<html><script>alert(1)</script></html>\r\n--b--\r\n")
    for name in ("trang.mht", "trang.eml"):
        assert "MHTML" in refused(data, name, store)


def test_an_eight_bit_message_saved_as_txt_follows_the_text_rules(db, store):
    assert "UTF-8" in refused(_CP1258, "thu.txt", store)
