"""Reads of the information centre, always through the access policy: events, items, a specialist's feed, the
desk's alerts. An event is seen by exactly those who may see its items (ingest gives it their level and access
list); on an event's page a person sees only the items they may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Case, F, Q, QuerySet, Value, When

from vanphong.core.desk import DeskRow
from vanphong.core.models import User
from vanphong.infocenter.models import Delivery, Event, InfoItem, Source
from vanphong.security import policy


def visible_events(user: User) -> QuerySet[Event]:
    return policy.visible(user, Event.objects.all())


def visible_items(user: User) -> QuerySet[InfoItem]:
    return policy.visible(user, InfoItem.objects.select_related("source"))


def access_event(user: User, pk: Any, address: str = "") -> Event:
    return policy.access(user, Event.objects.all(), pk, address=address)


def access_item(user: User, pk: Any, address: str = "") -> InfoItem:
    return policy.access(user, InfoItem.objects.select_related("source", "event", "copy_of", "original"), pk,
                         address=address)


@dataclass(frozen=True)
class Filters:
    field: str = ""
    place: str = ""
    notable: bool = False
    since: date | None = None


def events(user: User, f: Filters) -> QuerySet[Event]:
    """Newest first, then the largest: the event list."""
    qs = visible_events(user).filter(item_count__gt=0)
    if f.notable:
        qs = qs.filter(notable=True)
    if f.since:
        qs = qs.filter(last_day__gte=f.since)
    if f.field:
        qs = _having(qs, "fields", f.field)
    if f.place:
        qs = _having(qs, "places", f.place)
    # Undated events last on every database (PostgreSQL would put NULL first in a descending order).
    return qs.order_by(F("last_day").desc(nulls_last=True), "-item_count", "-pk")


def _having(qs: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
    """Rows whose JSON list `name` holds `value`: in the database where it can say so (PostgreSQL), else by
    reading the lists (SQLite has no JSON containment; the lists are short)."""
    from django.db import connection

    if connection.features.supports_json_field_contains:
        return qs.filter(**{f"{name}__contains": [value]})
    ids = [pk for pk, values in qs.values_list("pk", name) if value in (values or [])]
    return qs.filter(pk__in=ids)


@dataclass
class TimelineEntry:
    item: InfoItem
    day: date | None
    outlets: list[str] = field(default_factory=list)  # its own outlet first, then the copies'
    copies: list[InfoItem] = field(default_factory=list)


def timeline(user: User, event: Event) -> list[TimelineEntry]:
    """The event's articles the person may see, in the order they happened, each with its copies' outlets."""
    items = list(visible_items(user).filter(event=event).order_by("published", "received_at", "pk"))
    originals = {i.pk: TimelineEntry(i, i.happened or i.published, [i.outlet] if i.outlet else [])
                 for i in items if i.copy_of_id is None}
    for i in items:
        if i.copy_of_id is not None:
            entry = originals.get(i.copy_of_id)
            if entry is None:  # the original is not visible to this person: the copy stands for it
                originals[i.pk] = TimelineEntry(i, i.happened or i.published, [i.outlet] if i.outlet else [])
                continue
            entry.copies.append(i)
            if i.outlet and i.outlet not in entry.outlets:
                entry.outlets.append(i.outlet)
    return sorted(originals.values(), key=lambda e: (e.day or date.max, e.item.received_at, e.item.pk))


def copies_of(user: User, item: InfoItem) -> list[InfoItem]:
    root = item.copy_of_id or item.pk
    return list(visible_items(user).filter(Q(copy_of_id=root) | Q(pk=root)).exclude(pk=item.pk)
                .order_by("received_at", "pk"))


def feed(user: User, *, unseen_only: bool = False) -> QuerySet[Delivery]:
    """What the person's watches routed to them: unseen first, then newest. Re-checked through the policy (a
    record's level or access list may have changed since)."""
    qs = policy.visible_through(user, Delivery.objects.filter(user=user).select_related("item", "event", "watch"),
                                "item", InfoItem)
    if unseen_only:
        qs = qs.filter(seen_at__isnull=True)
    return qs.annotate(seen=Case(When(seen_at__isnull=True, then=Value(0)), default=Value(1))).order_by(
        "seen", "-created_at", "-pk")


def unseen_count(user: User) -> int:
    return feed(user, unseen_only=True).count()


def desk(user: User, today: date, limit: int = 8) -> list[DeskRow]:
    """Unseen alerts of the person's watches, then other unseen items, for the desk."""
    rows = []
    for d in feed(user, unseen_only=True).order_by("-alert", "-created_at", "-pk")[:limit]:
        record: Any = d.event if d.alert and d.event is not None else d.item
        rows.append(DeskRow("Cảnh báo tin đáng chú ý" if d.alert else "Tin theo dõi", record.title[:300],
                            record.get_absolute_url(), note="; ".join(d.reasons[:2])[:120],
                            classification=record.classification))
    return rows


def sources(user: User) -> QuerySet[Source]:
    """Sources are not classified records; their list is for those who manage them (views check the right)."""
    return Source.objects.select_related("created_by").order_by("name")
