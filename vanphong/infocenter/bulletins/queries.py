"""Every read of bulletins, through the access policy: the bulletins a person may see, one bulletin, and the
events of a period a composer may put into one, grouped into sections by field.

A bulletin follows the one policy (clearance; a classified one only for its access list and holders of the
right); one not yet issued is seen besides only by its composer, composers of the composer's unit and those who
may approve bulletins: a draft is not the office's information yet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Q, QuerySet

from vanphong.core.ids import parse_id
from vanphong.infocenter.bulletins.flows import APPROVE_RIGHT, COMPOSE_RIGHT
from vanphong.infocenter.models import Bulletin, BulletinEntry, Event, InfoItem
from vanphong.security import policy

FIELDS_FILE = Path(__file__).resolve().parents[1] / "data" / "fields.json"
OTHER_SECTION = "khac"
OTHER_LABEL = "Thông tin khác"


@cache
def field_names() -> dict[str, str]:
    """Field key → name, in the order of data/fields.json (the order of a bulletin's sections)."""
    data = json.loads(FIELDS_FILE.read_text(encoding="utf-8"))
    return {f["key"]: f["name"] for f in data["fields"]}


@cache
def _keys_by_name() -> dict[str, str]:
    return {name: key for key, name in field_names().items()}


def field_key(value: str) -> str:
    """The section key of a field as an event or item carries it. The pipeline writes a field's name ("Nội chính
    và phòng, chống tham nhũng") on what it takes in, while sections go by key: without this, every ingested event
    would print under "Thông tin khác" (and a long name would not fit an entry's section)."""
    if not value or value in field_names():
        return value
    return _keys_by_name().get(value, OTHER_SECTION)


def first_field(record: Any) -> str:
    """The section a record's first field puts it in ("" when it has none)."""
    return field_key(record.fields[0]) if record is not None and record.fields else ""


def section_label(key: str) -> str:
    return field_names().get(key, OTHER_LABEL)


def section_order(key: str) -> int:
    keys = list(field_names())
    return keys.index(key) if key in keys else len(keys)


def _unissued_q(user: Any) -> Q:
    """Who besides the policy sees a bulletin not yet issued."""
    q = Q(status=Bulletin.Status.ISSUED) | Q(created_by_id=user.pk)
    if user.has_perm(APPROVE_RIGHT):
        return Q()
    unit = user.unit_id_or_none
    if unit is not None and user.has_perm(COMPOSE_RIGHT):
        q |= Q(created_by__person__unit_id=unit)
    return q


def bulletins(user: Any) -> QuerySet[Bulletin]:
    if not user.is_authenticated:
        return Bulletin.objects.none()
    return policy.visible(user, Bulletin.objects.all()).filter(_unissued_q(user))


def access_bulletin(user: Any, pk: Any, *, lock: bool = False, audit: bool = True, address: str = "") -> Bulletin:
    """One bulletin the person may see, or Http404."""
    from django.http import Http404

    found = parse_id(pk)
    if found is None or not bulletins(user).filter(pk=found).exists():
        raise Http404
    # PostgreSQL locks no row of the nullable side of an outer join: a locked read joins nothing.
    qs = (Bulletin.objects.all() if lock else
          Bulletin.objects.select_related("created_by__person", "approved_by__person", "document"))
    return policy.access(user, qs, pk, lock=lock, audit=audit, address=address)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    status: str = ""
    year: int | None = None
    text: str = ""


def bulletin_list(user: Any, f: Filters) -> QuerySet[Bulletin]:
    from vanphong.text import fold

    qs = bulletins(user).select_related("created_by__person")
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.text:
        qs = qs.filter(title_key__contains=fold(f.text))
    return qs


def section_of(entry: BulletinEntry) -> str:
    """The section an entry is printed in: the one the editor chose, else the first field of its event or item."""
    if entry.section:
        return entry.section
    return first_field(entry.event or entry.item) or OTHER_SECTION


def entries_of(bulletin: Bulletin) -> list[BulletinEntry]:
    """The entries in print order: by section (the order of fields), then position."""
    entries = list(bulletin.entries.select_related("event", "item"))
    for e in entries:
        e.bulletin = bulletin  # one bulletin, not one query per entry
    entries.sort(key=lambda e: (section_order(section_of(e)), e.position, e.pk))
    return entries


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


@dataclass
class Section:
    key: str
    label: str
    entries: list[Any] = field(default_factory=list)
    numeral: str = ""  # "I.", "II.": as printed
    numbers: list[int] = field(default_factory=list)  # each entry's number, counted through the bulletin

    @property
    def numbered(self) -> list[tuple[int, Any]]:
        return list(zip(self.numbers, self.entries, strict=True))


def sections_of(entries: list[Any], key_of: Any) -> list[Section]:
    """Group already ordered things into sections, in the order of fields, numbered as the bulletin prints them:
    sections "I.", "II." and entries 1, 2, 3… through the whole bulletin."""
    out: dict[str, Section] = {}
    for e in entries:
        key = key_of(e) or OTHER_SECTION
        out.setdefault(key, Section(key, section_label(key))).entries.append(e)
    sections = sorted(out.values(), key=lambda s: section_order(s.key))
    count = 0
    for n, section in enumerate(sections):
        section.numeral = f"{ROMAN[n]}." if n < len(ROMAN) else f"{n + 1}."
        section.numbers = list(range(count + 1, count + 1 + len(section.entries)))
        count += len(section.entries)
    return sections


def visible_events(user: Any) -> QuerySet[Event]:
    return policy.visible(user, Event.objects.all())


def offered_events(user: Any, bulletin: Bulletin, limit: int = 200) -> list[Section]:
    """Events of the bulletin's period the person may see and that are not in it yet: notable first, then the
    largest, grouped by their first field."""
    taken = list(bulletin.entries.exclude(event=None).values_list("event_id", flat=True))
    return offered_for(user, bulletin.period_start, bulletin.period_end, taken, limit)


def offered_for(user: Any, start: date, end: date, taken: list[int] | None = None, limit: int = 200) -> list[Section]:
    qs = (visible_events(user)
          .filter(Q(last_day__gte=start) | Q(last_day__isnull=True), Q(first_day__lte=end) | Q(first_day__isnull=True))
          .exclude(pk__in=taken or [])
          .order_by("-notable", "-item_count", "-outlet_count", "-last_day", "-pk"))[:limit]
    return sections_of(list(qs), first_field)


def items_for_summary(user: Any, event: Event, ceiling: int) -> list[InfoItem]:
    """The items of an event a summary may draw on: those the person may see, not above the bulletin's level,
    one of each set of copies, oldest first (the first report of a happening leads)."""
    return list(policy.visible(user, event.items.filter(copy_of__isnull=True, classification__lte=ceiling))
                .order_by("published", "received_at", "pk")[:30])

