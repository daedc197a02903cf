"""Items and events in the one search: title, clean text (never what was removed), outlets, people, places.
Both are classified records: hits are re-checked through the access policy like every other type."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from vanphong.infocenter.models import Event, InfoItem
from vanphong.search.registry import IndexDoc, RecordSpec, register

TEXT_CHARS = 60_000


def _place_ids(names: list[str]) -> tuple[int, ...]:
    from vanphong.core.models import Place
    from vanphong.text import fold

    if not names:
        return ()
    keys = {fold(n) for n in names}
    return tuple(Place.objects.filter(key__in=keys, valid_to__isnull=True).values_list("pk", flat=True))


def _people(people: list[dict[str, Any]]) -> str:
    return "; ".join(f"{p['name']}, {', '.join(p.get('titles', []))}" for p in people)


def _item(item: InfoItem) -> IndexDoc:
    return IndexDoc(
        title=item.title,
        body="\n".join(x for x in (item.outlet, item.text[:TEXT_CHARS], _people(item.people),
                                   ", ".join(item.organizations)) if x),
        day=item.published or (item.received_at.date() if item.received_at else None),
        places=_place_ids(item.places),
    )


def _event(event: Event) -> IndexDoc:
    return IndexDoc(
        title=event.title,
        body="\n".join(x for x in (", ".join(event.outlets), _people(event.people), ", ".join(event.organizations),
                                   ", ".join(event.fields)) if x),
        day=event.last_day,
        places=_place_ids(event.places),
    )


register(RecordSpec(
    type="info_item", label="Tin, bài", model=InfoItem, document=_item,
    url=lambda pk: reverse("infocenter:item", args=[pk]), classified=True, order=60,
))
register(RecordSpec(
    type="info_event", label="Sự kiện", model=Event, document=_event,
    url=lambda pk: reverse("infocenter:event", args=[pk]), classified=True, order=61,
))
