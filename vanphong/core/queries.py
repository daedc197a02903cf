"""Reads of the organisation model. None of it is classified, but pages still ask for a signed-in person."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from vanphong.core.models import Body, Person, Place, Position, Unit, User
from vanphong.text import fold


def people(query: str = "", unit_id: int | None = None) -> QuerySet[Person]:
    qs = Person.objects.select_related("unit").prefetch_related(
        Prefetch("positions", queryset=Position.objects.valid_on().select_related("body", "unit"))
    )
    if query:
        qs = qs.filter(name_key__contains=fold(query))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs


def units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).select_related("parent")


def bodies(kind: str = "") -> QuerySet[Body]:
    qs = Body.objects.valid_on().select_related("parent", "place")
    return qs.filter(kind=kind) if kind else qs


def current_places() -> QuerySet[Place]:
    return Place.objects.filter(valid_to__isnull=True).prefetch_related("predecessors")


def former_places() -> QuerySet[Place]:
    return Place.objects.filter(valid_to__isnull=False).select_related("successor")


def place_for_name(name: str) -> Place | None:
    """The current unit for a name, old or new ("Hải Dương" → Hải Phòng)."""
    place = Place.objects.filter(key=fold(name)).order_by("valid_to").first()
    if place is None:
        return None
    return place.successor if place.successor_id else place


def holders_of(right: str, *, superusers: bool = True) -> QuerySet[User]:
    """Active people who hold `right` ("app.codename") through a role or in their own name, or are superusers
    (unless `superusers` is False: a right that goes with a position, such as signing, is not an administrator's by
    status alone): one query, where asking each person's has_perm would read the rights of everyone in turn."""
    app_label, codename = right.split(".")
    via_group = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    own = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    held = via_group | own | Q(is_superuser=True) if superusers else via_group | own
    return User.objects.filter(is_active=True).filter(held).distinct().select_related("person")


def holds(user: User, right: str) -> bool:
    """Whether `user` holds `right` through a role or in their own name; superuser status alone does not count.
    Others are answered from their cached rights (has_perm), a superuser by one query."""
    if not user.is_superuser:
        return bool(user.has_perm(right))
    return holders_of(right, superusers=False).filter(pk=user.pk).exists()
