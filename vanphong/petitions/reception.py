"""Citizen reception: scheduling the committee heads' reception days against the monthly rule, the people
received (sealed like a letter's senders, protected on request), the minutes (four eyes), and the follow-up
letter a reception gives (a Petition with channel "tiếp công dân", through the intake service).

check_* validates and authorises; do_* changes and audits in one transaction. Protection reuses
petitions.protection (Identity, redact, "***") and vanphong.security.crypto: a protected visitor's name, address
and contact never leave the seal on a page, in the API, the minutes, a notice or a report.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Body, Place, Unit, User
from vanphong.petitions import protection
from vanphong.petitions.flows import HANDLE_RIGHT
from vanphong.petitions.models import (
    Kind,
    Petition,
    ReceptionDay,
    ReceptionLevel,
    ReceptionRule,
    ReceptionVisitor,
    SealedVisitor,
)
from vanphong.petitions.protection import HIDDEN_IDENTITY, Identity
from vanphong.petitions.services import text_field
from vanphong.security import crypto, policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify

DATA = Path(__file__).parent / "data" / "reception_rules.json"
TEXT_MAX = 20_000
MAX_VISITORS = 200


# --- the rule as data -------------------------------------------------------------------------------------------
def rule_rows() -> list[dict[str, Any]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return [{"level": r["level"], "min_days": r["min_days"],
             "valid_from": date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
             "valid_to": date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
             "source": r["source"]} for r in data["rules"]]


def load_rules(model: Any) -> int:
    """Create the shipped rules the table lacks (by level and start of validity); never changes a row."""
    have = set(model.objects.values_list("level", "valid_from"))
    rows = [model(**r) for r in rule_rows() if (r["level"], r["valid_from"]) not in have]
    model.objects.bulk_create(rows)
    return len(rows)


def ensure_rules(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the shipped rules back after a flush emptied the table."""
    if using != "default" or getattr(sender, "label", None) != "petitions":
        return
    if not ReceptionRule.objects.exists():
        load_rules(ReceptionRule)


@dataclass(frozen=True)
class Shortfall:
    committee: str
    level: str
    year: int
    month: int
    held: int
    required: int
    source: str

    @property
    def message(self) -> str:
        return (f"Tháng {self.month}/{self.year}: {self.committee} có {self.held} ngày tiếp công dân, chưa đủ "
                f"{self.required} ngày/tháng theo quy định ({self.source}).")


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def shortfalls(days: QuerySet[ReceptionDay], first: date, last: date) -> list[Shortfall]:
    """Months from `first` to `last` in which a committee seen among `days` (any time) has fewer reception days
    (scheduled or held; cancelled ones do not count) than the rule valid on the month's first day asks."""
    committees = {(key, level): name for key, level, name in
                  days.order_by("committee_key", "-day").values_list("committee_key", "level", "committee")}
    counted: dict[tuple[str, str, int, int], int] = {}
    for key, level, day in (days.filter(day__gte=first.replace(day=1), day__lte=last)
                            .exclude(status=ReceptionDay.Status.CANCELLED)
                            .values_list("committee_key", "level", "day")):
        counted[(key, level, day.year, day.month)] = counted.get((key, level, day.year, day.month), 0) + 1
    rules = list(ReceptionRule.objects.all())
    out = []
    for y, m in _months(first, last):
        start = date(y, m, 1)
        for (key, level), name in sorted(committees.items(), key=lambda kv: kv[1]):
            rule = next((r for r in rules if r.level == level and (r.valid_from is None or r.valid_from <= start)
                         and (r.valid_to is None or start <= r.valid_to)), None)
            held = counted.get((key, level, y, m), 0)
            if rule is not None and held < rule.min_days:
                out.append(Shortfall(name, level, y, m, held, rule.min_days, rule.source))
    return out


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


# --- reading ------------------------------------------------------------------------------------------------------
def visible_days(user: User) -> QuerySet[ReceptionDay]:
    return policy.visible(user, ReceptionDay.objects.select_related("locality", "body").order_by("day", "pk"))


def access_day(user: User, pk: Any, *, lock: bool = False, audit: bool = True, address: str = "") -> ReceptionDay:
    qs = ReceptionDay.objects.all() if lock else ReceptionDay.objects.select_related(
        "locality", "body", "minutes_by__person", "minutes_approved_by__person")
    return policy.access(user, qs, pk, lock=lock, audit=audit, address=address)


def _seal(visitor: ReceptionVisitor, identity: Identity, raised: str) -> SealedVisitor:
    item = SealedVisitor(visitor=visitor)
    item.data = crypto.seal_json({**identity.as_dict(), "raised": raised}, item.context())
    item.save()
    return item


def identity_of(visitor: ReceptionVisitor) -> Identity:
    value = crypto.unseal_json(visitor.sealed.data, visitor.sealed.context())
    return Identity(value["name"], value["address"], value["contact"])


def shown_identity(visitor: ReceptionVisitor) -> Identity:
    """What a page or the API shows of a person received: "***" when they asked for protection."""
    return HIDDEN_IDENTITY if visitor.protected else identity_of(visitor)


def visitors_of(day: ReceptionDay) -> list[tuple[ReceptionVisitor, Identity]]:
    rows = day.visitors.select_related("sealed", "place", "petition__case")
    return [(v, shown_identity(v)) for v in rows]


def _protected_people(day: ReceptionDay) -> list[Identity]:
    return [identity_of(v) for v in day.visitors.filter(protected=True).select_related("sealed")]


# --- scheduling ---------------------------------------------------------------------------------------------------
@dataclass
class DayIn:
    committee: str
    level: str
    host: str
    day: date | None
    place: str = ""
    note: str = ""
    locality: str = ""  # a province as written (old names too)
    body: Body | None = None
    unit: Unit | None = None
    classification: int = Classification.THUONG


@dataclass(frozen=True)
class Scheduled:
    day: ReceptionDay
    warnings: list[str]


def _may_handle(actor: User) -> None:
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ tiếp dân, xử lý đơn thư được lên lịch và ghi buổi tiếp công dân.")


def check_schedule(actor: User, d: DayIn) -> Scheduled:
    from vanphong.petitions.services import place_of

    _may_handle(actor)
    committee = text_field(d.committee, "tên cấp ủy (ví dụ: Tỉnh ủy Hải Phòng)", "committee", 200)
    host = text_field(d.host, "người chủ trì buổi tiếp (ví dụ: Bí thư Tỉnh ủy)", "host", 200)
    if d.level not in ReceptionLevel.values:
        raise ServiceError("Hãy chọn cấp: cấp tỉnh hoặc cấp xã.", field="level")
    if d.day is None:
        raise ServiceError("Hãy chọn ngày tiếp công dân.", field="day")
    place = text_field(d.place, "địa điểm", "place", 300, required=False)
    note = text_field(d.note, "ghi chú", "note", 4000, required=False)
    locality = place_of(d.locality, "") if d.locality.strip() else None
    check_may_classify(actor, d.classification, "lên lịch tiếp công dân")
    return do_schedule(actor, d, d.day, committee, host, place, note, locality)


def do_schedule(actor: User, d: DayIn, on: date, committee: str, host: str, place: str, note: str,
                locality: Place | None) -> Scheduled:
    with transaction.atomic():
        day = ReceptionDay.objects.create(
            committee=committee, level=d.level, host=host, day=on, place=place, note=note, locality=locality,
            body=d.body, unit=d.unit, classification=d.classification, created_by=actor)
        if d.unit is not None:
            day.shared_with_units.add(d.unit)
        record_event("petitions.reception_scheduled", actor=actor, obj=day,
                     new={"day": day.day.isoformat(), "level": day.level, "committee": day.committee})
    first, last = month_bounds(on.year, on.month)
    same = ReceptionDay.objects.filter(committee_key=day.committee_key)
    return Scheduled(day, [s.message for s in shortfalls(same, first, last)])


def check_set_status(actor: User, pk: Any, status: str, expected_version: int) -> ReceptionDay:
    _may_handle(actor)
    if status not in ReceptionDay.Status.values:
        raise ServiceError("Trạng thái không hợp lệ.", field="status")
    with transaction.atomic():
        day = access_day(actor, pk, lock=True, audit=False)
        if day.version != expected_version:
            raise Conflict()
        if status == ReceptionDay.Status.HELD and day.day > timezone.localdate():
            raise ServiceError("Buổi tiếp chưa đến ngày: chưa ghi “đã tiếp” được.", field="status")
        if status == ReceptionDay.Status.CANCELLED and day.visitors.exists():
            raise ServiceError("Buổi tiếp đã có người được tiếp: không hủy được.", field="status")
        old = day.status
        day.status, day.version = status, day.version + 1
        day.save(update_fields=["status", "version", "updated_at"])
        record_event("petitions.reception_status", actor=actor, obj=day, old={"status": old}, new={"status": status})
    return day


# --- people received ----------------------------------------------------------------------------------------------
@dataclass
class VisitorIn:
    name: str
    raised: str
    address: str = ""
    contact: str = ""
    province: str = ""
    group_size: int = 1
    protected: bool = False
    kind: str = ""
    answer: str = ""


def check_add_visitor(actor: User, pk: Any, v: VisitorIn) -> ReceptionVisitor:
    from vanphong.petitions.services import ADDRESS_MAX, CONTACT_MAX, NAME_MAX, person_name, place_of

    _may_handle(actor)
    name = person_name(v.name)
    if not name:
        raise ServiceError("Hãy ghi họ tên người được tiếp (người đại diện, nếu đến đông người).", field="name")
    if len(name) > NAME_MAX:
        raise ServiceError(f"Họ tên dài quá {NAME_MAX} ký tự.", field="name")
    address = text_field(v.address, "địa chỉ", "address", ADDRESS_MAX, required=False)
    contact = text_field(v.contact, "liên hệ", "contact", CONTACT_MAX, required=False)
    raised = text_field(v.raised, "nội dung người được tiếp trình bày", "raised", TEXT_MAX)
    answer = text_field(v.answer, "ý kiến trả lời", "answer", TEXT_MAX, required=False)
    if v.kind and v.kind not in Kind.values:
        raise ServiceError("Loại nội dung không hợp lệ.", field="kind")
    if not 1 <= v.group_size <= 10_000:
        raise ServiceError("Số người cùng đến phải từ 1 trở lên.", field="group_size")
    place = place_of(v.province, address)
    with transaction.atomic():
        day = access_day(actor, pk, lock=True, audit=False)
        if day.status == ReceptionDay.Status.CANCELLED:
            raise ServiceError("Buổi tiếp đã hoãn, hủy: không ghi người được tiếp được.")
        if day.day > timezone.localdate():
            raise ServiceError("Buổi tiếp chưa đến ngày: chưa ghi người được tiếp được.")
        if day.visitors.count() >= MAX_VISITORS:
            raise ServiceError(f"Một buổi tiếp ghi tối đa {MAX_VISITORS} người.")
        return do_add_visitor(actor, day, Identity(name, address, contact), v, raised, answer, place)


def do_add_visitor(actor: User, day: ReceptionDay, identity: Identity, v: VisitorIn, raised: str, answer: str,
                   place: Place | None) -> ReceptionVisitor:
    # A denunciation is protected whether or not the person asked (Luật Tố cáo, Điều 47), as at intake.
    protect = v.protected or v.kind == Kind.DENUNCIATION
    with transaction.atomic():
        order = day.visitors.count() + 1
        visitor = ReceptionVisitor.objects.create(
            reception=day, order=order, place=place, group_size=v.group_size, protected=protect, kind=v.kind,
            raised=protection.redact(raised, [identity]) if protect else raised,
            answer=protection.redact(answer, [identity]) if protect else answer)
        _seal(visitor, identity, raised)
        if protect and day.minutes:
            # Minutes written before the person was added may name them: redacted now, before anyone reads on.
            day.minutes = protection.redact(day.minutes, [identity])
        if day.status == ReceptionDay.Status.SCHEDULED:
            day.status = ReceptionDay.Status.HELD
        day.version += 1
        day.save(update_fields=["minutes", "status", "version", "updated_at"])
        record_event("petitions.reception_visitor_added", actor=actor, obj=day,
                     new={"visitor": visitor.pk, "protected": protect, "group_size": v.group_size})
    return visitor


# --- minutes ------------------------------------------------------------------------------------------------------
def check_write_minutes(actor: User, pk: Any, text: str, expected_version: int) -> ReceptionDay:
    _may_handle(actor)
    text = text_field(text, "nội dung biên bản", "minutes", TEXT_MAX)
    with transaction.atomic():
        day = access_day(actor, pk, lock=True, audit=False)
        if day.version != expected_version:
            raise Conflict()
        if day.minutes_approved:
            raise ServiceError("Biên bản đã được duyệt: không sửa được nữa.", field="minutes")
        if day.day > timezone.localdate():
            raise ServiceError("Buổi tiếp chưa diễn ra: chưa ghi biên bản được.", field="minutes")
        # Whoever wrote it, a protected person's name, address or contact in the minutes is replaced.
        day.minutes = protection.redact(text, _protected_people(day))
        day.minutes_by, day.version = actor, day.version + 1
        day.save(update_fields=["minutes", "minutes_by", "version", "updated_at"])
        record_event("petitions.reception_minutes_written", actor=actor, obj=day, new={"chars": len(day.minutes)})
    return day


def check_approve_minutes(actor: User, pk: Any, expected_version: int) -> ReceptionDay:
    _may_handle(actor)
    with transaction.atomic():
        day = access_day(actor, pk, lock=True, audit=False)
        if day.version != expected_version:
            raise Conflict()
        if not day.minutes:
            raise ServiceError("Chưa có biên bản để duyệt.")
        if day.minutes_approved:
            raise ServiceError("Biên bản đã được duyệt.")
        if day.minutes_by_id == actor.pk:
            raise Forbidden("Người ghi biên bản không tự duyệt biên bản của mình: cần một người khác duyệt.")
        day.minutes_approved_by, day.minutes_approved_at = actor, timezone.now()
        day.version += 1
        day.save(update_fields=["minutes_approved_by", "minutes_approved_at", "version", "updated_at"])
        record_event("petitions.reception_minutes_approved", actor=actor, obj=day, new={"version": day.version})
    return day


# --- follow-up letters ---------------------------------------------------------------------------------------------
def check_follow_up(actor: User, visitor_id: Any, *, case_id: int | None = None) -> Petition:
    """Register what a person raised as a letter received at reception (channel "tiếp công dân"), in a new case
    or one it joins, its sender the sealed identity (protected when they asked), and link it back."""
    from vanphong.petitions.services import Intake, SenderIn, check_register_letter

    _may_handle(actor)
    with transaction.atomic():
        visitor = (ReceptionVisitor.objects.select_for_update().filter(pk=visitor_id).first()
                   if str(visitor_id).isdigit() else None)
        if visitor is None or not policy.visible(actor, ReceptionDay.objects.filter(pk=visitor.reception_id)).exists():
            from django.http import Http404

            raise Http404
        if visitor.petition_id is not None:
            raise ServiceError("Nội dung của người này đã vào sổ đơn thư.", field="visitor")
        day = visitor.reception
        value = crypto.unseal_json(visitor.sealed.data, visitor.sealed.context())
        done = check_register_letter(actor, Intake(
            channel=Petition.Channel.RECEPTION, content=value["raised"], received_on=day.day,
            senders=[SenderIn(value["name"], value["address"], value["contact"],
                              visitor.place.short_name if visitor.place else "")],
            kind=visitor.kind, protect=visitor.protected, case_id=case_id, classification=day.classification,
            unit=day.unit))
        visitor.petition = done.letter
        visitor.save(update_fields=["petition"])
        record_event("petitions.reception_follow_up", actor=actor, obj=day,
                     new={"visitor": visitor.pk, "letter": done.letter.pk, "case": done.case.pk})
    return done.letter
