"""A small factory for bulletin tests: events with items, made directly (ingest is tested on its own)."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from django.contrib.auth.models import Permission

from vanphong.core.models import User
from vanphong.infocenter.models import Event, InfoItem
from vanphong.security.classification import Classification

_n = count(1)
DAY = date(2026, 11, 5)


def grant(user: User, *codenames: str) -> User:
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="infocenter", codename=codename))
    return User.objects.get(pk=user.pk)  # a fresh object: has_perm caches rights


def make_event(creator: User, title: str, texts: list[str], *, level: int = Classification.THUONG,
               fields: tuple[str, ...] = ("kinh_te_xa_hoi",), notable: bool = False, day: date = DAY,
               shared: tuple[User, ...] = ()) -> Event:
    event = Event.objects.create(title=title, first_day=day, last_day=day, item_count=len(texts),
                                 outlet_count=len(texts), fields=list(fields), notable=notable,
                                 classification=level, created_by=creator)
    event.shared_with_users.add(*shared)
    for text in texts:
        n = next(_n)
        item = InfoItem.objects.create(reference=f"https://bao{n}.invalid/tin-{n}", outlet=f"Báo Thử {n}",
                                       title=title, published=day, text=text, event=event, classification=level,
                                       created_by=creator, fields=list(fields))
        item.shared_with_users.add(*shared)
    return event


def texts(*paragraphs: Any) -> list[str]:
    return [str(p) for p in paragraphs]
