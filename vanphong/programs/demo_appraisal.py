"""Demo proposals and appraisals: for most items of the year's BCT/BBT programmes, a proposal at every stage.

Runs after the programmes demo (its items exist then; without them it does nothing) and before the meetings
demo, which puts the APPRAISED proposals on agendas. Everything goes through the services (audit, history,
versions), so the demo shows what the pages would have made; a few dozen proposals keep it fast.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from vanphong.core.models import Unit, User
from vanphong.core.roles import Role
from vanphong.documents.models import DocumentType, Issuer
from vanphong.documents.services import Draft, do_create_draft
from vanphong.programs import appraisal as svc
from vanphong.programs.appraisal_tasks import remind
from vanphong.programs.flows import APPRAISAL, PROPOSAL
from vanphong.programs.models import AppraisalCheck, ProgramItem, Proposal, ProposalDocument

MAX_PROPOSALS = 36

NOTES = [
    ("Phần đánh giá thực trạng còn nặng về liệt kê, chưa có số liệu so sánh giai đoạn 2021–2025.",
     "Đồng ý; đề nghị cơ quan chủ trì bổ sung phụ lục số liệu trước khi trình."),
    ("Dự thảo kết luận còn trùng ý với Nghị quyết số 57-NQ/TW; cần rà soát để tránh chồng chéo.",
     "Đã trao đổi với Vụ Kinh tế, thống nhất đề nghị bỏ đoạn 3 mục II."),
    ("Chưa thấy ý kiến của Bộ Tài chính về nguồn lực bảo đảm thực hiện.",
     "Bộ Tài chính đã gửi văn bản ngày hôm qua; sẽ bổ sung vào báo cáo tổng hợp ý kiến."),
]
RETURN_REASONS = [
    "1. Bổ sung đánh giá kết quả thực hiện giai đoạn trước, có số liệu cụ thể theo từng lĩnh vực.\n"
    "2. Làm rõ nguồn lực và lộ trình thực hiện các nhiệm vụ, giải pháp.\n"
    "3. Hoàn thiện báo cáo tổng hợp, giải trình, tiếp thu ý kiến của các tỉnh ủy, thành ủy.",
    "1. Hồ sơ thiếu báo cáo tổng hợp ý kiến các cơ quan liên quan.\n"
    "2. Dự thảo kết luận cần rút gọn, tập trung vào những vấn đề thuộc thẩm quyền của Bộ Chính trị.",
]
REPORT_READY = (
    "Qua nghiên cứu hồ sơ, Vụ thấy đề án đã được chuẩn bị công phu, bám sát chủ trương của Đảng; đánh giá thực "
    "trạng khách quan; nhiệm vụ, giải pháp cụ thể, khả thi. Cơ quan chủ trì đã tiếp thu cơ bản ý kiến của các cơ "
    "quan liên quan.\n\nĐề nghị lãnh đạo Văn phòng báo cáo Thường trực Ban Bí thư cho đưa đề án vào chương trình "
    "phiên họp gần nhất.")
REPORT_RETURN = (
    "Hồ sơ đề án chưa bảo đảm điều kiện trình theo Quy chế làm việc: còn thiếu thành phần, một số nội dung chưa "
    "được làm rõ. Đề nghị trả lại cơ quan chủ trì để hoàn thiện theo các nội dung nêu dưới đây.")


def _items(ctx: Any) -> list[ProgramItem]:
    """The items of the year's BCT/BBT programmes that proposals are prepared for (not those carried down, whose
    proposal is their source's; not dropped or moved ones)."""
    year = ctx.today.year
    qs = (ProgramItem.objects.filter(Q(program__year=year) | Q(program__start__year=year), source__isnull=True)
          .exclude(status__in=(ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED))
          .exclude(proposals__isnull=False)
          .select_related("lead_body", "office_unit").order_by("planned_end", "pk"))
    return list(qs[:MAX_PROPOSALS])


def _people(unit: Unit | None, ctx: Any) -> tuple[list[User], list[User]]:
    """The unit's specialists and its heads (accounts only), by clearance, highest first."""
    staff = [s for s in ctx.by_unit.get(unit.code, []) if s.user is not None] if unit is not None else []
    specialists = sorted((s.user for s in staff if s.role == Role.SPECIALIST), key=lambda u: -u.clearance)
    heads = sorted((s.user for s in staff if s.role == Role.UNIT_HEAD), key=lambda u: -u.clearance)
    return specialists, heads


def _draft(user: User, doc_type: DocumentType | None, issuer: Issuer, summary: str, level: int,
           unit: Unit) -> Any:
    if doc_type is None:
        return None
    return do_create_draft(user, Draft(doc_type=doc_type, issuer=issuer, summary=summary, classification=level,
                                       drafting_unit=unit, body=f"{summary[0].upper()}{summary[1:]}.\n"
                                       "I. Sự cần thiết\nII. Quan điểm, mục tiêu\nIII. Nhiệm vụ, giải pháp"))


def build(ctx: Any) -> None:
    items = _items(ctx)
    if not items:
        return
    rng = random.Random(ctx.seed + 505)
    types = {t.code: t for t in DocumentType.objects.filter(system="party", code__in=("TTr", "ĐA", "NQ", "KL", "BC"))}
    fallback_unit = ctx.units.get("tong-hop")
    made: dict[str, int] = {}
    today = ctx.today
    for n, item in enumerate(items):
        unit = item.office_unit or fallback_unit
        specialists, heads = _people(unit, ctx)
        specialists = [u for u in specialists if u.clearance >= item.classification]
        approvers = [u for u in heads if u.clearance >= item.classification] or \
            ([ctx.chief.user] if ctx.chief.user and ctx.chief.user.clearance >= item.classification else [])
        if not specialists or not approvers or unit is None:
            continue
        drafter, second = specialists[0], specialists[1 % len(specialists)]
        approver = approvers[0]
        # The stage follows the item's date: far ahead still preparing, near or past further on.
        days = (item.planned_end - today).days
        stage = _stage(n, days)
        p = svc.do_create_proposal(drafter, svc.ProposalForm(
            title=item.title, kind=item.kind, summary=item.description, item=item, lead_body=item.lead_body,
            office_unit=unit, due=item.planned_end, classification=item.classification))
        issuer = Issuer.objects.filter(system="party", body=item.lead_body).first() or \
            Issuer.objects.get(system="party", code="VPTW")
        docs = [(ProposalDocument.Role.SUBMISSION, types.get("TTr"), f"về {item.title[:1].lower()}{item.title[1:]}")]
        if stage != "preparing_empty":
            docs += [(ProposalDocument.Role.PROPOSAL, types.get("ĐA"), item.title),
                     (ProposalDocument.Role.DRAFT_DECISION, types.get("KL") or types.get("NQ"),
                      f"dự thảo kết luận về {item.title[:1].lower()}{item.title[1:]}")]
        if stage in ("appraised", "resubmitted"):
            docs.append((ProposalDocument.Role.OPINIONS, types.get("BC"),
                         "tổng hợp, giải trình, tiếp thu ý kiến các cơ quan"))
        for role, doc_type, summary in docs if stage != "preparing_empty" else []:
            doc = _draft(drafter, doc_type, issuer, summary[:480], item.classification, unit)
            if doc is not None:
                svc.do_add_document(drafter, p, doc, role)
        if not p.dossier.filter(role=ProposalDocument.Role.SUBMISSION).exists():
            stage = "preparing_empty"  # no tờ trình could be made: it cannot be submitted
        made[stage] = made.get(stage, 0) + 1
        if stage.startswith("preparing"):
            if days < 0 or days <= 7:
                remind(p, today)  # late or due within a week: the đôn đốc the job would have sent
            continue
        p = PROPOSAL.apply(drafter, Proposal.objects.get(pk=p.pk), "submit")
        Proposal.objects.filter(pk=p.pk).update(submitted_at=timezone.now() - timedelta(days=rng.randint(3, 20)))
        if stage == "submitted":
            continue
        p = PROPOSAL.apply(drafter, p, "start_appraisal")
        a = p.appraisals.get(round=1)
        if second != drafter:
            svc.check_assign(approver, a.pk, a.version, appraisers=[drafter, second],
                             experts=[("PGS.TS Trần Minh Đức", "Học viện Chính trị quốc gia Hồ Chí Minh")]
                             if n % 3 == 0 else [])
            a.refresh_from_db()
        criteria = svc.criteria_on(today)
        partial = stage == "appraising"
        results = _results(criteria, rng, partial=partial, fail=stage in ("returned", "resubmitted"))
        a = svc.check_set_check(drafter, a.pk, a.version, results)
        first, reply = NOTES[n % len(NOTES)]
        note = svc.check_add_note(drafter, a.pk, first)
        svc.check_add_note(second if second != drafter else approver, a.pk, reply, note.pk)
        if partial:
            continue
        if stage in ("returned", "resubmitted"):
            a = svc.check_save_report(drafter, a.pk, a.version, report=REPORT_RETURN, result="tra_lai",
                                      reasons=RETURN_REASONS[n % len(RETURN_REASONS)])
        else:
            a = svc.check_save_report(drafter, a.pk, a.version, report=REPORT_READY, result="du_dieu_kien")
        a = APPRAISAL.apply(drafter, a, "submit_report")
        APPRAISAL.apply(approver, a, "approve", note="Đồng ý với báo cáo thẩm định.")
        if stage == "resubmitted":
            p = Proposal.objects.get(pk=p.pk)
            p = PROPOSAL.apply(drafter, p, "submit")
            if n % 2 == 0:
                PROPOSAL.apply(drafter, p, "start_appraisal")
    ctx.report.parts["programs.appraisal"] = made
    ctx.say(f"Đề án, thẩm định: {sum(made.values())} đề án.")


def _stage(n: int, days: int) -> str:
    if days > 60:
        return "preparing" if n % 4 else "preparing_empty"
    if days > 20:
        return ("submitted", "appraising", "preparing")[n % 3]
    if days >= 0:
        return ("appraising", "appraised", "returned", "submitted")[n % 4]
    return ("appraised", "appraised", "resubmitted", "returned", "preparing")[n % 5]


def _results(criteria: list[Any], rng: random.Random, *, partial: bool, fail: bool) -> dict[int, tuple[str, str]]:
    chosen = criteria[: max(1, len(criteria) // 2)] if partial else criteria
    out: dict[int, tuple[str, str]] = {}
    for i, c in enumerate(chosen):
        if fail and i in (1, len(chosen) - 4):
            out[c.pk] = (AppraisalCheck.Result.FAIL, "Chưa đáp ứng; đề nghị bổ sung, làm rõ.")
        elif c.group == "dieu_kien" and rng.random() < 0.2:
            out[c.pk] = (AppraisalCheck.Result.NA, "")
        else:
            out[c.pk] = (AppraisalCheck.Result.PASS, "")
    return out

