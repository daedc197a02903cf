"""Every change to proposals and their appraisal: check_* validates and authorises, do_* changes and audits.

Who sees a proposal is the access policy's (a ClassifiedRecord shared with its office unit). Who sees the
private notes of an appraisal is said here once (`may_see_notes`): its appraisers, the person who approved its
report, the holders of the approval right in the office unit, and holders of the right to see all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Body, Unit, User
from vanphong.documents.models import Document
from vanphong.programs.flows import APPRAISAL, APPROVE_RIGHT, PROPOSAL, PROPOSAL_BUTTONS, in_office_unit, is_appraiser
from vanphong.programs.models import (
    Appraisal,
    AppraisalCheck,
    AppraisalExpert,
    AppraisalNote,
    ChecklistCriterion,
    Kind,
    ProgramItem,
    Proposal,
    ProposalDocument,
)
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify
from vanphong.text import normalize

DATA = Path(__file__).parent / "data"
TITLE_MAX = 500
NOTE_MAX = 4000
REPORT_MAX = 20000


# --- the checklist, shipped as data ---------------------------------------------------------------------------
def checklist_rows() -> list[dict[str, Any]]:
    data = json.loads((DATA / "appraisal_checklist.json").read_text(encoding="utf-8"))
    return [
        {"group": r["group"], "code": normalize(r["code"]), "text": normalize(r["text"]), "order": r.get("order", 100),
         "valid_from": date.fromisoformat(r["valid_from"]) if r.get("valid_from") else None,
         "valid_to": date.fromisoformat(r["valid_to"]) if r.get("valid_to") else None}
        for r in data["criteria"]
    ]


def load_checklist(model: Any) -> int:
    """Create the shipped criteria the table lacks (by code and start of validity); a migration passes its
    historical model. Returns how many were created."""
    have = set(model.objects.values_list("code", "valid_from"))
    new = [model(**r) for r in checklist_rows() if (r["code"], r["valid_from"]) not in have]
    model.objects.bulk_create(new)
    return len(new)


def ensure_checklist(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the shipped checklist back when a flush emptied it; a no-op when it has rows."""
    if using == "default" and not ChecklistCriterion.objects.exists():
        load_checklist(ChecklistCriterion)


def criteria_on(day: date) -> list[ChecklistCriterion]:
    return [c for c in ChecklistCriterion.objects.all() if c.valid_on(day)]


# --- reading --------------------------------------------------------------------------------------------------
def access_proposal(actor: User, proposal_id: Any, *, lock: bool = False, audit: bool = True) -> Proposal:
    # PostgreSQL locks no row of the nullable side of an outer join: a locked read joins nothing.
    qs = Proposal.objects.all() if lock else Proposal.objects.select_related("lead_body", "office_unit", "item")
    return policy.access(actor, qs, proposal_id, lock=lock, audit=audit)


def access_appraisal(actor: User, appraisal_id: Any, *, lock: bool = False) -> Appraisal:
    """An appraisal round through its proposal's visibility (404 when the proposal is not visible)."""
    from django.http import Http404

    from vanphong.core.ids import parse_id

    pk = parse_id(appraisal_id)
    qs = policy.visible_through(actor, Appraisal.objects.select_related("proposal"), "proposal", Proposal)
    if lock:
        qs = qs.select_for_update(of=("self",))
    a = qs.filter(pk=pk).first() if pk is not None else None
    if a is None:
        raise Http404
    return a


def access_round(actor: User, proposal_id: Any, round_no: Any) -> Appraisal:
    """Round `round_no` of a proposal the person may see (404 otherwise)."""
    from django.http import Http404

    p = access_proposal(actor, proposal_id, audit=False)
    a = Appraisal.objects.select_related("proposal").filter(proposal=p, round=round_no).first()
    if a is None:
        raise Http404
    return a


def may_see_notes(user: User, a: Appraisal) -> bool:
    if not user.is_active:
        return False
    if policy.sees_all_classified(user) or a.approved_by_id == user.pk or is_appraiser(user, a):
        return True
    return bool(user.has_perm(APPROVE_RIGHT) and in_office_unit(user, a.proposal))


def may_appraise(user: User, a: Appraisal) -> bool:
    return a.status == Appraisal.Status.OPEN and is_appraiser(user, a)


def may_assign(user: User, a: Appraisal) -> bool:
    """The office unit's approvers (or leaders who see all) choose who appraises; appraisers may add experts."""
    if a.status not in (Appraisal.Status.OPEN, Appraisal.Status.REVIEW):
        return False
    return bool(user.has_perm(APPROVE_RIGHT) and (in_office_unit(user, a.proposal)
                                                   or policy.sees_all_classified(user)))


# --- proposals ------------------------------------------------------------------------------------------------
def _snapshot(p: Proposal) -> dict[str, Any]:
    return {"status": p.status, "kind": p.kind, "due": p.due.isoformat() if p.due else None,
            "lead_body": p.lead_body_id, "office_unit": p.office_unit_id, "version": p.version,
            "classification": Classification(p.classification).name,
            "title": p.title if p.classification == Classification.THUONG else None}


@dataclass
class ProposalForm:
    title: str
    kind: str = Kind.DE_AN
    summary: str = ""
    item: ProgramItem | None = None
    lead_body: Body | None = None
    office_unit: Unit | None = None
    due: date | None = None
    classification: int | None = None
    co_bodies: list[Body] = field(default_factory=list)


def check_create_proposal(actor: User, f: ProposalForm) -> Proposal:
    f.title = normalize(f.title).strip()
    f.summary = normalize(f.summary).strip()
    if not f.title:
        raise ServiceError("Hãy ghi tên đề án, báo cáo hoặc tờ trình.", field="title")
    if len(f.title) > TITLE_MAX:
        raise ServiceError(f"Tên đề án dài {len(f.title)} ký tự, quá {TITLE_MAX} ký tự; hãy rút gọn.", field="title")
    if f.kind not in Kind.values:
        raise ServiceError("Loại không hợp lệ; chọn đề án, báo cáo, tờ trình hoặc vấn đề khác.", field="kind")
    if f.item is not None:
        if not policy.can_view(actor, f.item):
            raise ServiceError("Không tìm thấy mục chương trình này.", field="item")
        if f.item.status in (ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED):
            raise ServiceError("Mục chương trình đã rút hoặc chuyển kỳ; không lập đề án cho mục này.", field="item")
        f.lead_body = f.lead_body or f.item.lead_body
        f.office_unit = f.office_unit or f.item.office_unit
        f.due = f.due or f.item.planned_end
        if f.classification is None:
            f.classification = f.item.classification
    if f.lead_body is None:
        raise ServiceError("Hãy chọn cơ quan chủ trì.", field="lead_body")
    if f.office_unit is None:
        raise ServiceError("Hãy chọn đơn vị thẩm định của Văn phòng.", field="office_unit")
    classification = Classification.THUONG if f.classification is None else int(f.classification)
    if classification not in Classification.values:
        raise ServiceError("Độ mật không hợp lệ.", field="classification")
    check_may_classify(actor, classification, "lập đề án")
    f.classification = classification
    return do_create_proposal(actor, f)


def do_create_proposal(actor: User, f: ProposalForm) -> Proposal:
    if f.lead_body is None:
        raise ServiceError("Hãy chọn cơ quan chủ trì.", field="lead_body")
    with transaction.atomic():
        p = Proposal.objects.create(
            item=f.item, kind=f.kind, title=f.title, summary=f.summary, lead_body=f.lead_body,
            office_unit=f.office_unit, due=f.due, classification=f.classification or 0, created_by=actor)
        p.co_bodies.set(f.co_bodies)
        # The office unit follows and appraises it, so it must be able to open it.
        if f.office_unit is not None:
            p.shared_with_units.add(f.office_unit)
        if f.item is not None and f.item.status == ProgramItem.Status.PLANNED:
            ProgramItem.objects.filter(pk=f.item.pk).update(status=ProgramItem.Status.PREPARING,
                                                            updated_at=timezone.now())
        PROPOSAL.start(actor, p, Proposal.Status.PREPARING)
        record_event("programs.proposal_created", actor=actor, obj=p, new=_snapshot(p))
        record_changed(p)
    return p


def check_update_proposal(actor: User, proposal_id: Any, expected_version: int, *, title: str, summary: str,
                          due: date | None) -> Proposal:
    title, summary = normalize(title).strip(), normalize(summary).strip()
    if not title:
        raise ServiceError("Hãy ghi tên đề án, báo cáo hoặc tờ trình.", field="title")
    if len(title) > TITLE_MAX:
        raise ServiceError(f"Tên đề án dài {len(title)} ký tự, quá {TITLE_MAX} ký tự; hãy rút gọn.", field="title")
    with transaction.atomic():
        p = access_proposal(actor, proposal_id, lock=True, audit=False)
        if not (p.created_by_id == actor.pk or in_office_unit(actor, p)):
            raise Forbidden("Chỉ người lập đề án hoặc đơn vị theo dõi được sửa thông tin đề án.")
        if p.status not in (Proposal.Status.PREPARING, Proposal.Status.RETURNED):
            raise ServiceError("Đề án đã gửi thẩm định; chỉ sửa được khi đang xây dựng hoặc bị trả lại.")
        if p.version != expected_version:
            raise Conflict()
        old = _snapshot(p)
        p.title, p.summary, p.due = title, summary, due
        p.version += 1
        p.save()
        record_event("programs.proposal_updated", actor=actor, obj=p, old=old, new=_snapshot(p))
        record_changed(p)
    return p


def may_edit_dossier(user: User, p: Proposal) -> bool:
    return (p.status in (Proposal.Status.PREPARING, Proposal.Status.RETURNED)
            and (p.created_by_id == user.pk or in_office_unit(user, p)))


def check_add_document(actor: User, proposal_id: Any, document_id: Any, role: str) -> ProposalDocument:
    if role not in ProposalDocument.Role.values:
        raise ServiceError("Vai trò tài liệu không hợp lệ; chọn tờ trình, đề án, dự thảo hoặc báo cáo tổng hợp ý kiến.",
                           field="role")
    with transaction.atomic():
        p = access_proposal(actor, proposal_id, lock=True, audit=False)
        if not may_edit_dossier(actor, p):
            raise Forbidden("Chỉ người lập đề án hoặc đơn vị theo dõi được bổ sung hồ sơ khi đề án đang xây dựng "
                            "hoặc bị trả lại.")
        try:
            doc = policy.access(actor, Document.objects.all(), document_id, audit=False)
        except Exception as e:
            raise ServiceError("Không tìm thấy văn bản này.", field="document") from e
        if doc.classification > p.classification:
            raise ServiceError("Văn bản có độ mật cao hơn đề án; hãy nâng độ mật đề án hoặc chọn văn bản khác.",
                               field="document")
        if p.dossier.filter(document=doc).exists():
            raise ServiceError("Văn bản này đã có trong hồ sơ.", field="document")
        return do_add_document(actor, p, doc, role)


def do_add_document(actor: User, p: Proposal, doc: Document, role: str) -> ProposalDocument:
    with transaction.atomic():
        row = ProposalDocument.objects.create(proposal=p, document=doc, role=role, added_by=actor)
        p.documents.add(doc)
        Proposal.objects.filter(pk=p.pk).update(version=p.version + 1, updated_at=timezone.now())
        p.version += 1
        record_event("programs.dossier_added", actor=actor, obj=p, new={"document": doc.pk, "role": role})
    return row


def check_proposal_step(actor: User, proposal_id: Any, transition: str, expected_version: int | None,
                        note: str = "") -> Proposal:
    if transition not in PROPOSAL_BUTTONS:
        raise ServiceError("Thao tác này không có trong quy trình.")
    p = access_proposal(actor, proposal_id, audit=False)
    result: Proposal = PROPOSAL.apply(actor, p, transition, expected_version=expected_version, note=note)
    record_changed(result)
    return result


def open_round(actor: User, p: Proposal) -> Appraisal:
    """A new round for a (re-)submission; earlier rounds stay as they were, visible on the proposal's page."""
    last = Appraisal.objects.filter(proposal=p).aggregate(n=Max("round"))["n"] or 0
    a = Appraisal.objects.create(proposal=p, round=last + 1, opened_by=actor)
    # Whoever takes it up appraises it until the unit's head assigns others.
    a.appraisers.add(actor)
    APPRAISAL.start(actor, a, Appraisal.Status.OPEN)
    record_event("programs.appraisal_opened", actor=actor, obj=a, new={"proposal": p.pk, "round": a.round})
    return a


# --- appraisal rounds -----------------------------------------------------------------------------------------
def _bump(a: Appraisal, expected_version: int | None) -> None:
    """Optimistic concurrency on a round: the version in the WHERE clause makes a concurrent writer fail."""
    if expected_version is not None and a.version != expected_version:
        raise Conflict()
    if Appraisal.objects.filter(pk=a.pk, version=a.version).update(version=a.version + 1,
                                                                   updated_at=timezone.now()) != 1:
        raise Conflict()
    a.version += 1


def check_assign(actor: User, appraisal_id: Any, expected_version: int, *, appraisers: list[User],
                 experts: list[tuple[str, str]] | None = None) -> Appraisal:
    experts = [(normalize(n).strip(), normalize(o).strip()) for n, o in (experts or [])]
    if not appraisers:
        raise ServiceError("Hãy chọn ít nhất một người thẩm định.", field="appraisers")
    with transaction.atomic():
        a = access_appraisal(actor, appraisal_id, lock=True)
        if not may_assign(actor, a):
            raise Forbidden("Chỉ lãnh đạo đơn vị thẩm định được phân công người thẩm định.")
        p = a.proposal
        for u in appraisers:
            if not u.is_active or u.clearance < p.classification:
                raise ServiceError(f"{u.display_name} chưa được tiếp cận tài liệu độ "
                                   f"{Classification(p.classification).label}; hãy chọn người khác.",
                                   field="appraisers")
        for name, _org in experts:
            if not name:
                raise ServiceError("Hãy ghi họ tên chuyên gia được mời.", field="experts")
        _bump(a, expected_version)
        old = sorted(a.appraisers.values_list("pk", flat=True))
        a.appraisers.set(appraisers)
        # Appraisers must be able to open the proposal (the access list), whatever their unit, and the dossier
        # they appraise (its documents are never above the proposal's level, nor the appraisers below it).
        p.shared_with_users.add(*appraisers)
        for doc in p.documents.all():
            doc.shared_with_users.add(*appraisers)
        AppraisalExpert.objects.bulk_create([AppraisalExpert(appraisal=a, name=n[:200], organisation=o[:300],
                                                             added_by=actor) for n, o in experts])
        record_event("programs.appraisal_assigned", actor=actor, obj=a, old={"appraisers": old},
                     new={"appraisers": sorted(u.pk for u in appraisers), "experts": len(experts)})
    return a


def check_set_check(actor: User, appraisal_id: Any, expected_version: int, results: dict[int, tuple[str, str]]
                    ) -> Appraisal:
    """Record the results of some criteria (criterion id → (result, note)) in one go."""
    valid = {c.pk: c for c in criteria_on(timezone.localdate())}
    for cid, (result, note) in results.items():
        if cid not in valid:
            raise ServiceError("Tiêu chí không có trong danh mục đang áp dụng; hãy tải lại trang.", field="checks")
        if result not in AppraisalCheck.Result.values:
            raise ServiceError("Kết quả tiêu chí phải là đạt, chưa đạt hoặc không áp dụng.", field="checks")
        if result == AppraisalCheck.Result.FAIL and not normalize(note).strip():
            raise ServiceError(f"Tiêu chí {valid[cid].code} chưa đạt: hãy ghi rõ vì sao.", field="checks")
    with transaction.atomic():
        a = access_appraisal(actor, appraisal_id, lock=True)
        if not may_appraise(actor, a):
            raise Forbidden("Chỉ người được phân công được ghi kết quả khi lần thẩm định đang mở.")
        _bump(a, expected_version)
        for cid, (result, note) in results.items():
            AppraisalCheck.objects.update_or_create(appraisal=a, criterion_id=cid, defaults={
                "result": result, "note": normalize(note).strip()[:NOTE_MAX], "checked_by": actor})
        record_event("programs.appraisal_checked", actor=actor, obj=a,
                     new={str(valid[cid].code): r for cid, (r, _n) in results.items()})
    return a


def check_save_report(actor: User, appraisal_id: Any, expected_version: int, *, report: str, result: str,
                      reasons: str = "") -> Appraisal:
    report, reasons = normalize(report).strip(), normalize(reasons).strip()
    if result not in Appraisal.Result.values:
        raise ServiceError("Kết quả không hợp lệ; chọn đủ điều kiện trình hoặc trả lại.", field="result")
    if len(report) > REPORT_MAX:
        raise ServiceError(f"Báo cáo dài quá {REPORT_MAX} ký tự; hãy đưa phụ lục vào hồ sơ.", field="report")
    if result == Appraisal.Result.RETURN and not reasons:
        raise ServiceError("Đề nghị trả lại thì phải ghi rõ lý do và nội dung cần hoàn thiện.", field="reasons")
    with transaction.atomic():
        a = access_appraisal(actor, appraisal_id, lock=True)
        if not may_appraise(actor, a):
            raise Forbidden("Chỉ người được phân công được viết báo cáo khi lần thẩm định đang mở.")
        _bump(a, expected_version)
        old = {"result": a.result, "report_length": len(a.report)}
        a.report, a.result, a.reasons = report, result, reasons
        a.save(update_fields=["report", "result", "reasons", "updated_at"])
        record_event("programs.appraisal_report", actor=actor, obj=a, old=old,
                     new={"result": result, "report_length": len(report)})
    return a


def check_appraisal_step(actor: User, appraisal_id: Any, transition: str, expected_version: int | None,
                         note: str = "") -> Appraisal:
    a = access_appraisal(actor, appraisal_id)
    result: Appraisal = APPRAISAL.apply(actor, a, transition, expected_version=expected_version, note=note)
    record_changed(Proposal.objects.get(pk=result.proposal_id))
    return result


def check_add_note(actor: User, appraisal_id: Any, text: str, parent_id: Any = None) -> AppraisalNote:
    text = normalize(text).strip()
    if not text:
        raise ServiceError("Hãy viết nội dung ghi chú.", field="text")
    if len(text) > NOTE_MAX:
        raise ServiceError(f"Ghi chú dài quá {NOTE_MAX} ký tự; hãy tách thành nhiều ghi chú.", field="text")
    with transaction.atomic():
        a = access_appraisal(actor, appraisal_id)
        if not may_see_notes(actor, a):
            # Not even the existence of the thread is told to those who may not read it.
            from django.http import Http404

            raise Http404
        parent = None
        if parent_id not in (None, ""):
            parent = AppraisalNote.objects.filter(appraisal=a, pk=parent_id).first()
            if parent is None:
                raise ServiceError("Không tìm thấy ghi chú được trả lời.", field="parent")
        n = AppraisalNote.objects.create(appraisal=a, parent=parent, author=actor, text=text)
        # The text of a private note stays out of the audit log: only that one was written, and where.
        record_event("programs.appraisal_note", actor=actor, obj=a, new={"note": n.pk, "reply_to": parent_id})
    return n


def notes_for(user: User, a: Appraisal) -> list[AppraisalNote]:
    """The round's notes as a thread (each with `.children`), or [] for someone who may not see them."""
    if not may_see_notes(user, a):
        return []
    notes = list(a.notes.select_related("author__person"))
    by_id = {n.pk: n for n in notes}
    roots = []
    for n in notes:
        n.children = []  # type: ignore[attr-defined]
    for n in notes:
        if n.parent_id and n.parent_id in by_id:
            by_id[n.parent_id].children.append(n)  # type: ignore[attr-defined]
        else:
            roots.append(n)
    return roots
