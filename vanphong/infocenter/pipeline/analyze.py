"""The whole pipeline over a batch: read, clean, recognise, classify, group copies and events; the JSON shape.

No database: `vanphong analyze` and the benchmark call `analyze_paths`; the later ingest task will call
`analyze_raw` on what it fetched. One bad item never stops the rest: it becomes an entry of `errors`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanphong.infocenter.pipeline import dedupe, events, fields
from vanphong.infocenter.pipeline.clean import clean
from vanphong.infocenter.pipeline.gazetteer import tokenize
from vanphong.infocenter.pipeline.items import Item, RawItem
from vanphong.infocenter.pipeline.people import recognise
from vanphong.infocenter.pipeline.places import places_and_organizations
from vanphong.infocenter.pipeline.sources import read_path
from vanphong.text import fold


@dataclass(slots=True)
class Event:
    id: str
    title: str
    items: list[str]  # sources, copies included
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(slots=True)
class Analysis:
    items: list[Item] = field(default_factory=list)  # one per article: copies are listed on it
    events: list[Event] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, message)


def analyze_one(raw: RawItem, rules: fields._Rules | None = None, place_rules: fields.PlaceRules | None = None
                ) -> Item:
    """Clean and recognise one item (no copies or events: those need the batch). Ingest passes the analysts'
    current rules; without them the shipped fields.json applies."""
    cleaned = clean(raw)
    item = Item(source=raw.source, outlet=cleaned.outlet, title=cleaned.title, author=cleaned.author,
                published=cleaned.published, happened=cleaned.happened, removed=cleaned.removed,
                error=cleaned.error)  # fmt: skip
    if item.error:
        return item
    item.text = "\n".join(cleaned.paragraphs)
    # The title ends with a stop so a name at its end does not run into the first paragraph.
    whole = f"{item.title}.\n{item.text}" if item.title else item.text
    tk = tokenize(whole)
    item.people, name_spans = recognise(tk)
    item.places, item.organizations = places_and_organizations(tk, name_spans)
    if place_rules is not None:
        for province in fields.places_by_rules(item.title, item.text, place_rules):
            if province not in item.places:
                item.places.append(province)
    item.fields = fields.classify(item.title, item.text, rules)
    item.notable = fields.is_notable(item.title, item.text)
    return item


def _representative(group: list[Item]) -> Item:
    # The fullest text wins, then the earliest publication: the original rather than a shortened reprint.
    return min(group, key=lambda it: (-len(it.text), it.published or dt.date.max))


def analyze_raw(raws: list[RawItem]) -> Analysis:
    result = Analysis()
    analysed: list[Item] = []
    for raw in raws:
        if raw.error:
            result.errors.append((raw.source, raw.error))
            continue
        try:
            item = analyze_one(raw)
        except Exception as exc:  # one broken page must not stop the batch; say what failed
            result.errors.append((raw.source, f"Lỗi khi phân tích ({type(exc).__name__}: {exc}); các tin khác vẫn "
                                              "được xử lý."))
            continue
        if item.error:
            result.errors.append((item.source, item.error))
        else:
            analysed.append(item)
    for group_idx in dedupe.copy_groups([it.text for it in analysed]):
        group = [analysed[k] for k in group_idx]
        rep = _representative(group)
        rep.copies = [it.source for it in group if it is not rep]
        rep.outlets = list(dict.fromkeys(it.outlet for it in [rep, *group] if it.outlet))
        result.items.append(rep)
    position = {id(it): k for k, it in enumerate(analysed)}
    result.items.sort(key=lambda it: position[id(it)])
    docs = [events.Doc(title=it.title, lead=it.paragraphs[0] if it.paragraphs else "",
                       body="\n".join(it.paragraphs[1 : events.BODY_PARAGRAPHS]), day=it.happened or it.published,
                       people=frozenset(fold(p.name) for p in it.people),
                       organizations=frozenset(fold(o) for o in it.organizations), places=frozenset(it.places))
            for it in result.items]  # fmt: skip
    made: list[tuple[list[int], str]] = []
    for members, central in events.group(docs):
        best = max(range(len(members)), key=lambda m: (len(result.items[members[m]].copies), central[m], -m))
        made.append((members, result.items[members[best]].title))

    def newest(members: list[int]) -> dt.date:
        return max((day for k in members if (day := docs[k].day) is not None), default=dt.date.min)

    def size(members: list[int]) -> int:
        return sum(1 + len(result.items[k].copies) for k in members)

    made.sort(key=lambda m: (-size(m[0]), -newest(m[0]).toordinal(), min(m[0])))
    for number, (members, title) in enumerate(made, 1):
        event_id = f"e{number}"
        sources: list[str] = []
        days = [day for k in members if (day := docs[k].day) is not None]
        for k in sorted(members, key=lambda k: (docs[k].day or dt.date.max, k)):
            result.items[k].event = event_id
            sources.append(result.items[k].source)
            sources.extend(result.items[k].copies)
        result.events.append(Event(event_id, title, sources, min(days, default=None), max(days, default=None)))
    return result


def analyze_paths(paths: list[Path]) -> Analysis:
    raws: list[RawItem] = []
    for path in paths:
        raws.extend(read_path(path))
    return analyze_raw(raws)


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The shape `vanphong analyze --json` prints (issue 6, point 8), plus outlet, author, copies, outlets and
    errors."""
    return {
        "items": [
            {
                "source": it.source,
                "title": it.title,
                "published": it.published.isoformat() if it.published else None,
                "text": it.text,
                "people": [{"name": p.name, "titles": list(p.titles)} for p in it.people],
                "organizations": list(it.organizations),
                "places": list(it.places),
                "fields": list(it.fields),
                "notable": it.notable,
                "event": it.event,
                "outlet": it.outlet,
                "author": it.author,
                "copies": list(it.copies),
                "outlets": list(it.outlets),
            }
            for it in analysis.items
        ],
        "events": [{"id": e.id, "title": e.title, "items": list(e.items)} for e in analysis.events],
        "errors": [{"source": source, "error": message} for source, message in analysis.errors],
    }
