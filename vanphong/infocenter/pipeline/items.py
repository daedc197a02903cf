"""The records the pipeline passes along: what was read from a file, and the analysed item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class RawItem:
    """One document as read: a web page, a text file, or one entry of a feed.

    `reference` is the date relative dates are resolved against when the document has none of its own (the
    feed's date); `error` is set, and the rest empty, when the file could not be read."""

    source: str
    kind: str  # "html", "text" or "feed"
    content: str = ""
    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    reference: dt.date | None = None
    encoding: str = ""
    error: str = ""


@dataclass(slots=True)
class Person:
    name: str
    titles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Item:
    """An analysed item. `removed` keeps the clutter lines taken out, so a page can show them beside the text."""

    source: str
    outlet: str = ""
    title: str = ""
    author: str = ""
    published: dt.date | None = None
    text: str = ""
    removed: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    notable: bool = False
    event: str = ""
    copies: list[str] = field(default_factory=list)  # sources of the other copies of this article
    outlets: list[str] = field(default_factory=list)  # outlets that published it, this one first
    happened: dt.date | None = None  # the day the item reports on, for the event date window
    error: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p]
