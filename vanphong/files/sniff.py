"""Decide what a file is from its bytes, never from its name or the browser's claim, and refuse what the store
does not take: programs and scripts, unknown types, and content that does not match its name's extension."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import IO, NoReturn
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from vanphong.files import containers
from vanphong.files.containers import refuse
from vanphong.files.kinds import ALLOWED_LIST, EXECUTABLE_EXTENSIONS, KINDS, MACRO_EXTENSIONS, Kind, extension_of

HEAD = 8192

# Headers of programs, whatever the file is called.
_PROGRAMS: list[tuple[bytes, str]] = [
    (b"MZ", "chương trình Windows (EXE/DLL)"),
    (b"\x7fELF", "chương trình Linux (ELF)"),
    (b"\xfe\xed\xfa\xce", "chương trình macOS (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", "chương trình macOS (Mach-O)"),
    (b"\xce\xfa\xed\xfe", "chương trình macOS (Mach-O)"),
    (b"\xcf\xfa\xed\xfe", "chương trình macOS (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "chương trình macOS hoặc Java"),
    (b"dex\n", "chương trình Android (DEX)"),
    (b"#!", "tập lệnh (script) chạy được"),
]
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
]
_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|script|iframe|frameset)\b", re.I | re.S)
_XHTML_OR_SVG = ("{http://www.w3.org/1999/xhtml}", "{http://www.w3.org/2000/svg}")
# RFC 5322 §3.6.8: a field name is printable ASCII but the colon; the obsolete syntax (§4.5.3) allows blanks
# before the colon, and real mail still has them.
_FIELD = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:")
# Besides From:, a message carries at least one of these; a note that starts "From: …" alone is not a message.
_MESSAGE_FIELDS = frozenset({b"date", b"message-id", b"received", b"mime-version", b"subject", b"return-path"})
# The header block of delivered mail often passes HEAD (Received, DKIM and ARC lines come before From:), so it is
# read this far, once the first line looks like a header; a block that does not end by then is not a message.
MESSAGE_HEAD = 64 * 1024
# Control characters that have no place in a text document (tab, line feed, form feed and CR do).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Inspection:
    kind: Kind
    page_count: int | None = None


def inspect_content(fp: IO[bytes], size: int, name: str) -> Inspection:
    """What the staged file `fp` (`size` bytes, given as `name`) is, or a ServiceError saying why it is refused."""
    ext = extension_of(name)
    if ext in EXECUTABLE_EXTENSIONS:
        refuse(f'Tệp "{name}" có đuôi .{ext} là chương trình hoặc tập lệnh chạy được nên không được nhận. '
               "Chỉ tải lên tài liệu và ảnh quét: " + ALLOWED_LIST + ".")
    if ext in MACRO_EXTENSIONS:
        refuse(f'Tệp "{name}" là tài liệu Office có macro (.{ext}) nên không được nhận. Hãy lưu lại thành tài liệu '
               "không có macro (.docx, .xlsx, .pptx) hoặc PDF rồi tải lên lại.")
    fp.seek(0)
    head = fp.read(HEAD)
    for magic, what in _PROGRAMS:
        if head.startswith(magic):
            refuse(f'Tệp "{name}" thực chất là {what} nên không được nhận, dù tên tệp là gì. '
                   "Chỉ tải lên tài liệu và ảnh quét: " + ALLOWED_LIST + ".")
    page_count: int | None = None
    if head.startswith(b"%PDF-"):
        page_count = containers.check_pdf(fp, size, name)
        code = "pdf"
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        code = containers.check_zip(fp, name)
    elif head.startswith(_OLE):
        code = containers.check_ole(fp, name)
    elif head.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        containers.check_rtf(fp, name)
        code = "rtf"
    elif image := next((c for magic, c in _IMAGES if head.startswith(magic)), None):
        code = image
    elif ext != "txt" and _is_message(fp, head, name):
        # Before the text rules: a message may carry 8-bit text in its own charset, which is no UTF-8 text file.
        # A message saved as .txt is text, and goes through the text rules like any text.
        code = "eml"
    else:
        code = _text_kind(fp, head, ext, name)
    kind = KINDS[code]
    if ext and ext not in kind.extensions:
        refuse(f'Tệp "{name}" có đuôi .{ext} nhưng nội dung là {kind.label}. Nếu đúng là tệp cần gửi, hãy đổi đuôi '
               f"tên tệp thành .{kind.extension}; nếu không, hãy chọn lại đúng tệp.")
    return Inspection(kind, page_count)


def _is_message(fp: IO[bytes], head: bytes, name: str) -> bool:
    """Whether the file starts with an RFC 5322 header block (CRLF or LF) that has From: and another message
    header, ending with an empty line. An mbox mailbox ("From " first line) holds many messages: not taken as one."""
    if head.startswith(b"From ") or not _FIELD.match(head):
        return False
    block = head
    if len(head) >= HEAD:
        fp.seek(0)
        block = fp.read(MESSAGE_HEAD)
    fields: set[bytes] = set()
    from_value = b""
    for line in block.split(b"\n")[:-1]:  # the last piece has no line end: it may be cut short
        line = line.removesuffix(b"\r")
        if not line:
            break
        if b"\x00" in line:
            return False
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the field before
        field = _FIELD.match(line)
        if field is None:
            return False
        fields.add(field.group(1).lower())
        if field.group(1).lower() == b"from":
            from_value = line[field.end():]
    else:
        return False  # no empty line: no header block ends here
    if b"from" not in fields or not fields & _MESSAGE_FIELDS:
        return False
    if b"snapshot-content-location" in fields or b"<saved by" in from_value.lower():
        # A web page saved whole (MHTML, .mht) is written as a message, but it is a page like any HTML.
        refuse(f'Tệp "{name}" là trang web lưu trọn (MHTML), loại không được nhận vì có thể chứa mã chạy trong '
               "trình duyệt. Hãy in hoặc lưu trang thành PDF rồi tải lên.")
    return True


def _text_kind(fp: IO[bytes], head: bytes, ext: str, name: str) -> str:
    """"txt" or "xml" for UTF-8 text; refusals for HTML, other encodings and unknown binary content."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        refuse(f'Tệp "{name}" là văn bản mã UTF-16. Hãy lưu lại với bảng mã UTF-8 (trong Notepad: Lưu thành… → '
               "Mã hóa UTF-8) rồi tải lên lại.")
    verdict = _utf8_verdict(fp)
    if verdict == "binary" or (verdict == "other" and _looks_binary(head)):
        _unknown(name, head)
    if verdict == "other":
        refuse(f'Tệp "{name}" không ở bảng mã Unicode UTF-8 (có thể là TCVN3, VNI hoặc Windows-1258). Hãy chuyển '
               "sang Unicode UTF-8 (ví dụ bằng công cụ chuyển mã của Unikey) rồi tải lên lại.")
    body = head.removeprefix(codecs.BOM_UTF8)
    if _HTML.match(body):
        refuse(f'Tệp "{name}" là trang web (HTML), loại không được nhận vì có thể chứa mã chạy trong trình duyệt. '
               "Hãy in hoặc lưu trang thành PDF rồi tải lên.")
    if ext == "txt" or not body.lstrip().startswith(b"<"):
        return "txt"
    fp.seek(0)
    try:
        root_tag = ""
        for event, element in iterparse(fp, events=("start", "end")):
            if event == "start" and not root_tag:
                root_tag = str(element.tag)
            elif event == "end":
                element.clear()
    except (ParseError, DefusedXmlException, ValueError):
        if ext == "xml":
            refuse(f'Tệp "{name}" không phải XML hợp lệ (sai cú pháp hoặc có khai báo thực thể không an toàn). '
                   "Hãy kiểm tra lại tệp với nơi tạo ra nó.")
        return "txt"
    if root_tag.startswith(_XHTML_OR_SVG) or root_tag.lower() in ("html", "svg"):
        refuse(f'Tệp "{name}" là trang web hoặc ảnh SVG viết bằng XML, loại không được nhận vì có thể chứa mã chạy '
               "trong trình duyệt. Hãy lưu thành PDF hoặc PNG rồi tải lên.")
    return "xml"


def _utf8_verdict(fp: IO[bytes]) -> str:
    """"text" for UTF-8 text, "binary" for UTF-8 with control characters, "other" for another encoding."""
    fp.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fp.read(containers.CHUNK):
            if _CONTROL.search(decoder.decode(chunk)):
                return "binary"
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "other"
    return "text"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) // 50


def _unknown(name: str, head: bytes) -> NoReturn:
    import puremagic

    try:
        guess = puremagic.from_string(head)
    except (puremagic.PureError, ValueError):
        guess = ""
    what = f"có dạng tệp {guess}" if guess and guess.startswith(".") else "không thuộc loại nào nhận ra được"
    refuse(f'Tệp "{name}" {what}, không phải loại được nhận. Các loại được nhận: {ALLOWED_LIST}. '
           "Hãy lưu tài liệu thành một trong các loại này (ví dụ PDF) rồi tải lên.")
