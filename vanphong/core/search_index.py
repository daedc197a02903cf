"""Organisations, units, people (with their current titles) and places in the one search, from day one."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from vanphong.core.models import Body, Person, Place, Position, Unit
from vanphong.search.registry import IndexDoc, RecordSpec, register


def _people() -> QuerySet[Any]:
    return Person.objects.select_related("unit").prefetch_related(
        Prefetch("positions", queryset=Position.objects.valid_on().select_related("body", "unit", "place"))
    )


def _person(p: Person) -> IndexDoc:
    titles = list(p.positions.all())
    lines = [", ".join(x for x in (pos.title, pos.body.name if pos.body else "",
                                   pos.unit.name if pos.unit else "") if x) for pos in titles]
    if p.unit is not None:
        lines.append(p.unit.name)
    return IndexDoc(
        title=p.full_name,
        body="; ".join(lines),
        units=tuple({p.unit_id, *(pos.unit_id for pos in titles)} - {None}),  # type: ignore[arg-type]
        bodies=tuple({pos.body_id for pos in titles} - {None}),  # type: ignore[arg-type]
        places=tuple({pos.place_id for pos in titles} - {None}),  # type: ignore[arg-type]
    )


def _unit(u: Unit) -> IndexDoc:
    parts = [u.short_name, u.code, u.parent.name if u.parent else ""]
    return IndexDoc(title=u.name, body=" · ".join(x for x in parts if x), units=(u.pk,))


def _body(b: Body) -> IndexDoc:
    parts = [b.short_name, b.abbreviation, b.get_kind_display(), b.place.short_name if b.place else ""]
    return IndexDoc(title=b.name, body=" · ".join(x for x in parts if x), bodies=(b.pk,),
                    places=(b.place_id,) if b.place_id else ())


def _place(p: Place) -> IndexDoc:
    # Old names lead to the place that absorbed them and back: "Hải Dương" finds the old entry and Hải Phòng.
    if p.is_current:
        olds = [o.short_name for o in p.predecessors.all() if o.short_name != p.short_name]
        body = p.name + (f" · gồm địa bàn cũ: {', '.join(olds)}" if olds else "")
        return IndexDoc(title=p.short_name, body=body, places=(p.pk,))
    successor = p.successor
    body = p.name + (f" · nay thuộc {successor.name}" if successor else "") + " · đơn vị hành chính cũ"
    return IndexDoc(title=str(p), body=body, places=tuple(x for x in (p.pk, p.successor_id) if x))


register(RecordSpec(
    type="person", label="Người", model=Person, document=_person, queryset=_people, order=20,
    url=lambda pk: reverse("core:person", args=[pk]),
    related=((Position, lambda pos: [pos.person_id]),),
))
register(RecordSpec(
    type="unit", label="Đơn vị", model=Unit, document=_unit, order=30,
    queryset=lambda: Unit.objects.select_related("parent"),
    url=lambda pk: reverse("core:people") + f"?don_vi={pk}",
))
register(RecordSpec(
    type="body", label="Cơ quan, tổ chức", model=Body, document=_body, order=40,
    queryset=lambda: Body.objects.select_related("place"),
    url=lambda pk: reverse("core:bodies"),
))
register(RecordSpec(
    type="place", label="Tỉnh, thành phố", model=Place, document=_place, order=50,
    queryset=lambda: Place.objects.select_related("successor").prefetch_related("predecessors"),
    url=lambda pk: reverse("core:places"),
    related=((Place, lambda p: [p.successor_id]),),
))
