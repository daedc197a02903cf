"""Pages of letters and cases: the register with filters, the intake, the case, and revealing a denouncer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Place
from vanphong.files.http import file_response
from vanphong.petitions import inbox, protection, queries, repeats, routing, services
from vanphong.petitions.flows import CASE, HANDLE_RIGHT, REVEAL
from vanphong.petitions.forms import ClassifyForm, IntakeForm
from vanphong.petitions.models import Kind, PetitionCase, RevealRequest
from vanphong.security import policy


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    g = request.GET
    kind = g.get("loai", "")
    status = g.get("trang-thai", "")
    f = queries.Filters(
        kind=kind if kind in (*Kind.values, "chua") else "",
        status=status if status in PetitionCase.Status.values else "",
        locality_id=parse_id(g.get("dia-ban")),
        overdue=g.get("qua-han") == "1",
    )
    page = Paginator(queries.cases(user, f), 50).get_page(g.get("trang"))
    return render(request, "petitions/list.html", {
        "page": page, "f": f, "kinds": Kind.choices, "statuses": PetitionCase.Status.choices,
        "places": Place.objects.filter(valid_to__isnull=True), "today": timezone.localdate(),
        "may_register": user.has_perm(HANDLE_RIGHT),
        "waiting": inbox.waiting_count() if user.has_perm(HANDLE_RIGHT) else 0,
    })


def senders_from(request: HttpRequest) -> list[services.SenderIn]:
    p = request.POST
    cols = [p.getlist(f"sender_{k}") for k in ("name", "address", "contact", "province")]
    rows = max((len(c) for c in cols), default=0)
    return [services.SenderIn(*(c[n] if n < len(c) else "" for c in cols)) for n in range(min(rows, 50))]


def _files(request: HttpRequest, name: str) -> list[tuple[str, Any]]:
    return [(f.name or "tep", f) for f in request.FILES.getlist(name)]


@login_required
def intake_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not user.has_perm(HANDLE_RIGHT):
        raise Http404
    form = IntakeForm(request.POST or None, user=user)
    senders = senders_from(request) if request.method == "POST" else []
    if request.method == "POST" and form.is_valid():
        try:
            done = services.check_register_letter(user, intake_from(request, form, senders))
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return registered(request, done)
    return render_intake(request, form, senders)


def intake_from(request: HttpRequest, form: IntakeForm, senders: list[services.SenderIn]) -> services.Intake:
    """The letter a valid intake form describes, with its senders and files read from the request."""
    d = form.cleaned_data
    return services.Intake(
        channel=d["channel"], content=d["content"], received_on=d["received_on"], title=d["title"],
        anonymous=d["anonymous"], senders=senders, kind=d["kind"], protect=d["protect"], case_id=d["case_id"],
        classification=d["classification"], unit=d["unit"], scans=_files(request, "scans"),
        enclosures=_files(request, "enclosures"))


def registered(request: HttpRequest, done: services.Registered) -> HttpResponse:
    for notice in done.notices:
        messages.warning(request, notice)
    messages.success(request, f"Đã vào sổ đơn số {done.letter.number}/{done.letter.year}.")
    return redirect(done.case)


def render_intake(request: HttpRequest, form: IntakeForm, senders: list[services.SenderIn],
                  **extra: Any) -> HttpResponse:
    rows = senders + [services.SenderIn() for _ in range(max(0, 3 - len(senders)))]
    return render(request, "petitions/intake.html", {
        "form": form, "senders": rows, "places": Place.objects.filter(valid_to__isnull=True), **extra,
    }, status=400 if form.errors else 200)


@login_required
def case_view(request: HttpRequest, pk: int, form: ClassifyForm | None = None) -> HttpResponse:
    user = acting_user(request)
    case = services.access_case(user, pk, address=_address(request))
    letters = [(letter, queries.senders_of(letter)) for letter in queries.letters_of(case)]
    handler = user.has_perm(HANDLE_RIGHT)
    if form is None:
        form = ClassifyForm(initial={
            "version": case.version, "kind": case.kind, "field": case.field,
            "outside_competence": case.outside_competence,
            "locality": case.locality.short_name if case.locality else "", "respondent_body": case.respondent_body,
            "respondent_name": case.respondent_name, "track": case.track, "level": case.level,
            "instance": case.instance, "is_complex": case.is_complex, "is_remote": case.is_remote})
    requests = list(case.reveal_requests.select_related("requested_by__person", "decided_by__person")[:10])
    for r in requests:
        r.moves = REVEAL.available(user, r) if r.requested_by_id != user.pk else []  # type: ignore[attr-defined]
        r.may_open = protection.open_refusal(user, r) is None  # type: ignore[attr-defined]
    return render(request, "petitions/case.html", {
        "case": case, "letters": letters, "form": form, "handler": handler,
        "may_classify": handler and case.status in services.CLASSIFIABLE,
        "moves": CASE.available(user, case), "timeline": CASE.timeline(case), "overdue": case.is_overdue(),
        "bodies": Body.objects.valid_on(), "places": Place.objects.filter(valid_to__isnull=True),
        "protected": any(letter.protected for letter, _ in letters),
        "may_request": protection.may_request(user, case) is None, "requests": requests,
        # The latest letters' likely repeats (petitions.repeats), never naming who wrote them.
        "offers": [o for o in (repeats.candidates_for(user, letter) for letter, _ in letters[-5:])
                   if o.cases or o.hidden] if handler else [],
        "decisions": repeats.decisions_of(case), "may_group": handler and case.status in repeats.GROUPABLE,
        "case_documents": _case_documents(user, case),
    }, status=400 if form.errors else 200)


def _case_documents(user: Any, case: PetitionCase) -> list[Any]:
    items = list(case.documents.select_related("document", "file"))
    may_print = routing.notice_refusal(user, case) is None
    for item in items:
        item.shown = item.document is not None and policy.can_view(user, item.document)  # type: ignore[attr-defined]
        item.may_print = may_print  # type: ignore[attr-defined]
    return items


@login_required
@require_POST
def classify_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    services.access_case(user, pk, audit=False)  # 404 first for a case the person may not see
    form = ClassifyForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.check_classify(user, pk, d["version"], services.Classified(
                kind=d["kind"], field=d["field"], outside_competence=d["outside_competence"],
                locality=d["locality"], respondent_body=d["respondent_body"], respondent_name=d["respondent_name"],
                track=d["track"], level=d["level"], instance=d["instance"], is_complex=d["is_complex"],
                is_remote=d["is_remote"]))
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Đã phân loại đơn.")
            return redirect("petitions:case", pk=pk)
    return case_view(request, pk, form=form)


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    services.access_case(user, pk, audit=False)
    data: dict[str, Any] = {}
    body_id = parse_id(request.POST.get("body"))
    if body_id is not None:
        data["body"] = Body.objects.filter(pk=body_id).first()
    try:
        services.check_step(user, pk, request.POST.get("step", ""), posted_version(request),
                            note=request.POST.get("note", ""), data=data)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã cập nhật vụ việc.")
    return redirect("petitions:case", pk=pk)


@login_required
@require_POST
def reveal_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = services.access_case(user, pk, audit=False)
    try:
        protection.check_request_reveal(user, case, request.POST.get("reason", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã gửi đề nghị; cần một người khác có thẩm quyền duyệt.")
    return redirect("petitions:case", pk=pk)


def _request(user: Any, pk: int) -> RevealRequest:
    r = queries.visible_requests(user).filter(pk=pk).first()
    if r is None:
        raise Http404
    return r


@login_required
@require_POST
def reveal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    r = _request(user, pk)
    try:
        protection.check_decide_reveal(user, r, request.POST.get("decision") == "approve",
                                       request.POST.get("note", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi quyết định.")
    return redirect("petitions:case", pk=r.case_id)


@never_cache
@sensitive_post_parameters("code")
@login_required
def reveal_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    r = _request(user, pk)
    refusal = protection.open_refusal(user, r)
    if refusal:
        messages.error(request, refusal)
        return redirect("petitions:case", pk=r.case_id)
    revealed, error = None, ""
    if request.method == "POST":
        try:
            revealed = protection.check_open_identity(user, r, request.POST.get("code", ""),
                                                      address=_address(request))
        except ServiceError as exc:
            error = exc.message
    # never_cache: what was opened is not kept by the browser either.
    return render(request, "petitions/reveal.html", {"r": r, "case": r.case, "revealed": revealed, "error": error},
                  status=400 if error else 200)


@login_required
def attachment_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = acting_user(request)
    attachment = queries.visible_attachment(user, pk)
    if attachment is None:
        raise Http404
    # Opening a file of a classified case is an audited reading, as opening the case is.
    policy.access(user, PetitionCase.objects.all(), attachment.petition.case_id, address=_address(request))
    return file_response(attachment.file, attachment.name, inline=request.GET.get("xem") == "1")
