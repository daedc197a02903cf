"""The follow-up part of the demo: tasks from the issued conclusions given to provinces and bodies, with progress
that reads true on the day the demo is built: most under way and on time, some done (their reports ending in
"Hoàn thành" with an evidence document), a minority overdue, reminders sent before and after the deadlines as the
hourly job would have sent them (the late ones escalated, a few urged by hand), a handful of weighted sub-task
trees and tasks with milestones.

Runs after the meetings part (apps are ready in INSTALLED_APPS order). Every change goes through the services, so
a deadline is never before its decision, a percentage always agrees with its status, and audit and search stay
consistent; deterministic for a seed and a day. A few hundred tasks take a few seconds.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from vanphong.core.demo import DemoContext
from vanphong.core.models import Body, User
from vanphong.documents.body import anchors
from vanphong.documents.models import Document
from vanphong.followup.decisions import CITABLE, do_assign_point
from vanphong.followup.models import Assignment, ProgressStatus, Reminder
from vanphong.followup.progress import check_add_milestone, check_add_subtask, check_milestone_done, do_report_progress
from vanphong.followup.reminders import STAGES, do_remind, run_reminders
from vanphong.security import policy
from vanphong.security.classification import Classification

TARGET = 300
# What becomes of a top-level task, by share; "late" and "done" need a decision old enough to have them.
OUTCOMES = (("on_time", 0.50), ("done", 0.22), ("late", 0.15), ("new", 0.13))
TREES = 8
STEPS = ("xây dựng kế hoạch", "triển khai", "sơ kết, báo cáo")
WITH_MILESTONES = 24
P = ProgressStatus

NOTES: dict[str, str] = {
    P.NOT_STARTED: "Đang xây dựng kế hoạch thực hiện.",
    P.STARTED: "Đã ban hành kế hoạch; đang triển khai đến các cơ sở.",
    P.MOSTLY_DONE: "Cơ bản hoàn thành; đang tổng hợp kết quả, dự thảo báo cáo.",
    P.DONE: "Đã hoàn thành; gửi kèm báo cáo kết quả thực hiện.",
}


@dataclass
class _Plan:
    doc: Document
    anchor: str
    label: str
    body: Body
    given: date  # the day the office gave the task, a few days after the decision
    deadline: date
    outcome: str
    finished: date | None = None  # for a done task


def _decisions(today: date) -> list[Document]:
    from vanphong.meetings.models import Conclusion

    docs = [c.document for c in Conclusion.objects.select_related("document").filter(document__status__in=CITABLE)]
    if not docs:
        docs = list(Document.objects.filter(status__in=CITABLE, direction=Document.Direction.OUTGOING,
                                            doc_type__code__in=("KL", "NQ", "CT"), issued_on__isnull=False)
                    .order_by("issued_on")[:12])
    return sorted((d for d in docs if d.issued_on is not None and d.issued_on < today and anchors(d.body)),
                  key=lambda d: (d.issued_on, d.pk))


def _outcome(rng: random.Random, age: int) -> str:
    roll, acc, outcome = rng.random(), 0.0, OUTCOMES[-1][0]
    for name, share in OUTCOMES:
        acc += share
        if roll < acc:
            outcome = name
            break
    if outcome in ("late", "done") and age < 40:
        return "on_time"  # a decision of last month has nothing late or finished yet
    if outcome == "new" and age > 120:
        return "on_time"  # an old decision's task has been reported on by now
    return outcome


def _plan(rng: random.Random, doc: Document, anchor: str, label: str, body: Body, today: date) -> _Plan:
    assert doc.issued_on is not None
    age = (today - doc.issued_on).days
    given = min(today, doc.issued_on + timedelta(days=rng.randint(1, 7)))
    outcome = _outcome(rng, age)
    if outcome == "late":
        # Past its deadline by a day to two months, the deadline at least three weeks after it was given.
        latest = (today - given).days - 21
        deadline = today - timedelta(days=rng.randint(1, max(1, min(60, latest))))
        return _Plan(doc, anchor, label, body, given, max(deadline, given + timedelta(days=21)), outcome)
    if outcome == "done":
        deadline = given + timedelta(days=rng.randint(30, 200))
        span = (min(deadline, today - timedelta(days=1)) - given).days
        finished = given + timedelta(days=max(10, span - rng.randint(0, min(25, span))))
        return _Plan(doc, anchor, label, body, given, deadline, outcome, min(finished, today - timedelta(days=1)))
    # Under way or newly given: due from next week to eight months on, a few within the week (on the desk).
    soon = rng.random() < 0.12
    deadline = today + timedelta(days=rng.randint(2, 7) if soon else rng.randint(8, 240))
    return _Plan(doc, anchor, label, body, given, max(deadline, given + timedelta(days=30)), outcome)


def _day_between(rng: random.Random, start: date, end: date, share: float) -> date:
    """A day about `share` of the way from `start` to `end` (never before start nor after end)."""
    span = max(0, (end - start).days)
    return start + timedelta(days=min(span, max(0, round(span * share) + rng.randint(-3, 3))))


def _percent(rng: random.Random, status: str) -> int:
    """A percentage that agrees with the status: 0, 100, or within the status's band around its default."""
    bands: dict[str, tuple[int, int]] = {P.NOT_STARTED: (0, 0), P.STARTED: (15, 60), P.MOSTLY_DONE: (70, 95),
                                         P.DONE: (100, 100)}
    return rng.randint(*bands[status])


def _report(actor: User, a: Assignment, rng: random.Random, status: str, day: date,
            evidence: list[Document] | None = None) -> None:
    do_report_progress(actor, a, status=status, percent=_percent(rng, status), note=NOTES[status],
                       evidence=evidence or [], reported_on=day)


def _progress(actor: User, a: Assignment, plan: _Plan, rng: random.Random, today: date,
              evidence: list[Document]) -> None:
    """The reports a task has had by today, each later and further on than the one before."""
    if plan.outcome == "new":
        return
    if plan.outcome == "done":
        assert plan.finished is not None
        before = [(P.STARTED, 0.3), (P.MOSTLY_DONE, 0.75)] if rng.random() < 0.7 else [(P.STARTED, 0.5)]
        _reports(actor, a, rng, before, plan.given, plan.finished)
        _report(actor, a, rng, P.DONE, plan.finished, evidence=[rng.choice(evidence)] if evidence else None)
        return
    end = min(today, plan.deadline)
    steps: Sequence[tuple[str, float]]
    if plan.outcome == "late":
        # Late: never reported, or stuck at "started", a few nearly there.
        roll = rng.random()
        steps = ([] if roll < 0.25 else [(P.NOT_STARTED, 0.2)] if roll < 0.4 else
                 [(P.STARTED, 0.4)] if roll < 0.85 else [(P.STARTED, 0.3), (P.MOSTLY_DONE, 0.8)])
    else:
        far = (today - plan.given).days / max(1, (plan.deadline - plan.given).days)  # how far along in time
        steps = [(P.STARTED, 0.5)]
        if far > 0.6 and rng.random() < 0.6:
            steps = [(P.STARTED, 0.3), (P.MOSTLY_DONE, 0.9)]
        elif far < 0.15 and rng.random() < 0.5:
            steps = [(P.NOT_STARTED, 0.5)]
    _reports(actor, a, rng, steps, plan.given, end)


def _reports(actor: User, a: Assignment, rng: random.Random, steps: Sequence[tuple[str, float]], start: date,
             end: date) -> date:
    """Reports at about the given shares of [start, end], each on or after the one before; the last day."""
    day = start
    for status, share in steps:
        day = max(day, _day_between(rng, start, end, share))
        _report(actor, a, rng, status, day)
    return day


def _reminders(a: Assignment, plan: _Plan, today: date) -> int:
    """The automatic reminders the hourly job would have sent by today: each stage once, on the first day it was
    due while the task was open (the late stages escalated to the unit's heads). Made with the job's own
    `do_remind`, on the day it would have run: the demo replays the days before it was built."""
    open_until = plan.finished - timedelta(days=1) if plan.finished else today
    made = 0
    for rule in STAGES:
        day = max(plan.given, plan.deadline + timedelta(days=rule.first))
        if day <= min(plan.deadline + timedelta(days=rule.last), open_until, today):
            made += do_remind(a, rule.stage, day, escalate=rule.escalate, actor=None) is not None
    return made


def _tree(actor: User, a: Assignment, plan: _Plan, rng: random.Random, today: date) -> None:
    """Split a task under way into weighted steps: the first done, the next under way, the last not started
    (or under way); the parent's percentage is their weighted mean, computed by the service."""
    weights = rng.choice([(1, 2, 1), (2, 3, 1), (1, 1, 2)])
    span = (plan.deadline - plan.given).days
    for n, weight in enumerate(weights, start=1):
        due = plan.deadline if n == len(weights) else plan.given + timedelta(days=span * n // len(weights))
        child = check_add_subtask(actor, a.pk, title=f"Bước {n}: {STEPS[n - 1]} ({plan.label})", weight=weight,
                                  deadline=due)
        if due < today or n == 1:
            _report(actor, child, rng, P.DONE, min(today, max(plan.given, due - timedelta(days=rng.randint(0, 5)))))
        elif n == 2:
            _report(actor, child, rng, rng.choice([P.STARTED, P.MOSTLY_DONE]),
                    _day_between(rng, plan.given, today, 0.7))


def _milestones(actor: User, a: Assignment, plan: _Plan, rng: random.Random, today: date) -> None:
    """Two or three dated steps before the deadline; those already due were reached, but a late task missed
    its last one; a finished task reached them all."""
    count = rng.choice([2, 3])
    titles = ("Ban hành kế hoạch", "Sơ kết giữa kỳ", "Gửi báo cáo kết quả")
    for n in range(count):
        due = _day_between(rng, plan.given, plan.deadline, (n + 1) / (count + 1))
        m = check_add_milestone(actor, a.pk, title=titles[n if count == 3 else n * 2], due=due)
        if plan.finished is not None:
            check_milestone_done(actor, m.pk, done_on=min(due, plan.finished))
        elif due <= today and not (plan.outcome == "late" and n == count - 1):
            check_milestone_done(actor, m.pk, done_on=max(plan.given, due - timedelta(days=rng.randint(0, 4))))


def build(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 50)
    today = ctx.today
    docs = _decisions(today)
    if not docs:
        ctx.report.parts["followup"] = {"tasks": 0}
        return
    provinces = list(Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE, place__isnull=False).order_by("pk"))
    others = list(Body.objects.filter(kind__in=(Body.Kind.MINISTRY, Body.Kind.CENTRAL_PARTY)).order_by("pk"))
    unit = ctx.units.get("tong-hop") or next(iter(ctx.units.values()))
    giver = ctx.by_unit.get("tong-hop", [ctx.chief])[0].account
    # Reports sent in by the bodies, to attach as the evidence of finished work.
    evidence = list(policy.visible(giver, Document.objects.filter(
        direction=Document.Direction.INCOMING, doc_type__code="BC", classification=Classification.THUONG))
        .order_by("pk")[:40])
    made, reminded, trees, marked = 0, 0, 0, 0
    outcomes: dict[str, int] = {}
    for i in range(TARGET):
        doc = docs[i % len(docs)]
        points = [p for p in anchors(doc.body) if "diem" in p.anchor] or anchors(doc.body)
        point = points[(i // len(docs)) % len(points)]
        body = rng.choice(provinces if rng.random() < 0.7 or not others else others)
        plan = _plan(rng, doc, point.anchor, point.label, body, today)
        a = do_assign_point(giver, doc, point.anchor, body, plan.deadline, f"Thực hiện {point.label} của {doc.symbol}",
                            "", unit, 0)
        made += 1
        outcomes[plan.outcome] = outcomes.get(plan.outcome, 0) + 1
        if not policy.can_view(giver, a):
            continue  # above the giver's clearance: its progress is reported by those who may see it
        if plan.outcome == "on_time" and trees < TREES and (plan.deadline - today).days > 45:
            _tree(giver, a, plan, rng, today)
            trees += 1
        else:
            _progress(giver, a, plan, rng, today, evidence)
        if marked < WITH_MILESTONES and plan.outcome != "new" and i % 7 == 3:
            _milestones(giver, a, plan, rng, today)
            marked += 1
        reminded += _reminders(a, plan, today)
        if plan.outcome == "late" and (today - plan.deadline).days > 10 and rng.random() < 0.3:
            day = plan.deadline + timedelta(days=rng.randint(8, (today - plan.deadline).days))
            reminded += do_remind(a, Reminder.Stage.MANUAL, day, escalate=False, actor=giver,
                                note="Đề nghị báo cáo kết quả thực hiện trong tuần này.") is not None
    # Today's run of the job, for every task of the office (the decisions' ones are up to date already).
    sent = reminded + run_reminders(today)
    ctx.report.parts["followup"] = {"tasks": made, "reminders": sent, "trees": trees, "milestones": marked,
                                    **outcomes}
    ctx.say(f"  {made} nhiệm vụ theo dõi thực hiện kết luận ({outcomes.get('done', 0)} đã hoàn thành, "
            f"{outcomes.get('late', 0)} quá hạn), {trees} nhiệm vụ chia việc nhỏ, {sent} lần đôn đốc")
