"""E-mail messages (.eml bytes) for tests of letters that arrive by mail, built with the stdlib email package as a
mail program would send them: RFC 2047 names and subjects, RFC 2231 file names, base64 attachments."""

from __future__ import annotations

import mimetypes
import unicodedata
from email import policy
from email.message import EmailMessage

from tests.files import samples

DEFAULT_DATE = "Tue, 01 Dec 2026 08:30:00 +0700"
BODY = ("Kính gửi Văn phòng Tỉnh ủy,\n\nTôi tên là Nguyễn Văn An, trú tại xã Tân Hòa. Tôi xin kiến nghị về việc "
        "cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi.\n\nTrân trọng cảm ơn.\n")


def letter_message(
    *,
    name: str = "Nguyễn Văn An",
    address: str = "an.nguyen@example.vn",
    subject: str = "Đơn kiến nghị về việc cấp sổ đỏ",
    body: str = BODY,
    html: str = "",
    attachments: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...] = (),
    date: str | None = DEFAULT_DATE,
    message_id: str | None = "<don-kien-nghi-01@example.vn>",
    reply_to: str = "",
) -> EmailMessage:
    """The letter as an EmailMessage, to change further before `as_bytes()`: `body` as text/plain (left out when
    empty), `html` as text/html (an alternative when both are given), each attachment by its file name.

    A subject longer than a header line is folded by Python between encoded words, where a reader drops the
    space (CPython's folder, not real mail programs): build such headers by hand (`raw_eml`)."""
    message = EmailMessage(policy=policy.SMTP)
    if name or address:
        message["From"] = f"{name} <{address}>" if name else address
    message["To"] = "Văn phòng Tỉnh ủy <vanphong@example.vn>"
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = subject
    if date is not None:
        message["Date"] = date
    if message_id is not None:
        message["Message-ID"] = message_id
    if body:
        message.set_content(body)
    if html:
        if body:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    for filename, data in attachments:
        maintype, subtype = (mimetypes.guess_type(filename)[0] or "application/octet-stream").split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def letter_eml(
    *,
    name: str = "Nguyễn Văn An",
    address: str = "an.nguyen@example.vn",
    subject: str = "Đơn kiến nghị về việc cấp sổ đỏ",
    body: str = BODY,
    attachments: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...] = (),
    date: str | None = DEFAULT_DATE,
    message_id: str | None = "<don-kien-nghi-01@example.vn>",
) -> bytes:
    """A letter as the bytes of an .eml file (CRLF lines, as saved by a mail program)."""
    return letter_message(name=name, address=address, subject=subject, body=body, attachments=attachments,
                          date=date, message_id=message_id).as_bytes()


def letter_with_pdf_eml() -> bytes:
    """A letter with a scanned PDF whose Vietnamese file name is sent in RFC 2231 form."""
    return letter_eml(attachments=[("Bản sao sổ hộ khẩu.pdf", samples.pdf("Bản sao sổ hộ khẩu"))])


def raw_eml(headers: dict[str, str], body: bytes, *, charset: str = "utf-8", cte: str = "8bit") -> bytes:
    """A single-part text message written byte by byte, for charsets and defects the email package would fix."""
    lines = [f"{k}: {v}" for k, v in headers.items()]
    lines += ["MIME-Version: 1.0", f"Content-Type: text/plain; charset={charset}", f"Content-Transfer-Encoding: {cte}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body  # non-ASCII headers as raw UTF-8 (RFC 6532)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """`text` in Windows-1258: vowels with their shape precomposed (ă â ê ô ơ ư), tone marks as combining bytes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in _TONES)
            shape = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
            out.append((shape + tones).encode("cp1258"))
    return b"".join(out)

