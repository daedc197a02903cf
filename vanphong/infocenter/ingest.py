"""Ingest: from what the pipeline read and analysed to rows. Items once per source and reference; copies found by
fingerprint and MinHash against recent items in the database; events that grow as items arrive; routing to the
specialists' feeds and alerts (infocenter.routing).

`do_ingest` is the one entry point (sources, uploads, the demo and the command call it). Each item is taken in
its own transaction with its audit event, so one bad item never stops the rest and a crash loses at most the
item in hand. Taking in the same documents again changes nothing: an item already taken in from that source and
reference is skipped before anything is analysed.

Classified items (a province's Mật report channel) stay apart: they are copies of, and join events with, only
items of the same level from the same creator, and their event carries their level and access list, so an event
is never seen by anyone who may not see its items, and its title never comes from an item they may not see.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vanphong.core.models import Person, Unit, User
from vanphong.infocenter import learn, routing
from vanphong.infocenter import rules as rule_store
from vanphong.infocenter.models import Event, InfoItem, Source
from vanphong.infocenter.pipeline import dedupe, events
from vanphong.infocenter.pipeline.analyze import analyze_one
from vanphong.infocenter.pipeline.items import Item, RawItem
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification
from vanphong.text import fold

log = logging.getLogger(__name__)

COPY_DAYS = 14  # a reprint comes within two weeks of its original
PROFILE_TERMS = 150  # terms an event's profile keeps of its centroid
CANDIDATE_EVENTS = 400
VOLUME_HOURS = 6  # a jump: at least VOLUME_MIN items in these hours, VOLUME_FACTOR times the usual rate
VOLUME_MIN = 4
VOLUME_FACTOR = 3.0
INCIDENT_REASON = "Có từ ngữ về sự cố, rủi ro"


@dataclass
class IngestReport:
    created: list[int] = field(default_factory=list)  # new items (originals and copies)
    copies: int = 0
    skipped: int = 0  # already taken in
    errors: list[tuple[str, str]] = field(default_factory=list)
    new_events: int = 0
    grown_events: int = 0
    deliveries: int = 0
    alerts: int = 0

    def summary(self) -> str:
        parts = [f"{len(self.created)} tin mới"]
        if self.copies:
            parts.append(f"{self.copies} bản đăng lại")
        if self.skipped:
            parts.append(f"{self.skipped} tin đã có")
        if self.errors:
            parts.append(f"{len(self.errors)} lỗi")
        return ", ".join(parts)


def fingerprint(text: str) -> str:
    """As the pipeline's exact-copy test: the hash of the folded text, spaces evened out."""
    return hashlib.sha256(" ".join(fold(text).split()).encode()).hexdigest()


_SCHEME = getattr(MinHash(num_perm=dedupe.NUM_PERM), "scheme", "affine32")


def signature_of(text: str) -> MinHash | None:
    sh = dedupe.shingles(text)
    if len(sh) < dedupe.MIN_SHINGLES:
        return None
    mh = MinHash(num_perm=dedupe.NUM_PERM)
    mh.update_batch(list(sh))
    return mh


def _from_bytes(data: bytes) -> MinHash | None:
    if len(data) != dedupe.NUM_PERM * 8:
        return None
    # The signatures are made (signature_of) with datasketch's default scheme, named so it can check like with like.
    return MinHash(num_perm=dedupe.NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64).copy(),
                   scheme=_SCHEME)


class _CopyIndex:
    """Recent originals' MinHash signatures, loaded once per batch, grown as the batch adds originals."""

    def __init__(self, since: dt.datetime) -> None:
        self.lsh = MinHashLSH(threshold=dedupe.THRESHOLD, num_perm=dedupe.NUM_PERM)
        self.sigs: dict[str, MinHash] = {}
        self.keys: dict[str, tuple[int, int]] = {}
        rows = (InfoItem.objects.filter(copy_of__isnull=True, received_at__gte=since).exclude(signature=b"")
                .values_list("pk", "signature", "classification", "created_by_id"))
        for pk, sig, level, creator in rows:
            mh = _from_bytes(bytes(sig))
            if mh is not None:
                self.add(pk, mh, level, creator)

    def add(self, pk: int, mh: MinHash, level: int, creator: int) -> None:
        self.sigs[str(pk)] = mh
        self.keys[str(pk)] = (level, creator)
        self.lsh.insert(str(pk), mh)

    def find(self, mh: MinHash, level: int, creator: int) -> int | None:
        best, best_j = None, 0.0
        for key in self.lsh.query(mh):
            k_level, k_creator = self.keys[key]
            if k_level != level or (level > Classification.THUONG and k_creator != creator):
                continue
            j = mh.jaccard(self.sigs[key])
            if j >= dedupe.THRESHOLD and j > best_j:
                best, best_j = int(key), j
        return best


def _same_room(qs: Any, level: int, creator: int) -> Any:
    """Only records an item of this level and creator may be grouped with (see the module's note)."""
    qs = qs.filter(classification=level)
    return qs.filter(created_by_id=creator) if level > Classification.THUONG else qs


def _same_access(record: Any, users: list[User], units: list[Unit]) -> bool:
    """A classified record shares an event (or is a copy) only with records of the very same access list: else
    someone on one list could read, in the event's title or timeline, an item shared with the other."""
    if record.classification == Classification.THUONG:
        return True
    return (set(record.shared_with_users.values_list("pk", flat=True)) == {u.pk for u in users}
            and set(record.shared_with_units.values_list("pk", flat=True)) == {u.pk for u in units})


# --- events -------------------------------------------------------------------------------------------------------
def _doc(item: Item) -> events.Doc:
    paras = item.paragraphs
    return events.Doc(title=item.title, lead=paras[0] if paras else "",
                      body="\n".join(paras[1 : events.BODY_PARAGRAPHS]), day=item.happened or item.published,
                      people=frozenset(fold(p.name) for p in item.people),
                      organizations=frozenset(fold(o) for o in item.organizations), places=frozenset(item.places))


def _normalised(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _bonus(doc: events.Doc, profile: dict[str, Any], first: dt.date | None, last: dt.date | None) -> float:
    """The pipeline's bonus (events._bonus) over a stored profile."""
    shared = (0.04 * min(3, len(doc.people & set(profile.get("people", []))))
              + 0.02 * min(3, len(doc.organizations & set(profile.get("organizations", []))))
              + 0.015 * min(2, len(doc.places & set(profile.get("places", [])))))  # fmt: skip
    if doc.day is not None and first is not None and last is not None:
        shared -= events.DAY_PENALTY * max(0, (first - doc.day).days, (doc.day - last).days)
    return shared


def best_event(doc: events.Doc, raw_vec: dict[str, float], level: int, creator: int,
               users: list[User] | None = None, units: list[Unit] | None = None) -> Event | None:
    """The recent event this article joins, by the pipeline's rule (cosine with the centroid, plus shared people,
    organisations and places, within the date window), or None: it starts one. Weights are by inverse frequency
    over the events of the window (the database's counterpart of the pipeline's batch)."""
    qs = _same_room(Event.objects.all(), level, creator)
    if doc.day is not None:
        qs = qs.filter(Q(last_day__gte=doc.day - events.WINDOW, first_day__lte=doc.day + events.WINDOW)
                       | Q(last_day__isnull=True))
    candidates = list(qs.order_by("-last_day", "-pk")[:CANDIDATE_EVENTS])
    if level > Classification.THUONG:
        candidates = [e for e in candidates if _same_access(e, users or [], units or [])]
    if not candidates:
        return None
    df: Counter[str] = Counter(raw_vec.keys())
    for e in candidates:
        df.update(e.profile.get("centroid", {}).keys())
    n = len(candidates) + 1

    def idf(t: str) -> float:
        return math.log((n + 1) / (df[t] + 1)) + 1.0

    vec = _normalised({t: w * idf(t) for t, w in raw_vec.items()})
    best, best_score = None, 0.0
    for e in candidates:
        first, last = e.first_day, e.last_day
        if doc.day is not None and first is not None and last is not None and not (
                first - events.WINDOW <= doc.day <= last + events.WINDOW):
            continue
        centre = _normalised({t: w * idf(t) for t, w in e.profile.get("centroid", {}).items()})
        cos = sum(v * centre.get(t, 0.0) for t, v in vec.items())
        if cos < events.MIN_COSINE:
            continue
        score = cos + _bonus(doc, e.profile, first, last)
        if score > best_score:
            best, best_score = e, score
    return best if best is not None and best_score >= events.JOIN else None


def _merge_people(have: list[dict[str, Any]], new: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    by_name = {fold(p["name"]): p for p in have}
    for p in new:
        key = fold(p["name"])
        if key in by_name:
            known = by_name[key]
            known["titles"] = list(dict.fromkeys([*known.get("titles", []), *p.get("titles", [])]))
            known["person"] = known.get("person") or p.get("person")
        else:
            by_name[key] = {"name": p["name"], "titles": list(p.get("titles", [])), "person": p.get("person")}
            have.append(by_name[key])
    return have


def _volume_jump(event: Event, now: dt.datetime) -> str:
    """A reason when the event's items of the last VOLUME_HOURS outnumber its usual rate VOLUME_FACTOR times."""
    window = dt.timedelta(hours=VOLUME_HOURS)
    recent = event.items.filter(received_at__gt=now - window, received_at__lte=now).count()
    if recent < VOLUME_MIN:
        return ""
    since = dt.datetime.fromisoformat(event.profile.get("since", now.isoformat()))
    earlier = max(0, event.item_count - recent)
    hours_before = max((now - window - since).total_seconds() / 3600, VOLUME_HOURS)
    expected = earlier / hours_before * VOLUME_HOURS
    if recent >= VOLUME_FACTOR * max(expected, 1.0):
        return f"Số tin tăng đột biến: {recent} tin trong {VOLUME_HOURS} giờ"
    return ""


def _title_choice(profile: dict[str, Any]) -> str:
    # The member most reprinted (the story outlets took up), then the earliest: the pipeline's choice, by counts.
    members = profile.get("members", [])
    if not members:
        return ""
    return str(max(enumerate(members), key=lambda km: (km[1][2], -km[0]))[1][1])


def _grow(event: Event, item: InfoItem, raw_vec: dict[str, float] | None, now: dt.datetime) -> bool:
    """Add `item` (an original with its vector, or a copy without) to `event`; True when it turned notable."""
    p = event.profile
    p.setdefault("since", now.isoformat())
    if raw_vec is not None:
        centroid: dict[str, float] = p.get("centroid", {})
        for t, v in _normalised(raw_vec).items():
            centroid[t] = centroid.get(t, 0.0) + v
        p["centroid"] = dict(sorted(centroid.items(), key=lambda kv: -kv[1])[:PROFILE_TERMS])
        p["people"] = sorted(set(p.get("people", [])) | {fold(x["name"]) for x in item.people})
        p["organizations"] = sorted(set(p.get("organizations", [])) | {fold(o) for o in item.organizations})
        p["places"] = sorted(set(p.get("places", [])) | set(item.places))
        p.setdefault("members", []).append([item.pk, item.title, 0])
        counts = Counter(p.get("field_counts", {}))
        counts.update(item.fields)
        p["field_counts"] = dict(counts)
        event.fields = [f for f, _ in counts.most_common(3)]
        event.people = _merge_people(list(event.people), item.people)
        event.organizations = list(dict.fromkeys([*event.organizations, *item.organizations]))
        event.places = list(dict.fromkeys([*event.places, *item.places]))
    else:
        for member in p.get("members", []):
            if member[0] == item.copy_of_id:
                member[2] += 1
    day = item.happened or item.published
    if day is not None:
        event.first_day = min(event.first_day or day, day)
        event.last_day = max(event.last_day or day, day)
    event.item_count += 1
    if item.outlet and item.outlet not in event.outlets:
        event.outlets = [*event.outlets, item.outlet]
    event.outlet_count = len(event.outlets)
    event.title = _title_choice(p) or event.title
    was = event.notable
    reasons = [r for r in event.notable_reasons if not r.startswith("Số tin tăng")]
    if item.notable and INCIDENT_REASON not in reasons:
        reasons.append(INCIDENT_REASON)
    event.profile = p
    event.save()
    jump = _volume_jump(event, now)
    if jump:
        reasons.append(jump)
    elif any(r.startswith("Số tin tăng") for r in event.notable_reasons):
        reasons.append(next(r for r in event.notable_reasons if r.startswith("Số tin tăng")))  # a jump stays said
    event.notable_reasons = reasons
    event.notable = bool(reasons)
    event.save(update_fields=["notable", "notable_reasons", "updated_at"])
    return event.notable and not was


def _new_event(item: InfoItem, shared_users: list[User], shared_units: list[Unit]) -> Event:
    event = Event(title=item.title, classification=item.classification, created_by_id=item.created_by_id,
                  profile={})
    event.save()
    if shared_users:
        event.shared_with_users.add(*shared_users)
    if shared_units:
        event.shared_with_units.add(*shared_units)
    return event


# --- people ---------------------------------------------------------------------------------------------------------
def _link_people(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each person linked to core.Person when exactly one person of the organisation model has that name."""
    keys = {fold(p["name"]) for p in people}
    found: dict[str, list[int]] = {}
    for key, pk in Person.objects.filter(name_key__in=keys).values_list("name_key", "pk"):
        found.setdefault(key, []).append(pk)
    for p in people:
        ids = found.get(fold(p["name"]), [])
        p["person"] = ids[0] if len(ids) == 1 else None
    return people


# --- the entry point ---------------------------------------------------------------------------------------------
def do_ingest(
    raws: list[RawItem],
    *,
    actor: User,
    source: Source | None = None,
    classification: int | None = None,
    shared_users: Iterable[User] = (),
    shared_units: Iterable[Unit] = (),
    received_at: dt.datetime | None = None,
    originals: dict[str, Any] | None = None,
) -> IngestReport:
    """Take in `raws` (from pipeline.sources or a fetch) for `source` (None: taken in by hand, e.g. the command).

    `actor` is who takes them in (the source's creator for background fetching); items are created by them at
    the source's level unless `classification` says otherwise, shared as given. `received_at` replays a past
    arrival (the demo); `originals` maps a raw's source to the StoredFile it was read from."""
    report = IngestReport()
    level = int(classification if classification is not None else
                (source.classification if source is not None else Classification.THUONG))
    users, units = list(shared_users), list(shared_units)
    field_rules, place_rules = rule_store.current()
    model = learn.current_model()
    when = received_at or timezone.now()
    copies = _CopyIndex(when - dt.timedelta(days=COPY_DAYS))
    router = routing.Router()
    for raw in raws:
        reference = raw.source[:1000]
        if InfoItem.objects.filter(source=source, reference=reference).exists():
            report.skipped += 1
            continue
        if raw.error:
            report.errors.append((raw.source, raw.error))
            continue
        try:
            analysed = analyze_one(raw, field_rules, place_rules)
        except Exception as exc:  # one broken page must not stop the batch
            log.warning("Phân tích tin %s lỗi", raw.source, exc_info=True)
            report.errors.append((raw.source, f"Lỗi khi phân tích ({type(exc).__name__}); các tin khác vẫn được "
                                              "xử lý."))
            continue
        if analysed.error:
            report.errors.append((raw.source, analysed.error))
            continue
        analysed.fields = learn.combine(analysed.fields, model, analysed.title, analysed.text,
                                        field_rules.max_fields)
        try:
            _take_in(analysed, reference, report, actor=actor, source=source, level=level, users=users,
                     units=units, when=when, copies=copies, router=router,
                     original=(originals or {}).get(raw.source))
        except Exception as exc:
            log.exception("Lưu tin %s lỗi", raw.source)
            report.errors.append((raw.source, f"Không lưu được tin ({type(exc).__name__}); các tin khác vẫn được "
                                              "xử lý."))
        if received_at is not None:
            when += dt.timedelta(minutes=1)
    return report


def _take_in(it: Item, reference: str, report: IngestReport, *, actor: User, source: Source | None, level: int,
             users: list[User], units: list[Unit], when: dt.datetime, copies: _CopyIndex, router: routing.Router,
             original: Any) -> None:
    creator = actor.pk
    fp = fingerprint(it.text)
    mh = signature_of(it.text)
    with transaction.atomic():
        exact = _same_room(InfoItem.objects.filter(fingerprint=fp), level, creator).order_by("pk").first()
        copy_of_id = (exact.copy_of_id or exact.pk) if exact is not None else None
        if copy_of_id is None and mh is not None:
            copy_of_id = copies.find(mh, level, creator)
        copy_of = InfoItem.objects.select_related("event").filter(pk=copy_of_id).first() if copy_of_id else None
        if copy_of is not None and not _same_access(copy_of, users, units):
            copy_of = None
        row = InfoItem(
            source=source, reference=reference, outlet=(it.outlet or (source.outlet if source else ""))[:200],
            title=it.title or it.text[:120], author=it.author[:200], published=it.published, happened=it.happened,
            received_at=when, text=it.text, removed=it.removed,
            people=_link_people([{"name": p.name, "titles": list(p.titles)} for p in it.people]),
            organizations=it.organizations, places=it.places, fields=it.fields, notable=it.notable,
            notable_reasons=[INCIDENT_REASON] if it.notable else [], fingerprint=fp,
            signature=mh.hashvalues.astype(np.uint64).tobytes() if mh is not None else b"",
            copy_of=copy_of, classification=level, created_by_id=creator, original=original,
        )
        row.save()
        if users:
            row.shared_with_users.add(*users)
        if units:
            row.shared_with_units.add(*units)
        turned = False
        if copy_of is not None:
            report.copies += 1
            event = copy_of.event
            if event is not None:
                row.event = event
                row.save(update_fields=["event"])
                turned = _grow(event, row, None, when)
                report.grown_events += 1
        else:
            doc = _doc(it)
            raw_vec = events._raw_vector(doc)
            event = best_event(doc, raw_vec, level, creator, users, units)
            if event is None:
                event = _new_event(row, users, units)
                report.new_events += 1
            else:
                report.grown_events += 1
            row.event = event
            row.save(update_fields=["event"])
            turned = _grow(event, row, raw_vec, when)
            if mh is not None:
                copies.add(row.pk, mh, level, creator)
        record_event("infocenter.item_ingested", actor=actor, obj=row, new={
            "source": source.pk if source else None, "reference": reference[:200], "event": row.event_id,
            "copy_of": row.copy_of_id})
        routed = router.route(row, row.event, turned=turned)
        report.deliveries += routed.deliveries
        report.alerts += routed.alerts
    report.created.append(row.pk)
