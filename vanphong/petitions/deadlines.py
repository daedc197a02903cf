"""The deadline of a case, computed in one place from the rules and the holiday calendar kept as data.

Before acceptance a case runs against the handling rule (stage xu_ly, from the day the first letter arrived);
once accepted, against the resolution rule of its kind, track, instance, complexity, remoteness and level (from
the day of acceptance), lengthened by each extension the rule allows. Calendar-day deadlines that fall on a day
off move to the next working day; working days skip weekends and the holiday calendar's days off and count its
weekend working days. `recompute` stores the result on the case and changes nothing when it is already right,
so running it again (after a rule, a holiday or an extension changed) is harmless.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from vanphong.petitions.models import DayType, DeadlineRule, Holiday, PetitionCase, Stage
from vanphong.security.audit import record_event

DATA = Path(__file__).parent / "data"
# A deadline is never searched for further than this many days on (a calendar with no working day is a mistake).
MAX_SPAN = 3660


# --- shipped data ---------------------------------------------------------------------------------------------
def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def rule_rows() -> list[dict[str, Any]]:
    data = json.loads((DATA / "deadline_rules.json").read_text(encoding="utf-8"))
    return [{"code": r["code"], "name": r["name"], "stage": r["stage"], "track": r["track"], "kind": r["kind"],
             "instance": r["instance"], "is_complex": r["complex"], "is_remote": r["remote"], "level": r["level"],
             "days": r["days"], "day_type": r["day_type"], "extension_days": r["extension_days"],
             "max_extensions": r["max_extensions"], "valid_from": _day(r["valid_from"]),
             "valid_to": _day(r["valid_to"]), "source": r["source"]} for r in data["rules"]]


def holiday_rows() -> list[dict[str, Any]]:
    data = json.loads((DATA / "holidays.json").read_text(encoding="utf-8"))
    return [{"day": date.fromisoformat(r["day"]), "name": r["name"], "kind": r["kind"],
             "provisional": r["provisional"], "note": r.get("note", "")} for r in data["days"]]


def load_rules(rule_model: Any, holiday_model: Any) -> int:
    """Create the shipped rules and days the tables lack (rules by code and start of validity, days by date);
    a migration passes its historical models. Never changes an existing row. Returns how many were created."""
    have = set(rule_model.objects.values_list("code", "valid_from"))
    rules = [rule_model(**r) for r in rule_rows() if (r["code"], r["valid_from"]) not in have]
    rule_model.objects.bulk_create(rules)
    days = set(holiday_model.objects.values_list("day", flat=True))
    holidays = [holiday_model(**r) for r in holiday_rows() if r["day"] not in days]
    holiday_model.objects.bulk_create(holidays)
    return len(rules) + len(holidays)


def ensure_rules(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the shipped tables back when a flush emptied them; a no-op when they have rows."""
    if using != "default" or getattr(sender, "label", None) != "petitions":
        return
    if not DeadlineRule.objects.exists() or not Holiday.objects.exists():
        load_rules(DeadlineRule, Holiday)


# --- the calendar ---------------------------------------------------------------------------------------------
class Calendar:
    """Which days are working days between two dates, read once from the holiday table."""

    def __init__(self, first: date, last: date) -> None:
        rows = Holiday.objects.filter(day__gte=first, day__lte=last).values_list("day", "kind")
        self.off = {d for d, k in rows if k == Holiday.Kind.DAY_OFF}
        self.worked = {d for d, k in rows if k == Holiday.Kind.WORKING}

    def is_working(self, day: date) -> bool:
        if day in self.worked:
            return True
        return day.weekday() < 5 and day not in self.off

    def next_working(self, day: date) -> date:
        for _ in range(MAX_SPAN):
            if self.is_working(day):
                return day
            day += timedelta(days=1)
        raise ValueError("Lịch nghỉ không có ngày làm việc nào trong mười năm: hãy kiểm tra lịch nghỉ lễ, tết.")

    def add_working(self, start: date, days: int) -> date:
        """The day on which `days` working days after `start` are complete."""
        day, left = start, days
        for _ in range(MAX_SPAN):
            if left == 0:
                return day
            day += timedelta(days=1)
            if self.is_working(day):
                left -= 1
        raise ValueError("Lịch nghỉ không có ngày làm việc nào trong mười năm: hãy kiểm tra lịch nghỉ lễ, tết.")


def add_days(start: date, days: int, day_type: str) -> date:
    """`days` calendar or working days after `start`; a calendar deadline on a day off moves to the next
    working day (Bộ luật Dân sự 2015, Điều 148)."""
    calendar = Calendar(start, start + timedelta(days=days * 2 + 60))
    if day_type == DayType.WORKING:
        return calendar.add_working(start, days)
    return calendar.next_working(start + timedelta(days=days))


# --- choosing the rule ----------------------------------------------------------------------------------------
def stage_of(case: PetitionCase) -> str:
    return Stage.RESOLUTION if case.accepted_on is not None else Stage.HANDLING


def rules_for(case: PetitionCase) -> QuerySet[DeadlineRule]:
    """The rules whose conditions match the case at its stage, on the day the stage began."""
    stage = stage_of(case)
    start = case.accepted_on if case.accepted_on is not None else case.received_on
    qs = DeadlineRule.objects.valid_on(start).filter(stage=stage, track=case.track)
    # A rule for complex (or remote) cases applies only to them; a rule that does not say applies to all, so a
    # complex denunciation runs against the one denunciation rule (complexity only allows its extensions).
    qs = qs.filter(Q(kind="") | Q(kind=case.kind), Q(level="") | Q(level=case.level),
                   Q(instance=0) | Q(instance=case.instance), Q(is_complex=False) | Q(is_complex=case.is_complex),
                   Q(is_remote=False) | Q(is_remote=case.is_remote))
    # The most specific first: this kind before every kind, remote and complex before the plain rule, …
    return qs.order_by("-kind", "-is_remote", "-is_complex", "-level", "-instance", "pk")


@dataclass(frozen=True)
class Computed:
    deadline: date | None
    rule: DeadlineRule | None


def compute(case: PetitionCase) -> Computed:
    """The deadline the rules give the case now (None when no rule applies or the case is closed)."""
    if case.status not in PetitionCase.OPEN:
        return Computed(case.deadline, case.deadline_rule)  # a closed case keeps the deadline it ran against
    rule = rules_for(case).first()
    if rule is None:
        return Computed(None, None)
    start = case.accepted_on if case.accepted_on is not None else case.received_on
    days = rule.days + rule.extension_days * min(case.extensions, rule.max_extensions)
    return Computed(add_days(start, days, rule.day_type), rule)


def recompute(case: PetitionCase, *, actor: Any = None) -> bool:
    """Store the computed deadline on the case; True when it changed (then audited). Inside the caller's
    transaction when there is one."""
    found = compute(case)
    rule_id = found.rule.pk if found.rule else None
    if found.deadline == case.deadline and rule_id == case.deadline_rule_id:
        return False
    with transaction.atomic():
        old = {"deadline": case.deadline, "rule": case.deadline_rule_id}
        PetitionCase.objects.filter(pk=case.pk).update(deadline=found.deadline, deadline_rule_id=rule_id)
        case.deadline, case.deadline_rule = found.deadline, found.rule
        record_event("petitions.deadline_recomputed", actor=actor, obj=case, old=old,
                     new={"deadline": found.deadline, "rule": rule_id})
    return True


def do_recompute_open_cases(actor: Any = None) -> int:
    """Recompute every open case (after a rule or the holiday calendar changed); how many changed."""
    changed = 0
    qs = PetitionCase.objects.filter(status__in=PetitionCase.OPEN).select_related("deadline_rule")
    for case in qs.iterator(chunk_size=500):
        changed += recompute(case, actor=actor)
    return changed


def extension_refusal(case: PetitionCase) -> str | None:
    """Why the case may not be extended again, in Vietnamese; None if it may."""
    rule = case.deadline_rule if case.accepted_on is not None else None
    if rule is None:
        return "Vụ việc chưa thụ lý hoặc chưa có quy định thời hạn nên chưa gia hạn được."
    if rule.max_extensions == 0:
        return f"Quy định “{rule.name}” không cho gia hạn thời hạn giải quyết."
    if case.extensions >= rule.max_extensions:
        return (f"Đã gia hạn {case.extensions} lần, tối đa theo quy định “{rule.name}”; "
                f"tổng thời hạn không được vượt {rule.days + rule.extension_days * rule.max_extensions} ngày.")
    return None
