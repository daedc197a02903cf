"""Ingest: items once per source and reference, copies (exact and near) pointing to their original, events that
grow as items arrive (on the labelled set, as well as the batch pipeline groups them), people linked to the
organisation model, and taking in the same files twice changing nothing."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest

from tests.infocenter import quality
from tests.infocenter.test_copies_events import OTHER_ANGLE, STORY, UNRELATED, raw
from vanphong.core.models import Person
from vanphong.infocenter.ingest import do_ingest
from vanphong.infocenter.models import Event, InfoItem
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db


def _corpus_in_date_order():
    labels = quality.gold()
    raws = quality.read_corpus()

    def day(r):
        g = labels.get(quality.key_of(r.source), {})
        return (g.get("published") or "9999", r.source)

    return sorted(raws, key=day), labels


def test_the_labelled_set_grows_into_its_events(office):
    raws, labels = _corpus_in_date_order()
    # Day by day, as they would arrive: each day's items in a batch of their own.
    for r in raws:
        do_ingest([r], actor=office.leader)
    by_key = {quality.key_of(i.reference): i for i in InfoItem.objects.all()}
    keys = sorted(k for k in labels if k in by_key)
    assert len(keys) == len(labels)
    gold_pairs = {(a, b) for a, b in combinations(keys, 2) if labels[a]["event"] == labels[b]["event"]}
    got_pairs = {(a, b) for a, b in combinations(keys, 2) if by_key[a].event_id == by_key[b].event_id}
    f1 = quality.f1(len(gold_pairs & got_pairs), len(got_pairs), len(gold_pairs))
    assert f1 >= 0.9, (sorted(gold_pairs - got_pairs)[:10], sorted(got_pairs - gold_pairs)[:10])
    # Syndicated copies point to an original of the same event, and are counted on it.
    for key, label in labels.items():
        if label.get("copy_of"):
            item = by_key[key]
            assert item.copy_of_id is not None, key
            assert item.copy_of.copy_of_id is None
            assert item.event_id == item.copy_of.event_id
    for e in Event.objects.all():
        assert e.item_count == e.items.count()
        assert e.outlet_count == len(set(e.items.exclude(outlet="").values_list("outlet", flat=True)))


def test_taking_the_same_files_in_twice_changes_nothing(office):
    raws, _ = _corpus_in_date_order()
    first = do_ingest(raws[:20], actor=office.leader)
    assert first.created
    state = (InfoItem.objects.count(), Event.objects.count(),
             sorted(Event.objects.values_list("pk", "item_count", "title", "last_day")), AuditEvent.objects.count())
    again = do_ingest(raws[:20], actor=office.leader)
    assert again.created == [] and again.skipped == 20
    assert state == (InfoItem.objects.count(), Event.objects.count(),
                     sorted(Event.objects.values_list("pk", "item_count", "title", "last_day")),
                     AuditEvent.objects.count())


def test_copies_and_a_growing_event(office):
    a = do_ingest([raw("https://a.vn/1", "Sạt lở tại Lào Cai, 3 người mất tích", STORY, "Báo A")], actor=office.leader)
    (original,) = InfoItem.objects.filter(pk__in=a.created)
    event = original.event
    assert event.item_count == 1 and event.notable  # incident vocabulary
    # The same text with an edited first line at another outlet: a near copy, shown once on its original.
    edited = [STORY[0].replace("Sáng 8/11", "Rạng sáng 8/11"), *STORY[1:]]
    do_ingest([raw("https://b.vn/9", "Lào Cai: sạt lở vùi lấp 5 ngôi nhà", edited, "Báo B")], actor=office.leader)
    copy = InfoItem.objects.get(reference="https://b.vn/9")
    assert copy.copy_of_id == original.pk and copy.event_id == event.pk
    assert copy.signature and len(bytes(copy.signature)) == 64 * 8
    # A different article on the same happening, the next day: joins the event, which grows.
    do_ingest([raw("https://c.vn/2", "Lào Cai tiếp tục tìm kiếm người mất tích sau sạt lở", OTHER_ANGLE, "Báo C",
                   dt.date(2025, 11, 9))], actor=office.leader)
    other = InfoItem.objects.get(reference="https://c.vn/2")
    assert other.copy_of_id is None and other.event_id == event.pk
    # Something else in the same province on the same day: a new event.
    do_ingest([raw("https://a.vn/3", "Lào Cai xúc tiến đầu tư", UNRELATED, "Báo A")], actor=office.leader)
    assert InfoItem.objects.get(reference="https://a.vn/3").event_id != event.pk
    event.refresh_from_db()
    assert event.item_count == 3 and event.outlet_count == 3
    assert event.outlets == ["Báo A", "Báo B", "Báo C"]
    assert event.first_day == event.last_day == dt.date(2025, 11, 8)  # "Chiều 8/11": the day it happened
    assert "Lào Cai" in event.places
    assert any(p["name"] == "Hoàng Gia Bảo" for p in event.people)


def test_people_are_linked_to_the_organisation_model_when_one_matches(office):
    bao = Person.objects.create(full_name="Hoàng Gia Bảo")
    do_ingest([raw("https://a.vn/1", "Sạt lở tại Lào Cai", STORY, "Báo A")], actor=office.leader)
    item = InfoItem.objects.get(reference="https://a.vn/1")
    assert {p["name"]: p["person"] for p in item.people}["Hoàng Gia Bảo"] == bao.pk
    # Two people of the same name: no guess.
    Person.objects.create(full_name="Hoàng Gia Bảo")
    do_ingest([raw("https://a.vn/2", "Lào Cai xúc tiến đầu tư", UNRELATED, "Báo A")], actor=office.leader)
    item = InfoItem.objects.get(reference="https://a.vn/2")
    assert {p["name"]: p["person"] for p in item.people}["Hoàng Gia Bảo"] is None


def test_a_bad_item_never_stops_the_rest(office):
    from vanphong.infocenter.pipeline.items import RawItem

    report = do_ingest([RawItem(source="x", kind="error", error="Tệp rỗng."),
                        raw("https://a.vn/1", "Sạt lở tại Lào Cai", STORY, "Báo A")], actor=office.leader)
    assert len(report.created) == 1 and report.errors == [("x", "Tệp rỗng.")]


def test_classified_items_keep_to_their_own_events(office):
    from vanphong.security.classification import Classification

    do_ingest([raw("https://a.vn/1", "Sạt lở tại Lào Cai, 3 người mất tích", STORY, "Báo A")], actor=office.leader)
    do_ingest([raw("tinh-uy-lao-cai/bao-cao-1.txt", "Báo cáo nhanh vụ sạt lở", STORY, "Tỉnh ủy Lào Cai")],
              actor=office.leader, classification=Classification.MAT, shared_users=[office.mat])
    secret = InfoItem.objects.get(reference="tinh-uy-lao-cai/bao-cao-1.txt")
    public = InfoItem.objects.get(reference="https://a.vn/1")
    assert secret.copy_of_id is None and secret.event_id != public.event_id
    assert secret.event.classification == Classification.MAT
    assert list(secret.event.shared_with_users.all()) == [office.mat]
    assert public.event.item_count == 1


def test_a_classified_item_joins_only_an_event_of_the_same_access_list(office):
    from vanphong.security.classification import Classification

    do_ingest([raw("bao-cao/1.txt", "Báo cáo nhanh vụ sạt lở", STORY, "Tỉnh ủy Lào Cai")],
              actor=office.leader, classification=Classification.MAT, shared_users=[office.mat])
    # The same happening, the same level and creator, but shared with someone else: not the same event, and
    # not a copy, or the first list would read the second item in the event's timeline.
    do_ingest([raw("bao-cao/2.txt", "Báo cáo nhanh vụ sạt lở", STORY, "Tỉnh ủy Lào Cai")],
              actor=office.leader, classification=Classification.MAT, shared_users=[office.toimat])
    first, second = (InfoItem.objects.get(reference=f"bao-cao/{n}.txt") for n in (1, 2))
    assert second.copy_of_id is None and second.event_id != first.event_id
    do_ingest([raw("bao-cao/3.txt", "Báo cáo nhanh vụ sạt lở", STORY, "Tỉnh ủy Lào Cai")],
              actor=office.leader, classification=Classification.MAT, shared_users=[office.mat])
    third = InfoItem.objects.get(reference="bao-cao/3.txt")
    assert third.copy_of_id == first.pk and third.event_id == first.event_id
