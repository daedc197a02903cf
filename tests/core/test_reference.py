"""Reference data (places, bodies, terms) is there on every database, even after a table flush."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from vanphong.core.models import Body, Place, Term


@pytest.mark.django_db(transaction=True)
def test_a_flush_puts_the_reference_data_back():
    call_command("flush", "--no-input", verbosity=0)
    assert Place.objects.filter(valid_to__isnull=True).count() == 34
    assert Place.objects.filter(valid_to__isnull=False).count() == 63
    assert Body.objects.filter(name="Bộ Chính trị").exists()
    assert Term.objects.filter(number=14).exists()


def test_every_former_province_maps_to_a_current_one(db):
    former = Place.objects.filter(valid_to__isnull=False)
    assert former.count() == 63
    assert not former.filter(successor__isnull=True).exists()
    assert Place.objects.get(short_name="Quảng Nam", valid_to__isnull=False).successor.short_name == "Đà Nẵng"


def test_khoa_xiv_is_the_current_term(db):
    bchtw = Body.objects.get(name="Ban Chấp hành Trung ương Đảng")
    assert Term.current_for(bchtw).number == 14
