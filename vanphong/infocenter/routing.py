"""Routing at ingest: a new item goes to the feed of each specialist whose watch it matches (field, locality or a
followed leader) and who may see it; a notable event, or one with a leader they follow, raises an alert once
per person and event: a notice on the desk, and an e-mail when their watch asks for it.

A copy is not routed again (it is shown once, on its original); but when a copy makes the event notable, the
people who already have the event in their feed are alerted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction

from vanphong.core.notices import notify
from vanphong.infocenter.models import Delivery, Event, InfoItem, Watch
from vanphong.security import policy
from vanphong.security.classification import Classification
from vanphong.text import fold


@dataclass
class Routed:
    deliveries: int = 0
    alerts: int = 0


def alert_text(event: Event | None, item: InfoItem, reasons: list[str]) -> str:
    """What a notice or alert e-mail says. A classified record's title never travels in it."""
    record: Any = event or item
    if record.classification > Classification.THUONG:
        return (f"Có tin độ {Classification(record.classification).label} mới thuộc lĩnh vực, địa bàn bạn theo "
                "dõi; mở VănPhòng để xem.")
    why = f" ({'; '.join(reasons[:2])})" if reasons else ""
    return f"Sự kiện đáng chú ý: {record.title}"[: 300 - len(why)] + why


@dataclass
class _Watch:
    watch: Watch
    fields: set[str]
    places: set[str]
    leader_ids: set[int]
    leader_keys: dict[str, str]  # folded name -> name


class Router:
    """The active watches, loaded once per ingest batch."""

    def __init__(self) -> None:
        self.watches: list[_Watch] = []
        for w in (Watch.objects.filter(active=True, user__is_active=True).select_related("user")
                  .prefetch_related("leaders")):
            leaders = list(w.leaders.all())
            self.watches.append(_Watch(w, set(w.fields), set(w.places), {p.pk for p in leaders},
                                       {p.name_key: p.full_name for p in leaders}))

    def _reasons(self, w: _Watch, item: InfoItem) -> tuple[list[str], list[str]]:
        reasons = [f"Lĩnh vực: {f}" for f in item.fields if f in w.fields]
        reasons += [f"Địa bàn: {p}" for p in item.places if p in w.places]
        leaders = []
        for person in item.people:
            if person.get("person") in w.leader_ids or fold(person["name"]) in w.leader_keys:
                leaders.append(f"Lãnh đạo theo dõi: {person['name']}")
        return reasons + leaders, leaders

    def route(self, item: InfoItem, event: Event | None, *, turned: bool = False) -> Routed:
        out = Routed()
        if item.copy_of_id is None:
            by_user: dict[int, tuple[Any, list[str], bool, bool, Watch]] = {}
            for w in self.watches:
                reasons, leaders = self._reasons(w, item)
                if not reasons:
                    continue
                uid = w.watch.user_id
                if uid in by_user:
                    user, had, lead, mail, first = by_user[uid]
                    by_user[uid] = (user, list(dict.fromkeys(had + reasons)), lead or bool(leaders),
                                    mail or w.watch.email, first)
                else:
                    by_user[uid] = (w.watch.user, reasons, bool(leaders), w.watch.email, w.watch)
            for user, reasons, lead, mail, watch in by_user.values():
                if not policy.can_view(user, item):
                    continue
                delivery, created = Delivery.objects.get_or_create(
                    user=user, item=item, defaults={"watch": watch, "event": event, "reasons": reasons})
                if not created:
                    continue
                out.deliveries += 1
                if (lead or (event is not None and event.notable)) and self._alert(delivery, user, event, item,
                                                                                    reasons, mail):
                    out.alerts += 1
        if turned and event is not None:
            out.alerts += self._alert_followers(event, item)
        return out

    def _alert(self, delivery: Delivery, user: Any, event: Event | None, item: InfoItem, reasons: list[str],
               mail: bool) -> bool:
        if event is not None and Delivery.objects.filter(user=user, event=event, alert=True).exists():
            return False
        delivery.alert = True
        delivery.save(update_fields=["alert"])
        shown = [*(event.notable_reasons if event is not None else []), *[r for r in reasons if "Lãnh đạo" in r]]
        notify([user], alert_text(event, item, shown), (event or item).get_absolute_url())
        if mail:
            from vanphong.infocenter.tasks import email_alert

            transaction.on_commit(partial(email_alert.enqueue, delivery.pk), robust=True)
        return True

    def _alert_followers(self, event: Event, item: InfoItem) -> int:
        """The event just turned notable: alert those who have it in their feed and were not alerted yet."""
        alerted = set(Delivery.objects.filter(event=event, alert=True).values_list("user_id", flat=True))
        latest: dict[int, Delivery] = {}
        for d in Delivery.objects.filter(event=event).select_related("user", "watch").order_by("created_at", "pk"):
            if d.user_id not in alerted:
                latest[d.user_id] = d
        n = 0
        for d in latest.values():
            if self._alert(d, d.user, event, item, [], bool(d.watch and d.watch.email)):
                n += 1
        return n
