"""Clean one raw item: main text (trafilatura for HTML), the clutter filter, title, author, outlet and dates.

Metadata is read from the page with lxml (Open Graph, article:*, itemprop, <time>, JSON-LD), not through
trafilatura's own date search, which is slower and falls back to guesses; the body comes from trafilatura with
its fast path. Every line goes through `vanphong.text.normalize`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlparse

from vanphong.infocenter.pipeline import clutter, dates
from vanphong.infocenter.pipeline.items import RawItem
from vanphong.infocenter.pipeline.sources import parse_feed_date
from vanphong.text import fold, normalize

_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_JSONLD_AUTHOR = re.compile(r'"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"([^"]+)"')
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "date", "dc.date", "dc.date.issued", "dcterms.created", "article.published", "publish-date")  # fmt: skip
_DATE_CLASS = re.compile(r"date|time|publish|ngay|thoigian", re.I)
MAX_TITLE = 300


@dataclass(slots=True)
class Cleaned:
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: dt.date | None = None
    happened: dt.date | None = None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    error: str = ""


@dataclass(slots=True)
class _Meta:
    title: str = ""
    h1: str = ""
    outlet: str = ""
    author: str = ""
    published: dt.date | None = None
    datelines: list[str] = field(default_factory=list)


def _iso(value: str) -> dt.date | None:
    m = _ISO_DATE.search(value or "")
    if not m:
        return parse_feed_date(value or "") if value else None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _parse(html: str) -> Any:
    from lxml import etree
    from lxml import html as lhtml

    try:
        return lhtml.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _page_meta(tree: Any) -> _Meta:
    meta = _Meta()
    if tree is None:
        return meta
    props: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and key not in props:
            props[key] = (el.get("content") or "").strip()
    meta.title = normalize(props.get("og:title") or props.get("twitter:title") or "")
    if not meta.title:
        title_el = tree.find(".//title")
        meta.title = normalize(title_el.text_content()) if title_el is not None else ""
    h1 = tree.find(".//h1")
    meta.h1 = normalize(h1.text_content()) if h1 is not None else ""
    meta.outlet = normalize(props.get("og:site_name") or props.get("application-name") or "")
    if not meta.outlet:
        url = props.get("og:url") or next((el.get("href", "") for el in tree.iter("link")
                                           if (el.get("rel") or "").lower() == "canonical"), "")  # fmt: skip
        meta.outlet = urlparse(url).hostname or ""
    meta.author = normalize(props.get("author") or props.get("article:author") or "")
    for key in _DATE_META:
        if props.get(key):
            meta.published = _iso(props[key])
            if meta.published:
                break
    if meta.published is None:
        for el in tree.iter("time"):
            meta.published = _iso(el.get("datetime") or "")
            if meta.published:
                break
    if meta.published is None or not meta.author:
        for script in tree.iter("script"):
            if (script.get("type") or "").lower() != "application/ld+json":
                continue
            body = script.text or ""
            if meta.published is None and (m := _JSONLD_DATE.search(body)):
                meta.published = _iso(m.group(1))
            if not meta.author and (m := _JSONLD_AUTHOR.search(body)):
                meta.author = normalize(json.loads(f'"{m.group(1)}"'))
    if meta.published is None:
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            cls = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
            if _DATE_CLASS.search(cls):
                text = normalize(el.text_content())[:120]
                if text:
                    meta.datelines.append(text)
                if len(meta.datelines) >= 5:
                    break
    return meta


@cache
def _extractor() -> Any:
    """trafilatura's options, built once (building them per page reads its configuration each time)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", fast=True, with_metadata=False, comments=False, tables=True, images=False,
                     links=False, recall=True, dedup=False)


def _trafilatura_lines(tree: Any, html: str) -> list[str]:
    import trafilatura

    # The tree _page_meta read is handed over (trafilatura prunes it in place; the metadata is already taken).
    text = trafilatura.extract(tree if tree is not None else html, options=_extractor())
    if not text:
        return _fallback_lines(html)
    return text.split("\n")


def _fallback_lines(html: str) -> list[str]:
    """Block-level text of a fragment too small for trafilatura (a feed's description)."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        tree = lhtml.fromstring(f"<div>{html}</div>")
    except (etree.ParserError, ValueError):
        return []
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in tree.xpath("//p|//div|//li|//h1|//h2|//h3|//h4|//figcaption|//tr"):
        block.tail = "\n" + (block.tail or "")
    return tree.text_content().split("\n")


def _strip_outlet(title: str, outlet: str) -> str:
    """ "Tin chính - Báo X" → "Tin chính" when the last part names the outlet."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and (not outlet or fold(outlet) in fold(parts[-1]) or len(parts[-1].split()) <= 4):
        return " - ".join(parts[:-1]).strip()
    return title


def clean(raw: RawItem) -> Cleaned:
    out = Cleaned(outlet=raw.outlet)
    meta = _Meta()
    if raw.kind == "html":
        tree = _parse(raw.content)
        meta = _page_meta(tree)
        lines = _trafilatura_lines(tree, raw.content)
    elif raw.kind == "feed":
        lines = _fallback_lines(raw.content) if "<" in raw.content else raw.content.split("\n")
    else:
        lines = raw.content.split("\n")
    lines = [x for x in (normalize(line) for line in lines) if x]
    out.outlet = raw.outlet or meta.outlet
    title = raw.title or meta.h1 or _strip_outlet(meta.title, out.outlet)
    if raw.kind == "text" and lines and not title:
        # A text file: the first short line without closing punctuation is the title.
        first = lines[0]
        if len(first.split()) <= 40 and first[-1] not in ".!?;,":
            title = first
    out.title = title[:MAX_TITLE]
    if lines and out.title and fold(lines[0]) == fold(out.title):
        lines = lines[1:]
    filtered = clutter.filter_lines(lines)
    out.paragraphs = filtered.kept
    out.removed = filtered.removed
    out.author = meta.author or filtered.credit
    if not out.paragraphs:
        out.error = ("Không còn nội dung bài viết sau khi lọc (trang chỉ có danh sách tin, nút chia sẻ, chú thích…): "
                     "hãy kiểm tra lại địa chỉ bài.")
    explicit = raw.published or meta.published
    top = meta.datelines + lines[:4]
    lead = " ".join(out.paragraphs[:2])
    out.published, out.happened = dates.publication(explicit, top, lead, raw.reference)
    return out
