"""The follow-up part of the demo: tasks whose progress reads true on the day it is built (most under way and on
time, some done with reports and evidence, a minority overdue), reminders as the job would have sent them,
weighted sub-task trees and milestones; deadlines never before their decision, percentages that agree with the
statuses; the same every time for a seed and a day."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db.models import Count, Max
from django.utils import timezone

from tests.followup.helpers import issued_conclusion
from vanphong.documents.models import Document, DocumentType
from vanphong.followup import demo
from vanphong.followup.models import Assignment, Milestone, ProgressReport, ProgressStatus, Reminder
from vanphong.followup.progress import weighted_percent
from vanphong.followup.queries import overdue_q

pytestmark = pytest.mark.django_db

BANDS = {ProgressStatus.NOT_STARTED: (0, 0), ProgressStatus.STARTED: (1, 69), ProgressStatus.MOSTLY_DONE: (70, 99),
         ProgressStatus.DONE: (100, 100)}


def _ctx(office):
    staff = [SimpleNamespace(account=office.users["toimat"])]
    return SimpleNamespace(seed=7, today=timezone.localdate(), units={"tong-hop": office.unit},
                           by_unit={"tong-hop": staff}, chief=staff[0], report=SimpleNamespace(parts={}),
                           say=lambda s: None)


@pytest.fixture
def built(office, monkeypatch):
    """A year of conclusions (one every three weeks, the last yesterday) and the demo's tasks from them."""
    monkeypatch.setattr(demo, "TARGET", 90)
    today = timezone.localdate()
    decisions = [issued_conclusion(office.leader, number=500 + n, issued_on=today - timedelta(days=1 + 21 * n))
                 for n in range(18)]
    # A body's report received, the evidence of finished work.
    bc = DocumentType.objects.filter(system="party", code="BC").first()
    for n in range(3):
        Document.objects.create(direction=Document.Direction.INCOMING, status=Document.Status.RECEIVED,
                                doc_type=bc, issuer_name="Tỉnh ủy Thử", number=n + 1, symbol=f"{n + 1}-BC/TU",
                                issued_on=today - timedelta(days=30), summary="báo cáo kết quả thực hiện",
                                created_by=office.leader)
    before = set(Assignment.objects.values_list("pk", flat=True))
    ctx = _ctx(office)
    demo.build(ctx)
    made = Assignment.objects.filter(decision__in=decisions).exclude(pk__in=before)
    return SimpleNamespace(ctx=ctx, tasks=made.filter(parent__isnull=True), all=made, today=today)


def test_most_tasks_are_under_way_some_done_a_minority_overdue(built):
    tasks, n = built.tasks, built.tasks.count()
    assert n == 90
    overdue = tasks.filter(overdue_q(built.today)).count()
    done = tasks.filter(status=Assignment.Status.DONE).count()
    on_time = tasks.exclude(status=Assignment.Status.DONE).exclude(overdue_q(built.today)).count()
    assert 0.08 * n <= overdue <= 0.22 * n, overdue
    assert 0.1 * n <= done <= 0.35 * n, done
    assert on_time >= 0.45 * n, on_time
    under_way = tasks.filter(status=Assignment.Status.IN_PROGRESS).count()
    assert under_way > tasks.filter(status=Assignment.Status.NEW).count()


def test_no_deadline_is_before_its_decision_nor_a_sub_task_after_its_parent(built):
    for a in built.all.select_related("decision", "parent"):
        assert a.deadline >= a.decision.issued_on, a
        if a.parent is not None:
            assert a.deadline <= a.parent.deadline, a


def test_reports_agree_with_the_percentages_and_end_where_the_task_is(built):
    reports = ProgressReport.objects.filter(assignment__in=built.all)
    assert reports.exists()
    for r in reports:
        low, high = BANDS[r.status]
        assert low <= r.percent <= high, (r.status, r.percent)
        assert r.reported_on <= built.today
    for a in built.tasks.filter(children__isnull=True).annotate(n=Count("reports")).filter(n__gt=0):
        last = a.reports.order_by("-reported_on", "-pk").first()
        assert a.percent == last.percent
        days = list(a.reports.order_by("pk").values_list("reported_on", flat=True))
        assert days == sorted(days)  # each report on or after the one before
    for a in built.tasks.filter(status=Assignment.Status.DONE, children__isnull=True):
        assert a.reports.filter(status=ProgressStatus.DONE).exists()
    assert ProgressReport.objects.filter(assignment__in=built.tasks, status=ProgressStatus.DONE,
                                         evidence__isnull=False).exists()


def test_a_handful_of_weighted_trees_and_milestones(built):
    parents = built.tasks.filter(children__isnull=False).distinct()
    assert 3 <= parents.count() <= 10
    for p in parents:
        assert p.children.values("weight").distinct().count() > 1 or p.children.count() > 2
        assert p.percent == weighted_percent(p.pk)
        assert not p.children.filter(overdue_q(built.today)).exists()  # a step past its day was finished
    milestones = Milestone.objects.filter(assignment__in=built.all)
    assert milestones.count() >= 10
    assert milestones.filter(done_on__isnull=False).exists() and milestones.filter(done_on__isnull=True).exists()
    for m in milestones.select_related("assignment"):
        assert m.due <= m.assignment.deadline


def test_reminders_before_and_after_deadlines_the_late_ones_escalated(built):
    reminders = Reminder.objects.filter(assignment__in=built.all)
    stages = set(reminders.values_list("stage", flat=True))
    assert {Reminder.Stage.BEFORE_7, Reminder.Stage.AFTER_1, Reminder.Stage.AFTER_7} <= stages
    assert reminders.filter(escalated=True).exists()
    assert reminders.aggregate(last=Max("sent_on"))["last"] <= built.today
    for r in reminders.select_related("assignment"):
        assert r.sent_on >= r.assignment.deadline - timedelta(days=7) or r.stage == Reminder.Stage.MANUAL
        if r.stage.startswith("qua_"):
            assert r.sent_on > r.assignment.deadline
    late = built.tasks.filter(overdue_q(built.today))
    assert late.filter(reminders__stage=Reminder.Stage.AFTER_1).distinct().count() >= 0.8 * late.count()


def test_it_is_the_same_every_time(office, built, monkeypatch):
    first = sorted(built.tasks.values_list("deadline", "status", "percent"))
    built.all.filter(parent__isnull=False).delete()
    built.all.delete()
    demo.build(_ctx(office))
    again = Assignment.objects.filter(decision__number__range=(500, 517), parent__isnull=True)
    assert sorted(again.values_list("deadline", "status", "percent")) == first
