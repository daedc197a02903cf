"""Hit addresses: each type's address is worked out once, and is the very one `RecordSpec.url` gives."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import clear_script_prefix, set_script_prefix

from tests.factories import give
from tests.search.helpers import find
from vanphong.followup.models import Assignment
from vanphong.search import registry
from vanphong.search.registry import SPECS, RecordSpec

# Ids of up to 18 digits, as `<id:…>` routes take them (the probes' own included).
IDS = (1, 7, 42, 1234567, 271828182845904523, 382939293956015634, 10**18 - 1)


def test_every_type_links_exactly_as_its_url_does():
    assert SPECS
    for spec in SPECS.values():
        for pk in IDS:
            assert spec.link(pk) == spec.url(pk), (spec.type, pk)


def test_the_script_prefix_is_kept_apart():
    spec = SPECS["assignment"]
    plain = spec.link(5)
    try:
        set_script_prefix("/vanphong/")
        assert spec.link(5) == spec.url(5) == spec.link(5, registry.url_context()) == "/vanphong" + plain
    finally:
        clear_script_prefix()
    assert spec.link(5) == plain


def test_reverse_is_called_once_per_type_not_per_hit():
    spec = SPECS["person"]
    registry._URL_TEMPLATES.clear()
    with mock.patch.object(registry, "_url_template", wraps=registry._url_template) as learn:
        links = [spec.link(pk) for pk in range(1, 50)]
    assert learn.call_count == 1
    assert links == [spec.url(pk) for pk in range(1, 50)]


def test_an_address_that_is_not_the_id_swapped_in_is_asked_for_every_time():
    odd = RecordSpec(type="odd", label="Lạ", model=Assignment, document=lambda r: None,  # type: ignore[arg-type,return-value]
                     url=lambda pk: f"/la/{pk % 10}/{pk}/")
    assert [odd.link(pk) for pk in (3, 13, 10**17 + 9)] == ["/la/3/3/", "/la/3/13/", f"/la/9/{10**17 + 9}/"]
    failing = RecordSpec(type="failing", label="Lỗi", model=Assignment, document=lambda r: None,  # type: ignore[arg-type,return-value]
                         url=lambda pk: f"/x/{pk}/" if pk < 1000 else {}[pk])
    assert failing.link(5) == "/x/5/"


@pytest.mark.django_db
def test_a_hit_links_to_its_record(office):
    record = give(office.leader, "Việc có đường dẫn QLINKQ", assignee=office.thuong)
    [hit] = find(office.thuong, "qlinkq").hits
    assert hit.url == f"/viec/{record.pk}/" == SPECS["assignment"].url(record.pk)
