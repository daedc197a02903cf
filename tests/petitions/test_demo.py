"""The petitions part of the demo: two years of letters, every kind, repeat writers, some overdue; quick."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import make_unit
from vanphong.core.demo import NameMaker
from vanphong.petitions import demo
from vanphong.petitions.models import Kind, Petition, PetitionCase
from vanphong.petitions.queries import overdue_q

pytestmark = pytest.mark.django_db


def test_the_demo_letters_cover_every_kind_repeat_writers_and_overdue_cases(officer):
    unit = make_unit("Vụ Tiếp dân và Xử lý đơn thư", "tiep-dan-don-thu")
    ctx = SimpleNamespace(seed=2026, today=timezone.localdate(), units={"tiep-dan-don-thu": unit},
                          by_unit={"tiep-dan-don-thu": [SimpleNamespace(account=officer)]},
                          names=NameMaker(random.Random(1)), report=SimpleNamespace(parts={}), say=lambda s: None)
    demo.build(ctx)
    assert Petition.objects.count() == demo.LETTERS
    assert set(PetitionCase.objects.values_list("kind", flat=True)) >= set(Kind.values)
    assert PetitionCase.objects.count() < demo.LETTERS  # repeats joined their case
    assert PetitionCase.objects.filter(overdue_q()).exists()
    assert Petition.objects.filter(protected=True).exists() and Petition.objects.filter(anonymous=True).exists()
    days = Petition.objects.values_list("received_on", flat=True)
    assert (max(days) - min(days)).days > 365
    statuses = set(PetitionCase.objects.values_list("status", flat=True))
    assert {"thu_ly", "da_giai_quyet", "chuyen_don", "tiep_nhan"} <= statuses
