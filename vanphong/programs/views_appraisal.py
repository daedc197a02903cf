"""Pages of proposals and their appraisal: the list, the proposal's page (dossier, timeline, rounds with their
checklist, private notes and report, reminders sent), the forms, and the printable appraisal report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Unit, User
from vanphong.core.notices import mark_read
from vanphong.documents.models import Document
from vanphong.files.kinds import ALLOWED_LIST
from vanphong.programs import appraisal as svc
from vanphong.programs.appraisal_queries import ProposalFilters, is_late, proposals
from vanphong.programs.dossier import PARTS, check_upload_document, default_type, type_choices
from vanphong.programs.flows import APPRAISAL, PROPOSAL, PROPOSAL_BUTTONS
from vanphong.programs.models import (
    Appraisal,
    AppraisalCheck,
    ChecklistCriterion,
    Kind,
    ProgramItem,
    Proposal,
    ProposalDocument,
)
from vanphong.search.filters import parse_date_or_none
from vanphong.security import policy
from vanphong.security.classification import Classification

PAGE_SIZE = 50


def _run(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    try:
        action()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True


# --- the list -------------------------------------------------------------------------------------------------
@login_required
def proposal_list_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    status = request.GET.get("trang_thai", "")
    f = ProposalFilters(status=status if status in Proposal.Status.values else "",
                        lead_body=parse_id(request.GET.get("co_quan")), late=request.GET.get("cham") == "1",
                        q=request.GET.get("q", "")[:200])
    today = timezone.localdate()
    number = min(parse_id(request.GET.get("trang")) or 1, 10_000)
    rows = list(proposals(user, f, today)[(number - 1) * PAGE_SIZE:number * PAGE_SIZE + 1])
    for p in rows:
        p.late = is_late(p, today)  # type: ignore[attr-defined]
    bodies = Body.objects.filter(pk__in=policy.visible(user, Proposal.objects.all()).values("lead_body_id"))
    return render(request, "programs/proposal_list.html", {
        "rows": rows[:PAGE_SIZE], "f": f, "statuses": Proposal.Status.choices, "bodies": bodies,
        "page": {"number": number, "has_next": len(rows) > PAGE_SIZE, "has_previous": number > 1,
                 "next": number + 1, "previous": number - 1},
    })


# --- creating and editing -------------------------------------------------------------------------------------
def _items_for(user: User) -> list[ProgramItem]:
    open_items = ProgramItem.objects.exclude(status__in=(ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED,
                                                         ProgramItem.Status.DECIDED))
    return list(policy.visible(user, open_items).select_related("program", "lead_body")
                .order_by("planned_end")[:300])


def _initial_from_item(user: User, data: Any) -> dict[str, Any]:
    """Opened from a programme item ("Lập đề án cho mục này"): its title and kind are the proposal's to start."""
    initial = {key: data.get(key) for key in data}
    item_id = parse_id(data.get("item"))
    item = policy.visible(user, ProgramItem.objects.all()).filter(pk=item_id).first() if item_id else None
    if item is not None:
        initial.setdefault("title", item.title)
        initial.setdefault("kind", item.kind)
    return initial


@login_required
def proposal_new_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    data = request.POST if request.method == "POST" else request.GET
    error: ServiceError | None = None
    if request.method == "POST":
        item_id = parse_id(data.get("item"))
        item = policy.visible(user, ProgramItem.objects.all()).filter(pk=item_id).first() if item_id else None
        level = data.get("classification", "")
        form = svc.ProposalForm(
            title=data.get("title", ""), kind=data.get("kind", Kind.DE_AN), summary=data.get("summary", ""),
            item=item, lead_body=Body.objects.filter(pk=parse_id(data.get("lead_body")) or 0).first(),
            office_unit=Unit.objects.filter(pk=parse_id(data.get("office_unit")) or 0, is_active=True).first(),
            due=parse_date_or_none(data.get("due", "")),
            classification=int(level) if level.isdigit() and len(level) < 3 else None)
        if data.get("due", "").strip() and form.due is None:
            error = ServiceError("Hạn gửi hồ sơ không đúng dạng ngày.", field="due")
        else:
            try:
                p = svc.check_create_proposal(user, form)
            except ServiceError as exc:
                error = exc
            else:
                messages.success(request, "Đã lập đề án. Hãy bổ sung hồ sơ (tờ trình, đề án, dự thảo) rồi gửi "
                                 "thẩm định.")
                return redirect(p)
    return render(request, "programs/proposal_form.html", {
        "data": data if request.method == "POST" else _initial_from_item(user, data), "error": error,
        "items": _items_for(user), "kinds": Kind.choices,
        "bodies": Body.objects.valid_on(timezone.localdate()).exclude(kind=Body.Kind.LEADERSHIP)[:500],
        "units": Unit.objects.filter(is_active=True),
        "levels": [(v, lbl) for v, lbl in Classification.choices if v <= user.clearance],
        "chosen_item": parse_id(data.get("item")),
    }, status=400 if error else 200)


@login_required
def proposal_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    p = svc.access_proposal(user, pk)
    error: ServiceError | None = None
    if request.method == "POST":
        due_text = request.POST.get("due", "")
        due = parse_date_or_none(due_text)
        try:
            if due_text.strip() and due is None:
                raise ServiceError("Hạn gửi hồ sơ không đúng dạng ngày.", field="due")
            p = svc.check_update_proposal(user, pk, posted_version(request), title=request.POST.get("title", ""),
                                          summary=request.POST.get("summary", ""), due=due)
        except ServiceError as exc:
            error = exc
        else:
            messages.success(request, "Đã lưu thông tin đề án.")
            return redirect(p)
    return render(request, "programs/proposal_edit.html", {"p": p, "error": error}, status=400 if error else 200)


@login_required
@require_POST
def proposal_dossier_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    p = svc.access_proposal(user, pk, audit=False)
    _run(request, lambda: svc.check_add_document(user, pk, request.POST.get("document"),
                                                 request.POST.get("role", "")), "Đã thêm tài liệu vào hồ sơ.")
    return redirect(p)


@login_required
@require_POST
def proposal_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of the dossier (tờ trình, đề án, dự thảo…) uploaded from the proposal's page."""
    user = acting_user(request)
    p = svc.access_proposal(user, pk, audit=False)
    upload = request.FILES.get("file")
    name = (upload.name or "") if upload is not None else ""
    _run(request, lambda: check_upload_document(
        user, pk, role=request.POST.get("role", ""), summary=request.POST.get("summary", ""), name=name,
        content=upload, doc_type=request.POST.get("doc_type")), "Đã tải tài liệu lên và thêm vào hồ sơ.")
    return redirect(p.get_absolute_url() + "#ho-so")


@login_required
@require_POST
def proposal_step_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user = acting_user(request)
    p = svc.access_proposal(user, pk, audit=False)
    label = PROPOSAL.transitions[name].label if name in PROPOSAL.transitions else ""
    version, note = posted_version(request), request.POST.get("note", "")
    _run(request, lambda: svc.check_proposal_step(user, pk, name, version, note), f"Đã {label.lower()}.")
    return redirect(p)


# --- the proposal's page --------------------------------------------------------------------------------------
def _round_context(user: User, a: Appraisal, criteria: list[ChecklistCriterion], p: Proposal) -> dict[str, Any]:
    checks = {c.criterion_id: c for c in a.checks.select_related("checked_by__person")}
    groups: dict[str, dict[str, Any]] = {}
    # The criteria of the round: those valid now, and any checked earlier (an old round keeps its rows).
    shown = {c.pk: c for c in criteria}
    for c in ChecklistCriterion.objects.filter(pk__in=checks.keys()):
        shown.setdefault(c.pk, c)
    for c in sorted(shown.values(), key=lambda c: (c.order, c.code)):
        g = groups.setdefault(c.group, {"label": c.get_group_display(), "rows": []})
        g["rows"].append({"criterion": c, "check": checks.get(c.pk)})
    counts = {r: sum(1 for c in checks.values() if c.result == r) for r in AppraisalCheck.Result.values}
    may_assign = svc.may_assign(user, a)
    return {
        "a": a, "groups": list(groups.values()), "counts": counts, "done": len(checks), "total": len(shown),
        "appraisers": list(a.appraisers.select_related("person")), "experts": list(a.experts.all()),
        "notes": svc.notes_for(user, a), "may_see_notes": svc.may_see_notes(user, a),
        "may_appraise": svc.may_appraise(user, a), "may_assign": may_assign,
        "steps": APPRAISAL.available(user, a), "history": APPRAISAL.timeline(a),
        "candidates": _candidates(p) if may_assign else [],
    }


def _candidates(p: Proposal) -> list[User]:
    qs = User.objects.filter(is_active=True, clearance__gte=p.classification).select_related("person")
    if p.office_unit_id:
        qs = qs.filter(person__unit_id=p.office_unit_id)
    return list(qs.order_by("person__full_name")[:100])


@login_required
def proposal_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    p = svc.access_proposal(user, pk)
    mark_read(user, p.get_absolute_url())
    today = timezone.localdate()
    dossier = list(p.dossier.select_related("document__doc_type"))
    seen = policy.visible_ids(user, Document, [d.document_id for d in dossier])
    for d in dossier:
        d.visible = d.document_id in seen  # type: ignore[attr-defined]
    may_edit = svc.may_edit_dossier(user, p)
    have = {d.role for d in dossier}
    # The upload form offers the part the dossier still lacks, in the order a dossier is put together.
    next_role = next((r for r in PARTS if r not in have), "")
    choosable: list[Document] = []
    if may_edit:
        taken = [d.document_id for d in dossier]
        choosable = list(policy.visible(user, Document.objects.filter(classification__lte=p.classification))
                         .exclude(pk__in=taken).select_related("doc_type").order_by("-created_at")[:50])
    criteria = svc.criteria_on(today)
    rounds = [_round_context(user, a, criteria, p) for a in p.appraisals.order_by("-round")]
    steps = [t for t in PROPOSAL.available(user, p) if t.name in PROPOSAL_BUTTONS]
    return render(request, "programs/proposal.html", {
        # The item may have its own access list: its title shows only to those who may see it.
        "item": p.item if p.item is not None and policy.can_view(user, p.item) else None,
        "p": p, "late": is_late(p, today), "days_left": (p.due - today).days if p.due else None,
        "dossier": dossier, "may_edit": may_edit, "choosable": choosable, "roles": ProposalDocument.Role.choices,
        "rounds": rounds, "steps": steps, "history": PROPOSAL.timeline(p),
        "reminders": list(p.reminders.all()), "results": AppraisalCheck.Result.choices,
        "report_results": [(v, lbl) for v, lbl in Appraisal.Result.choices if v],
        "meetings": [a for a in p.agenda_items.select_related("meeting") if policy.can_view(user, a.meeting)],
        "conclusions": [c for c in p.conclusions.select_related("document__doc_type")
                        if policy.can_view(user, c.document)],
        "may_edit_info": may_edit, "next_role": next_role, "allowed_files": ALLOWED_LIST,
        "max_upload_mb": settings.VANPHONG_MAX_UPLOAD_MB,
        # Which type each part takes when none is chosen, said under the choice of type.
        "doc_types": type_choices(today) if may_edit else [],
        "default_types": [(str(label).lower(), default_type(role, p)[1]) for role, label in
                          ProposalDocument.Role.choices] if may_edit else [],
    })


# --- a round's forms ------------------------------------------------------------------------------------------
def _round_post(request: HttpRequest, pk: int, round_no: int, action: Callable[[User, Appraisal], Any],
                done: str) -> HttpResponse:
    user = acting_user(request)
    a = svc.access_round(user, pk, round_no)
    _run(request, lambda: action(user, a), done)
    return redirect(a.get_absolute_url())


@login_required
@require_POST
def round_checks_view(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    results: dict[int, tuple[str, str]] = {}
    for key, value in request.POST.items():
        if key.startswith("kq_") and value:
            cid = parse_id(key[3:])
            if cid is not None:
                results[cid] = (str(value), str(request.POST.get(f"gc_{cid}", "")))

    def save(user: User, a: Appraisal) -> Any:
        if not results:
            raise ServiceError("Hãy chọn kết quả cho ít nhất một tiêu chí.", field="checks")
        return svc.check_set_check(user, a.pk, posted_version(request), results)

    return _round_post(request, pk, round_no, save, "Đã ghi kết quả các tiêu chí.")


def _experts(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.splitlines():
        if line.strip():
            name, _sep, org = line.replace("—", "-").partition(" - ")
            out.append((name.strip(), org.strip()))
    return out


@login_required
@require_POST
def round_assign_view(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    def save(user: User, a: Appraisal) -> Any:
        ids = [i for i in (parse_id(v) for v in request.POST.getlist("appraisers")) if i]
        people = list(User.objects.filter(pk__in=ids, is_active=True))
        return svc.check_assign(user, a.pk, posted_version(request), appraisers=people,
                                experts=_experts(request.POST.get("experts", "")))

    return _round_post(request, pk, round_no, save, "Đã phân công thẩm định.")


@login_required
@require_POST
def round_report_view(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    def save(user: User, a: Appraisal) -> Any:
        return svc.check_save_report(user, a.pk, posted_version(request), report=request.POST.get("report", ""),
                                     result=request.POST.get("result", ""), reasons=request.POST.get("reasons", ""))

    return _round_post(request, pk, round_no, save, "Đã lưu báo cáo thẩm định.")


@login_required
@require_POST
def round_step_view(request: HttpRequest, pk: int, round_no: int, name: str) -> HttpResponse:
    label = APPRAISAL.transitions[name].label if name in APPRAISAL.transitions else ""

    def step(user: User, a: Appraisal) -> Any:
        return svc.check_appraisal_step(user, a.pk, name, posted_version(request), request.POST.get("note", ""))

    return _round_post(request, pk, round_no, step, f"Đã {label.lower()}.")


@login_required
@require_POST
def round_note_view(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    def add(user: User, a: Appraisal) -> Any:
        return svc.check_add_note(user, a.pk, request.POST.get("text", ""), parse_id(request.POST.get("parent")))

    return _round_post(request, pk, round_no, add, "Đã ghi ghi chú.")


@login_required
def round_print_view(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    user = acting_user(request)
    p = svc.access_proposal(user, pk)
    a = svc.access_round(user, pk, round_no)
    ctx = _round_context(user, a, svc.criteria_on(timezone.localdate()), p)
    return render(request, "programs/appraisal_report.html", {"p": p, **ctx, "today": date.today()})
