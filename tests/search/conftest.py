"""Search tests need the reference data of migration core 0002 (places, bodies), which a transactional test
elsewhere on the same worker may have flushed away."""

from __future__ import annotations

import pytest

from vanphong.core.models import Body, Place, Term
from vanphong.core.reference import load_bodies, load_places


@pytest.fixture(autouse=True)
def reference_data(db) -> None:
    if not Place.objects.exists():
        load_places(Place)
    if not Body.objects.exists():
        load_bodies(Body, Term, Place)
