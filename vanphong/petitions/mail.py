"""Read an e-mail message (.eml) into what a letter's intake needs: sender, subject, body text, date and the
attached files, each checked against the file store's rules. Pure: nothing is stored, nothing is written."""

from __future__ import annotations

import io
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError, MessageError
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from vanphong.core.errors import ServiceError
from vanphong.files.names import sanitize_filename
from vanphong.files.services import max_upload_bytes
from vanphong.files.sniff import inspect_content
from vanphong.text import normalize

MAX_ATTACHMENTS = 20
SUBJECT_CHARS = 500
NO_CONTENT = "(Thư không có nội dung)"
SAVE_AS_EML = "Hãy lưu thư thành tệp .eml (trong Outlook/Thunderbird: Lưu thành…) rồi tải lên lại."

# What reading a header may raise on a malformed one: the stdlib parser records most defects, not all of them.
_HEADER_ERRORS = (HeaderParseError, MessageError, ValueError, IndexError, TypeError, AttributeError, LookupError)
_SURROGATES = re.compile("[\ud800-\udfff]")  # none may reach the database (UTF-8 cannot hold them)


@dataclass
class Attachment:
    name: str  # as sent (RFC 2231/2047 decoded), sanitised; "tep-dinh-kem-N.<ext>" when the message gave none
    data: bytes
    refusal: str = ""  # "" if the file store would take it; else why not, in Vietnamese


@dataclass
class Message:
    sender_name: str
    sender_email: str
    reply_to: str
    subject: str
    content: str
    sent_at: datetime | None
    message_id: str
    attachments: list[Attachment] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # remarks for the clerk, in Vietnamese


def parse_message(data: bytes, name: str = "thu.eml") -> Message:
    """The letter in the message `data` (given as `name`), or a ServiceError (field "eml") if it is none."""
    _check_is_message(data, name)
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)  # policy.default builds EmailMessage objects
    notices: list[str] = []
    sender_name, sender_email = _sender(message, notices)
    reply_to = _first_address(message, "Reply-To")[1]
    subject = _one_line(_header(message, "Subject", notices))[:SUBJECT_CHARS].rstrip()
    body_part, content = _body(message, notices)
    if not content:
        content = subject or NO_CONTENT
        notices.append("Thư không có nội dung; phần nội dung đơn được lấy theo tiêu đề thư." if subject
                       else "Thư không có nội dung và không có tiêu đề; hãy đọc thư gốc và ghi tóm tắt nội dung đơn.")
    return Message(
        sender_name=sender_name,
        sender_email=sender_email,
        reply_to=reply_to if reply_to != sender_email else "",
        subject=subject,
        content=content,
        sent_at=_sent_at(message, notices),
        message_id=_message_id(_header(message, "Message-ID", notices)),
        attachments=_attachments(message, body_part, notices),
        notices=notices,
    )


def _check_is_message(data: bytes, name: str) -> None:
    shown = sanitize_filename(name)
    if not data:
        raise ServiceError(f'Tệp "{shown}" rỗng (0 byte), không có thư nào để đọc. ' + SAVE_AS_EML, field="eml")
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ServiceError(f'Tệp thư "{shown}" lớn {_mb(len(data))} MB, vượt giới hạn {_mb(limit)} MB cho mỗi tệp. '
                           "Hãy lưu riêng các tệp đính kèm lớn, chuyển tiếp thư không kèm các tệp đó, lưu thư thành "
                           "tệp .eml rồi tải lên lại.", field="eml")
    try:
        code = inspect_content(io.BytesIO(data), len(data), shown).kind.code
    except ServiceError:
        code = ""
    if code != "eml":
        outlook = " Tệp .msg của Outlook chưa đọc được: hãy mở thư và lưu (hoặc kéo thả) thành .eml." \
            if shown.lower().endswith(".msg") else ""
        raise ServiceError(f'Tệp "{shown}" không phải thư điện tử (.eml): không có phần đầu thư (From:, Date:, '
                           f"Subject:…) ở đầu tệp.{outlook} " + SAVE_AS_EML, field="eml")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


# --- headers --------------------------------------------------------------------------------------------------

def _clean(text: str, notices: list[str] | None = None) -> str:
    """Text from the parser made safe to keep: raw 8-bit bytes (surrogate escapes) read as UTF-8, a notice when
    something could not be read."""
    if _SURROGATES.search(text):
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (a UTF-7 or UTF-16 defect)
            text = text.encode("utf-8", "replace").decode("utf-8")
    if notices is not None and "\ufffd" in text:
        _notice_once(notices, _UNREADABLE)
    return text


_UNREADABLE = ("Một phần thư ghi bằng bảng mã không đọc được (hoặc không ghi rõ bảng mã); chỗ không đọc được hiện "
               "thành dấu �. Hãy đối chiếu với thư gốc (.eml).")


def _notice_once(notices: list[str], notice: str) -> None:
    if notice not in notices:
        notices.append(notice)


def _header(message: EmailMessage, name: str, notices: list[str]) -> str:
    try:
        value = message[name]
    except _HEADER_ERRORS:
        value = None
    if value is None:  # missing, or too broken to parse: the header as written
        value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
    return _clean(str(value), notices)


def _message_id(value: str) -> str:
    # Not normalised: it is an identifier, compared byte for byte with the same message imported again.
    bracketed = re.search(r"<([^<>\s]+)>", value)
    return bracketed.group(1) if bracketed else "".join(value.split()).strip("<>")


def _one_line(text: str) -> str:
    return " ".join(normalize(text).split())


def _addresses(message: EmailMessage, name: str, notices: list[str] | None = None) -> list[tuple[str, str]]:
    """(display name, addr-spec) of each address in the header; a bare name without "@" is a name, not an address."""
    try:
        header: Any = message[name]
        # A bare name ("From: NGUYEN VAN AN") parses as a local part without a domain: keep it unquoted.
        found = [(_clean(a.display_name, notices), _clean(a.addr_spec if a.domain else a.username, notices))
                 for a in header.addresses] if header else []
    except _HEADER_ERRORS:
        return []
    result = []
    for display, spec in found:
        if "@" not in spec:
            display, spec = display or spec, ""
        if display or spec:
            result.append((display, spec.lower().strip()))
    return result


def _first_address(message: EmailMessage, name: str) -> tuple[str, str]:
    found = _addresses(message, name)
    return found[0] if found else ("", "")


def _sender(message: EmailMessage, notices: list[str]) -> tuple[str, str]:
    from vanphong.petitions.services import person_name  # here: services may import this module

    found = _addresses(message, "From", notices)
    if not found:
        notices.append("Thư không ghi người gửi (From) hoặc ghi không đọc được; hãy nhập người gửi theo nội dung thư.")
        return "", ""
    if len(found) > 1:
        notices.append(f"Thư ghi {len(found)} người gửi; đã lấy người đầu tiên, hãy xem thư gốc nếu cần thêm người.")
    display, spec = found[0]
    return person_name(display), spec


def _sent_at(message: EmailMessage, notices: list[str]) -> datetime | None:
    if "Date" not in message:
        notices.append("Thư không ghi ngày gửi (Date); hãy nhập ngày nhận đơn theo thực tế.")
        return None
    try:
        header: Any = message["Date"]
        when = header.datetime if header is not None else None
    except _HEADER_ERRORS:
        when = None
    if not isinstance(when, datetime):
        notices.append("Ngày gửi ghi trong thư (Date) không đọc được; hãy nhập ngày nhận đơn theo thực tế.")
        return None
    # "-0000" (RFC 5322 §3.3: time zone unknown) gives a naive time, which is UTC.
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


# --- body -----------------------------------------------------------------------------------------------------

def _body(message: EmailMessage, notices: list[str]) -> tuple[EmailMessage | None, str]:
    """The part read as the body and its text: text/plain preferred, else text/html made plain text."""
    for kind in ("plain", "html"):
        try:
            part = message.get_body(preferencelist=(kind,))
        except _HEADER_ERRORS:
            part = None
        if not isinstance(part, EmailMessage):
            continue
        text = _text_of(part, notices)
        if kind == "html":
            text = html_to_text(text)
        text = normalize(text).strip()
        if text:
            if kind == "html":
                notices.append("Thư chỉ có nội dung dạng trang web (HTML); nội dung đã được chuyển thành chữ, "
                               "hãy đối chiếu với thư gốc nếu có bảng hoặc định dạng.")
            return part, text
    return None, ""


def _text_of(part: EmailMessage, notices: list[str]) -> str:
    """The decoded text of a text/* part: its charset, else UTF-8, else with replacement and a notice."""
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset() or "us-ascii"
    try:
        text = raw.decode(charset)
    except LookupError:
        notices.append(f"Thư ghi bảng mã “{_clean(charset)[:40]}” không biết; đã đọc theo UTF-8, chỗ không đọc "
                       "được hiện thành dấu �. Hãy đối chiếu với thư gốc (.eml).")
        text = raw.decode("utf-8", "replace")
    except UnicodeDecodeError:
        try:
            text = raw.decode("utf-8")  # 8-bit UTF-8 labelled ASCII (or not labelled) is common and harmless
        except UnicodeDecodeError:
            text = raw.decode(charset, "replace")
            _notice_once(notices, _UNREADABLE)
    return _clean(text).replace("\r\n", "\n").replace("\r", "\n")


# Paragraph-like elements get a blank line around them, line-like ones a line break; the rest flows inline.
_PARAGRAPHS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote table ul ol pre dl figure".split())
_LINES = frozenset("div li tr hr address section article header footer dt dd caption center".split())
_CELLS = frozenset("td th".split())
_LINE, _PARA = "\x01", "\x02"  # break markers, resolved once the whole text is known
_BREAKS = re.compile("[ \x01\x02]*[\x01\x02][ \x01\x02]*")
_DROPPED = frozenset("script style head title noscript template object embed iframe svg math".split())


def html_to_text(html: str) -> str:
    """Plain text of an HTML body: no tags, no scripts or styles, paragraphs and line breaks kept."""
    from lxml import etree
    from lxml import html as lhtml

    # huge_tree: mail programs nest <div>s past libxml2's default depth, which would lose the whole text.
    parser = lhtml.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=True)
    try:
        root = lhtml.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    skipping: list[Any] = []  # the dropped element being walked through, if any
    in_pre = 0  # inside <pre>, the source's line breaks are the text's

    def flow(text: str | None) -> str:
        # Elsewhere source line breaks and runs of blanks are one space; only elements break lines.
        if not text:
            return ""
        return text if in_pre else re.sub(r"\s+", " ", text)

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping:
                continue
            if tag in _DROPPED:
                skipping.append(element)
                continue
            in_pre += tag == "pre"
            pieces.append(_PARA if tag in _PARAGRAPHS else "\n" if tag == "br" else _LINE if tag in _LINES else "")
            pieces.append(flow(element.text))
            continue
        if skipping:
            if skipping[-1] is element:
                skipping.pop()
                pieces.append(flow(element.tail))
            continue
        in_pre -= tag == "pre"
        pieces.append(_PARA if tag in _PARAGRAPHS else _LINE if tag in _LINES else " " if tag in _CELLS else "")
        if element is not root:
            pieces.append(flow(element.tail))
    # The edges of nested blocks ("</li></ul><p>") are one break, a paragraph's if any of them is a paragraph;
    # only <br> adds breaks of its own ("<br><br>" is how many people write a blank line).
    text = _BREAKS.sub(lambda run: "\n\n" if _PARA in run.group() else "\n", "".join(pieces))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    result = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    # libxml2 gives up on absurdly deep nesting (thousands of levels) and returns nothing: read it flat instead.
    return result or _flat_text(html)


def _flat_text(html: str) -> str:
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.pieces: list[str] = []
            self.dropped = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.dropped += tag in _DROPPED
            self.pieces.append("\n" if tag in _PARAGRAPHS | _LINES | {"br"} else "")

        def handle_endtag(self, tag: str) -> None:
            self.dropped = max(0, self.dropped - (tag in _DROPPED))

        def handle_data(self, data: str) -> None:
            if not self.dropped:
                self.pieces.append(re.sub(r"\s+", " ", data))

    collector = Collector()
    collector.feed(html)
    collector.close()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in "".join(collector.pieces).split("\n"))).strip()



# --- attachments ----------------------------------------------------------------------------------------------

def _attachments(message: EmailMessage, body: EmailMessage | None, notices: list[str]) -> list[Attachment]:
    found = [part for part in _leaves(message) if part is not body and _is_attachment(part)]
    if len(found) > MAX_ATTACHMENTS:
        notices.append(f"Thư có {len(found)} tệp đính kèm; chỉ lấy {MAX_ATTACHMENTS} tệp đầu, các tệp còn lại vẫn "
                       "nằm trong thư gốc (.eml).")
    attachments = [_attachment(part, number) for number, part in enumerate(found[:MAX_ATTACHMENTS], start=1)]
    for attachment in attachments:
        if attachment.refusal:
            hint = (" Đây là gói thư của Outlook (TNEF): hãy đề nghị người gửi gửi lại thư ở dạng HTML hoặc chữ "
                    "thường.") if attachment.name.lower() == "winmail.dat" else ""
            notices.append(f"Tệp đính kèm “{attachment.name}” không được nhận vào hồ sơ: {attachment.refusal}{hint} "
                           "Tệp vẫn nằm trong thư gốc (.eml).")
    return attachments


def _leaves(message: EmailMessage) -> list[EmailMessage]:
    """Every part that is not a container, in order; an attached message is one part (it is not opened)."""
    leaves: list[EmailMessage] = []
    stack: list[EmailMessage] = [message]
    while stack:
        part = stack.pop()
        if part.is_multipart() and part.get_content_maintype() == "multipart":
            children = [p for p in part.get_payload() if isinstance(p, EmailMessage)]
            stack.extend(reversed(children))
        elif part is not message or part.get_content_maintype() != "text":
            leaves.append(part)
    return leaves


def _filename(part: EmailMessage) -> str:
    try:
        name = part.get_filename() or ""
    except _HEADER_ERRORS:
        return ""
    if "=?" in name:  # RFC 2047 inside a quoted parameter: not standard, but what many mailers send
        from email.header import decode_header, make_header

        try:
            name = str(make_header(decode_header(name)))
        except _HEADER_ERRORS:
            pass
    return _clean(name)


def _is_attachment(part: EmailMessage) -> bool:
    if part.get_content_type() in ("message/rfc822", "message/global"):
        return True
    if _filename(part):
        return True
    disposition = part.get_content_disposition()
    if disposition == "attachment":
        return True
    # Without a name: the other form of the body (text/html beside text/plain) or a picture drawn in it.
    maintype = part.get_content_maintype()
    return maintype not in ("text", "image", "multipart")


def _attachment(part: EmailMessage, number: int) -> Attachment:
    if part.get_content_type() in ("message/rfc822", "message/global"):
        return _forwarded(part)
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    given = _filename(part)
    name = sanitize_filename(given, fallback="")
    if name:
        return Attachment(name, data, _refusal(data, name))
    # No name: call it by its number, with the extension of what it is (or of its declared type if refused).
    stem = f"tep-dinh-kem-{number}"
    refusal = _refusal(data, stem)
    if not refusal:
        extension = "." + inspect_content(io.BytesIO(data), len(data), stem).kind.extension
    else:
        extension = mimetypes.guess_extension(part.get_content_type()) or ""
    return Attachment(stem + extension, data, refusal)


def _forwarded(part: EmailMessage) -> Attachment:
    inner = part.get_payload(0) if part.is_multipart() else None
    subject = ""
    data = b""
    if isinstance(inner, EmailMessage):
        try:
            subject = _one_line(_clean(str(inner.get("Subject", ""))))
        except _HEADER_ERRORS:
            subject = ""
        try:
            data = inner.as_bytes()
        except (*_HEADER_ERRORS, UnicodeError):
            data = b""
    stem = re.sub(r"[/\\]", "-", subject)[:150].strip(" .")  # a slash would make the subject a folder path
    name = sanitize_filename(f"{stem}.eml") if stem else "thu-chuyen-tiep.eml"
    if not data:
        return Attachment(name, b"", "Thư chuyển tiếp kèm theo không đọc được.")
    return Attachment(name, data, _refusal(data, name))


def _refusal(data: bytes, name: str) -> str:
    """Why the file store would refuse this attachment, or ""."""
    if not data:
        return f'Tệp "{name}" rỗng (0 byte).'
    limit = max_upload_bytes()
    if len(data) > limit:
        return f'Tệp "{name}" lớn {_mb(len(data))} MB, vượt giới hạn {_mb(limit)} MB cho mỗi tệp.'
    try:
        inspect_content(io.BytesIO(data), len(data), name)
    except ServiceError as refused:
        return refused.message
    return ""
