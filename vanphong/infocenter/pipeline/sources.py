"""Read input files into raw items: a web page, a text file, or the entries of an RSS/Atom feed.

Whatever goes wrong with one file (empty, binary, too big, a feed that does not parse) becomes one item carrying
a Vietnamese error that says what to do; it never stops the other files. Encodings: UTF-8, UTF-16 with a BOM,
Windows-1258 and TCVN3, through `vanphong.text.legacy`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from vanphong.infocenter.pipeline.items import RawItem
from vanphong.text import normalize
from vanphong.text.legacy import decode_vietnamese

MAX_BYTES = 5 * 1024 * 1024

_BINARY_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/DOCX/ODT"), (b"\xd0\xcf\x11\xe0", "Office cũ (DOC/XLS)"),
    (b"\x89PNG", "ảnh PNG"), (b"\xff\xd8\xff", "ảnh JPEG"), (b"GIF8", "ảnh GIF"), (b"\x1f\x8b", "nén gzip"),
    (b"{\\rtf", "RTF"),
]  # fmt: skip
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)|encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_FEED_START = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)
_HTML_START = re.compile(r"<(!doctype html|html|head|body|article|div|p)\b", re.I)
_BARE_AMPERSAND = re.compile(r"&(?!#?\w+;)")
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def _error(source: str, message: str) -> RawItem:
    return RawItem(source=source, kind="error", error=message)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text has NUL bytes of its own
    if b"\x00" in head:
        return "nhị phân"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return "nhị phân" if controls > len(head) * 0.1 else None


def read_bytes(source: str, data: bytes, suffix: str = "") -> list[RawItem]:
    """The raw items in `data` (the content of the file `source`)."""
    if len(data) > MAX_BYTES:
        return [_error(source, f"Tệp quá lớn ({len(data) / 1048576:.1f} MB, tối đa {MAX_BYTES // 1048576} MB): "
                               "hãy tách tệp hoặc chỉ lấy phần bài viết.")]
    if not data.strip():
        return [_error(source, "Tệp rỗng: không có nội dung để phân tích.")]
    binary = _binary_kind(data)
    if binary:
        return [_error(source, f"Tệp {binary}, không phải trang HTML, văn bản hay nguồn tin RSS/Atom: "
                               "hãy chuyển sang văn bản (TXT) hoặc HTML.")]
    found = _CHARSET.search(data[:4096])
    declared = (found.group(1) or found.group(2)).decode("ascii") if found else None
    decoded = decode_vietnamese(data, declared)
    text = decoded.text
    head = text[:2048].lstrip("\ufeff \t\r\n")
    suffix = suffix.lower()
    if _FEED_START.search(head) or (suffix in {".rss", ".atom", ".xml"} and head.startswith("<")):
        return read_feed(source, text)
    if suffix in {".html", ".htm", ".xhtml"} or (suffix != ".txt" and _HTML_START.search(head)):
        return [RawItem(source=source, kind="html", content=text, encoding=decoded.encoding)]
    return [RawItem(source=source, kind="text", content=text, encoding=decoded.encoding)]


def read_path(path: Path) -> list[RawItem]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [_error(source, f"Tệp quá lớn ({size / 1048576:.1f} MB, tối đa {MAX_BYTES // 1048576} MB): "
                                   "hãy tách tệp hoặc chỉ lấy phần bài viết.")]
        data = path.read_bytes()
    except IsADirectoryError:
        return [_error(source, "Đây là thư mục, không phải tệp: hãy chỉ ra từng tệp hoặc dùng *.html.")]
    except OSError as exc:
        return [_error(source, f"Không đọc được tệp ({exc.strerror or exc}): hãy kiểm tra đường dẫn và quyền đọc.")]
    return read_bytes(source, data, path.suffix)


def _parse_xml(text: str) -> ET.Element | None:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # the declaration's encoding no longer applies to a str
    try:
        return SafeET.fromstring(body)
    except DefusedXmlException:
        return None  # entity declarations: refused, never expanded
    except ET.ParseError:
        pass
    # A broken feed (an unescaped "&", a missing end tag): lxml's recovering parser, without entities or network.
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    body = _BARE_AMPERSAND.sub("&amp;", body)
    try:
        root = etree.fromstring(body.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    return ET.fromstring(etree.tostring(root))  # noqa: S314 - lxml's own output of an entity-free tree


def _text(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def parse_feed_date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def read_feed(source: str, text: str) -> list[RawItem]:
    root = _parse_xml(text)
    if root is None:
        return [_error(source, "Nguồn tin RSS/Atom hỏng, không đọc được (hoặc có khai báo thực thể bị từ chối vì "
                               "an toàn): hãy tải lại nguồn tin.")]
    items: list[RawItem] = []
    if root.tag.endswith("feed"):  # Atom
        outlet = normalize(_text(root.find(f"{_ATOM}title")))
        reference = parse_feed_date(_text(root.find(f"{_ATOM}updated")))
        for n, entry in enumerate(root.iter(f"{_ATOM}entry"), 1):
            link = entry.find(f"{_ATOM}link")
            href = (link.get("href") or "").strip() if link is not None else ""
            content = _text(entry.find(f"{_ATOM}content")) or _text(entry.find(f"{_ATOM}summary"))
            published = parse_feed_date(_text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated")))
            items.append(RawItem(source=href or f"{source}#{n}", kind="feed", content=content,
                                 title=normalize(_text(entry.find(f"{_ATOM}title"))), outlet=outlet,
                                 published=published, reference=reference))
    else:  # RSS 0.9x/2.0 and RSS 1.0 (RDF): items may sit inside or beside the channel
        channel = next((el for el in root.iter() if el.tag.endswith("channel")), None)
        outlet = normalize(_text(channel.find("title"))) if channel is not None else ""
        reference = None
        if channel is not None:
            reference = parse_feed_date(_text(channel.find("pubDate")) or _text(channel.find("lastBuildDate"))
                                        or _text(channel.find(_DC_DATE)))
        for n, entry in enumerate((el for el in root.iter() if el.tag.split("}")[-1] == "item"), 1):
            def child(name: str, entry: ET.Element = entry) -> str:
                return _text(next((el for el in entry if el.tag.split("}")[-1] == name), None))

            content = _text(entry.find(_CONTENT)) or child("description")
            published = parse_feed_date(child("pubDate") or _text(entry.find(_DC_DATE)))
            items.append(RawItem(source=child("link") or f"{source}#{n}", kind="feed", content=content,
                                 title=normalize(child("title")), outlet=outlet, published=published,
                                 reference=reference))
    if not items:
        return [_error(source, "Nguồn tin không có bài nào (không thấy <item> hay <entry>): "
                               "hãy kiểm tra địa chỉ nguồn.")]
    return items
