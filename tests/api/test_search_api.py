"""GET /api/v1/search: the page's filters and "did you mean", strict validation in the common error shape."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import give, marker
from vanphong.core.models import Body, Person, Place, Position
from vanphong.security import policy

URL = "/api/v1/search"


def api(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def titles(body: dict) -> list[str]:
    return [h["title"] for h in body["hits"]]


# --- did you mean ----------------------------------------------------------------------------------------------
def test_an_accentless_query_gets_the_accented_suggestion(office):
    give(office.leader, "Họp Đảng ủy cơ quan quý I", assignee=office.thuong)
    give(office.leader, "Nghị quyết Đảng ủy về công tác cán bộ", assignee=office.thuong)
    body = api(office.thuong).get(URL, {"q": "dang uy", "type": "assignment"}).json()
    assert body["total"] == 2 and body["suggestion"] == "đảng ủy"


def test_an_accented_query_or_no_hit_gets_a_null_suggestion(office):
    give(office.leader, "Họp Đảng ủy cơ quan quý I", assignee=office.thuong)
    client = api(office.thuong)
    assert client.get(URL, {"q": "đảng ủy"}).json()["suggestion"] is None
    assert client.get(URL, {"q": "qkhongcoq"}).json() | {"hits": []} == {
        "query": "qkhongcoq", "hits": [], "total": 0, "page": 1, "message": "", "suggestion": None, "notes": [],
        "classification": "THUONG"}


def test_a_suggestion_never_comes_from_a_hidden_title(office):
    give(office.leader, "Kế hoạch Ưu tiên QSECRETQ", classification=2, assignee=office.toimat)
    give(office.leader, "Kế hoạch uu tien QSECRETQ", assignee=office.thuong)
    body = api(office.thuong).get(URL, {"q": "uu tien qsecretq"}).json()
    assert body["total"] == 1 and body["suggestion"] is None and "Ưu tiên" not in str(body)


# --- filters ---------------------------------------------------------------------------------------------------
def test_the_unit_and_type_filters_narrow_the_results(office):
    give(office.leader, "Việc của vụ QFILTERQ", unit=office.unit)
    give(office.leader, "Việc của người QFILTERQ", assignee=office.thuong)
    client = api(office.thuong)
    assert client.get(URL, {"q": "qfilterq"}).json()["total"] == 2
    assert titles(client.get(URL, {"q": "qfilterq", "unit": office.unit.pk}).json()) == ["Việc của vụ QFILTERQ"]
    assert client.get(URL, {"q": "qfilterq", "type": "person"}).json()["total"] == 0


def test_the_date_range_narrows_and_a_reversed_range_is_turned_round_with_a_note(office):
    today = timezone.localdate()
    give(office.leader, "Báo cáo quý QDAYQ", assignee=office.thuong, deadline=today + timedelta(days=5))
    give(office.leader, "Báo cáo năm QDAYQ", assignee=office.thuong, deadline=today + timedelta(days=60))
    client = api(office.thuong)
    later = (today + timedelta(days=30)).isoformat()
    assert titles(client.get(URL, {"q": "qdayq", "date_from": later}).json()) == ["Báo cáo năm QDAYQ"]
    assert titles(client.get(URL, {"q": "qdayq", "date_to": later}).json()) == ["Báo cáo quý QDAYQ"]
    body = client.get(URL, {"q": "qdayq", "date_from": later, "date_to": today.isoformat()}).json()
    assert titles(body) == ["Báo cáo quý QDAYQ"] and any("đổi chỗ" in n for n in body["notes"])


def test_the_body_and_place_filters_narrow_the_results(office):
    body = Body.objects.get(name="Thành ủy Đà Nẵng")
    place = Place.objects.get(short_name="Đà Nẵng", valid_to__isnull=True)
    person = Person.objects.create(full_name="Nguyễn Văn Bí Thư")
    Position.objects.create(person=person, title="Bí thư Thành ủy", body=body, place=place)
    client = api(office.thuong)
    assert client.get(URL, {"q": "nguyen van"}).json()["total"] > 1
    for name, value in (("body", body.pk), ("place", place.pk)):
        found = client.get(URL, {"q": "nguyen van", "type": "person", name: value}).json()
        assert titles(found) == ["Nguyễn Văn Bí Thư"], name


def test_the_classification_filter_takes_a_level_by_name(office):
    client = api(office.tuyetmat)
    for name in ("MAT", "mat", "TOI_MAT"):
        body = client.get(URL, {"q": "leakmark", "classification": name}).json()
        assert {h["classification"] for h in body["hits"]} == {name.upper()}, name


def test_a_level_above_the_clearance_or_the_ceiling_is_ignored(office, settings):
    client = api(office.mat)
    everything = client.get(URL, {"q": "leakmark"}).json()
    above = client.get(URL, {"q": "leakmark", "classification": "TUYET_MAT"}).json()
    assert above["total"] == everything["total"] > 0 and above["hits"] == everything["hits"]
    settings.VANPHONG_MAX_CLASSIFICATION = "THUONG"
    assert client.get(URL, {"q": "leakmark", "classification": "MAT"}).json()["total"] == everything["total"]


# --- leaks -----------------------------------------------------------------------------------------------------
FILTER_SETS = [{}, {"type": "assignment"}, {"classification": "MAT"}, {"classification": "TUYET_MAT"},
               {"date_from": "2000-01-01", "date_to": "2999-12-31"}]


@pytest.mark.parametrize("who", ["thuong", "mat", "toimat", "outsider"])
def test_a_hidden_record_never_appears_or_is_counted_whatever_the_filters(office, who):
    user = office.users[who]
    client = api(user)
    hidden = [key for key, rec in office.records.items() if not policy.can_view(user, rec)]
    assert hidden
    for filters in FILTER_SETS:
        for q in ("leakmark", "viec leakmark", *(marker(key) for key in hidden)):
            response = client.get(URL, {"q": q, **filters})
            assert response.status_code == 200
            body = response.json()
            assert body["total"] == len(body["hits"])
            # The query is echoed back as typed; everything else must not know the hidden records.
            text = str({k: v for k, v in body.items() if k != "query"})
            for key in hidden:
                assert marker(key) not in text and office.records[key].title not in text, (who, key, filters)
                assert office.records[key].pk not in {h["id"] for h in body["hits"] if h["type"] == "assignment"}


# --- bad input -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "value"), [
    ("type", "khong-co"), ("type", "<x>"), ("type", "x" * 41),
    ("classification", "BI_MAT"), ("classification", "1"), ("classification", "-1"),
    ("unit", "abc"), ("unit", "0"), ("unit", "-5"), ("unit", "9" * 40), ("body", str(2**62 + 1)),
    ("place", "1.5"), ("date_from", "31/02/2026"), ("date_from", "2026-02-31"), ("date_to", "9" * 40),
    ("date_to", "99999-01-01"), ("page", "0"), ("page", "501"), ("page", "9" * 40),
])
def test_a_bad_filter_value_gets_422_in_the_common_shape(office, name, value):
    response = api(office.thuong).get(URL, {"q": "viec", name: value})
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "validation" and body["detail"]
    assert [e["field"] for e in body["errors"]] == [name]
    assert all(e["message"] for e in body["errors"])


def test_an_unknown_type_is_named_with_the_ones_there_are(office):
    body = api(office.thuong).get(URL, {"q": "viec", "type": "khong-co"}).json()
    assert "assignment" in body["errors"][0]["message"]
