"""Filters: record type, date range, unit, body, place, classification."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import give
from tests.search.helpers import find, titles
from vanphong.core.models import Body, Person, Place, Position
from vanphong.security.classification import Classification


def test_the_type_filter_keeps_one_kind_of_record(office):
    give(office.leader, "Làm việc với Thành ủy Đà Nẵng", assignee=office.thuong)
    assert {h.type for h in find(office.thuong, "da nang").hits} == {"assignment", "body", "place"}
    assert {h.type for h in find(office.thuong, "da nang", types=("place",)).hits} == {"place"}
    assert {h.type for h in find(office.thuong, "da nang", types=("body", "assignment")).hits} == {"body", "assignment"}


def test_the_date_range_filter_uses_the_deadline(office):
    today = timezone.localdate()
    give(office.leader, "Báo cáo quý QDATEQ", assignee=office.thuong, deadline=today + timedelta(days=5))
    give(office.leader, "Báo cáo năm QDATEQ", assignee=office.thuong, deadline=today + timedelta(days=60))
    assert titles(find(office.thuong, "qdateq", date_to=today + timedelta(days=30))) == ["Báo cáo quý QDATEQ"]
    assert titles(find(office.thuong, "qdateq", date_from=today + timedelta(days=30))) == ["Báo cáo năm QDATEQ"]
    assert find(office.thuong, "qdateq", date_from=today, date_to=today + timedelta(days=90)).total == 2


def test_the_unit_filter_keeps_records_of_that_unit(office):
    give(office.leader, "Việc của vụ QUNITQ", unit=office.unit)
    give(office.leader, "Việc của người QUNITQ", assignee=office.thuong)
    assert titles(find(office.thuong, "qunitq", unit=office.unit.pk)) == ["Việc của vụ QUNITQ"]


def test_body_and_place_filters_reach_people_through_their_titles(office):
    body = Body.objects.get(name="Thành ủy Đà Nẵng")
    place = Place.objects.get(short_name="Đà Nẵng", valid_to__isnull=True)
    person = Person.objects.create(full_name="Nguyễn Văn Bí Thư")
    Position.objects.create(person=person, title="Bí thư Thành ủy", body=body, place=place)
    assert titles(find(office.thuong, "nguyen van", body=body.pk)) == ["Nguyễn Văn Bí Thư"]
    assert titles(find(office.thuong, "nguyen van", place=place.pk, types=("person",))) == ["Nguyễn Văn Bí Thư"]
    assert "Thành ủy Đà Nẵng" in titles(find(office.thuong, "thanh uy", place=place.pk))


def test_the_classification_filter_keeps_one_level(office):
    results = find(office.tuyetmat, "leakmark", classifications=(Classification.MAT,))
    assert [h.classification_name for h in results.hits] == ["MAT"]
