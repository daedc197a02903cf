"""API of the information centre: events, items and the specialist's feed, over the same queries as the pages
(the access policy decides; a record one may not see answers 404)."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.infocenter import queries, services
from vanphong.infocenter.models import Delivery, Event, InfoItem
from vanphong.security.classification import Classification

router = Router(tags=["Trung tâm thông tin"])


class PersonMention(Schema):
    """A person named in an item, with the titles it gives them (part of an item, not a record of its own)."""

    name: str
    titles: list[str]
    person: int | None = None


class EventOut(Schema):
    id: int
    classification: str
    title: str
    first_day: date | None
    last_day: date | None
    item_count: int
    outlet_count: int
    outlets: list[str]
    fields: list[str]
    places: list[str]
    notable: bool
    notable_reasons: list[str]

    @staticmethod
    def resolve_classification(obj: Event) -> str:
        return Classification(obj.classification).name


class ItemOut(Schema):
    id: int
    classification: str
    title: str
    outlet: str
    author: str
    published: date | None
    reference: str
    received_at: datetime
    fields: list[str]
    places: list[str]
    organizations: list[str]
    people: list[PersonMention]
    notable: bool
    event_id: int | None
    copy_of_id: int | None

    @staticmethod
    def resolve_classification(obj: InfoItem) -> str:
        return Classification(obj.classification).name


class ItemDetailOut(ItemOut):
    text: str
    removed: list[str]


class TimelineEntry(Schema):
    item: ItemOut
    day: date | None
    outlets: list[str]
    copies: int


class EventDetailOut(EventOut):
    people: list[PersonMention]
    organizations: list[str]
    timeline: list[TimelineEntry]


class EventFilters(Schema):
    field: str = ""
    place: str = ""
    notable: bool = False


class FeedOut(Schema):
    id: int
    classification: str  # the item's: a delivery is as secret as what it delivers
    item: ItemOut
    event_id: int | None
    reasons: list[str]
    alert: bool
    created_at: datetime
    seen_at: datetime | None


    @staticmethod
    def resolve_classification(obj: Delivery) -> str:
        return Classification(obj.item.classification).name


class SeenIn(Schema):
    ids: list[int] | None = None  # None: all unseen


class SeenCount(Schema):
    marked: int


@router.get("/events", response=list[EventOut], summary="Sự kiện bạn được xem, mới nhất và lớn nhất trước")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> Any:
    return queries.events(acting_user(request), queries.Filters(field=filters.field[:200],
                                                                place=filters.place[:200], notable=filters.notable))


@router.get("/events/{event_id}", response=EventDetailOut, summary="Một sự kiện, với diễn biến các tin")
def get_event(request: HttpRequest, event_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    event = queries.access_event(user, event_id)
    event.timeline = [  # type: ignore[attr-defined]
        {"item": e.item, "day": e.day, "outlets": e.outlets, "copies": len(e.copies)}
        for e in queries.timeline(user, event)]
    return event


@router.get("/items/{item_id}", response=ItemDetailOut, summary="Một tin, bài: nội dung sạch và phần đã lược")
def get_item(request: HttpRequest, item_id: int = Path(..., ge=1, le=MAX_ID)) -> InfoItem:
    return queries.access_item(acting_user(request), item_id)


@router.get("/feed", response=list[FeedOut], summary="Tin chuyển đến bạn theo lĩnh vực, địa bàn theo dõi")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_feed(request: HttpRequest, unseen: bool = False) -> Any:
    return queries.feed(acting_user(request), unseen_only=unseen)


@router.post("/feed/seen", response=SeenCount, summary="Đánh dấu tin trong luồng của bạn là đã xem")
def feed_seen(request: HttpRequest, data: SeenIn) -> dict[str, int]:
    ids = [i for i in data.ids if 0 < i <= MAX_ID][:500] if data.ids is not None else None
    return {"marked": services.do_mark_seen(acting_user(request), ids)}


