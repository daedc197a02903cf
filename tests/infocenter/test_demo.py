"""The information centre's part of the demo: a month of items from fictional outlets with syndicated copies and
multi-outlet events, routed to the demo specialists, through the real ingest; quick."""

from __future__ import annotations

import time

import pytest

from vanphong.core import demo as core_demo
from vanphong.core.models import User
from vanphong.infocenter import demo
from vanphong.infocenter.models import Delivery, Event, InfoItem
from vanphong.infocenter.queries import visible_items
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def test_a_month_of_news_grouped_and_routed(monkeypatch):
    monkeypatch.setattr("vanphong.core.demo.DEMO_PARTS", [demo.build])
    started = time.monotonic()
    report = core_demo.build_demo(core_demo.DemoSize(staff=100, assignments=10))
    seconds = time.monotonic() - started
    part = report.parts["infocenter"]
    assert part["items"] >= 50 and part["copies"] >= 12
    days = InfoItem.objects.values_list("published", flat=True)
    assert (max(d for d in days if d) - min(d for d in days if d)).days >= 25
    multi = Event.objects.filter(outlet_count__gte=3)
    assert multi.count() >= 9
    # Syndicated copies are the lead stories' reprints (12 happenings, 16 reprints), never two happenings mistaken
    # for one article.
    assert InfoItem.objects.filter(copy_of__isnull=False, event__isnull=False).count() == part["copies"] == 16
    for copy in InfoItem.objects.filter(copy_of__isnull=False).select_related("copy_of"):
        assert copy.published == copy.copy_of.published and copy.outlet != copy.copy_of.outlet
    # People in the news are the demo's provincial secretaries, linked to the organisation model.
    assert any(p.get("person") for e in multi for p in e.people)
    # Routed to the demo specialists, with alerts; the Mật reports only to those who may see them.
    for username in ("demo-thongtin", "demo-thuong", "demo-mat"):
        user = User.objects.get(username=username)
        assert Delivery.objects.filter(user=user).exists(), username
    analyst = User.objects.get(username="demo-thongtin")
    assert Delivery.objects.filter(user=analyst, alert=True).exists()
    secret = InfoItem.objects.filter(classification=Classification.MAT)
    assert secret.count() == 3
    assert visible_items(analyst).filter(classification=Classification.MAT).count() == 3
    assert visible_items(User.objects.get(username="demo-tuyetmat")).filter(
        classification=Classification.MAT).count() == 0
    # The outlets' clutter is taken out and kept beside the text.
    assert InfoItem.objects.exclude(removed=[]).count() >= 20
    assert not InfoItem.objects.filter(text__contains="Quét mã QR").exists()
    assert seconds < 60, seconds
