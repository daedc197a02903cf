"""The follow-up part of the demo: tasks from the issued conclusions given to provinces and bodies, with
realistic progress, a few sub-task trees and milestones, and reminders for those late.

Runs after the meetings part (apps are ready in INSTALLED_APPS order). Each task goes through the services, so
audit and search stay consistent; a few hundred rows take seconds.
"""

from __future__ import annotations

import random
from datetime import timedelta

from vanphong.core.demo import DemoContext
from vanphong.core.models import Body
from vanphong.documents.body import anchors
from vanphong.documents.models import Document
from vanphong.followup.decisions import CITABLE, do_assign_point
from vanphong.followup.models import ProgressStatus
from vanphong.followup.progress import check_add_subtask, do_report_progress
from vanphong.followup.reminders import run_reminders
from vanphong.security import policy

TARGET = 300


def _decisions() -> list[Document]:
    from vanphong.meetings.models import Conclusion

    docs = [c.document for c in Conclusion.objects.select_related("document").filter(document__status__in=CITABLE)]
    if not docs:
        docs = list(Document.objects.filter(status__in=CITABLE, direction=Document.Direction.OUTGOING,
                                            doc_type__code__in=("KL", "NQ", "CT"), issued_on__isnull=False)
                    .order_by("issued_on")[:12])
    return [d for d in docs if anchors(d.body)]


def build(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 50)
    docs = _decisions()
    if not docs:
        ctx.report.parts["followup"] = {"tasks": 0}
        return
    provinces = list(Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE, place__isnull=False))
    others = list(Body.objects.filter(kind__in=(Body.Kind.MINISTRY, Body.Kind.CENTRAL_PARTY)))
    unit = ctx.units.get("tong-hop") or next(iter(ctx.units.values()))
    giver = ctx.by_unit.get("tong-hop", [ctx.chief])[0].account
    per_doc = max(1, TARGET // len(docs))
    made = 0
    for doc in docs:
        points = [p for p in anchors(doc.body) if "diem" in p.anchor] or anchors(doc.body)
        assert doc.issued_on is not None
        for i in range(per_doc):
            point = points[i % len(points)]
            body = rng.choice(provinces if rng.random() < 0.7 or not others else others)
            deadline = doc.issued_on + timedelta(days=rng.randint(30, 240))
            a = do_assign_point(giver, doc, point.anchor, body, deadline,
                                f"Thực hiện {point.label} của {doc.symbol}", "", unit, 0)
            made += 1
            if not policy.can_view(giver, a):
                continue  # above the giver's clearance: its progress is reported by those who may see it
            roll = rng.random()
            if roll < 0.08 and deadline > ctx.today:
                for n, w in enumerate((1, 2, 1), start=1):
                    child = check_add_subtask(giver, a.pk, title=f"Bước {n}: {point.label}", weight=w)
                    if rng.random() < 0.6:
                        do_report_progress(giver, child, status=ProgressStatus.STARTED, percent=rng.choice([30, 50]),
                                           note="Đang triển khai theo kế hoạch.", reported_on=ctx.today)
                continue
            if roll < 0.3:
                continue  # not yet reported
            status = rng.choice(list(ProgressStatus))
            reported = min(ctx.today, doc.issued_on + timedelta(days=rng.randint(5, 120)))
            do_report_progress(giver, a, status=status, percent=None or _percent(status, rng),
                               note="Đã ban hành kế hoạch thực hiện." if status != ProgressStatus.NOT_STARTED
                               else "Đang xây dựng kế hoạch.", reported_on=reported)
    sent = run_reminders(ctx.today)
    ctx.report.parts["followup"] = {"tasks": made, "reminders": sent}
    ctx.say(f"  {made} nhiệm vụ theo dõi thực hiện kết luận, {sent} lần đôn đốc")


def _percent(status: str, rng: random.Random) -> int:
    from vanphong.followup.models import DEFAULT_PERCENT

    base = DEFAULT_PERCENT[status]
    return base if base in (0, 100) else min(99, base + rng.randint(-10, 15))
