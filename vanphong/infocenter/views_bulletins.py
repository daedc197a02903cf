"""Pages of bulletins: the list with filters, composing one, the editor, the read page with its files, the steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from vanphong.core.errors import Conflict, ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.ids import parse_id
from vanphong.core.models import Unit, User
from vanphong.documents.models import Attachment
from vanphong.files.http import file_response
from vanphong.infocenter.bulletins import queries, services
from vanphong.infocenter.bulletins.flows import BULLETIN, COMPOSE_RIGHT, may_edit
from vanphong.infocenter.models import Bulletin
from vanphong.security.classification import Classification
from vanphong.text import parse_vn_date


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _day(value: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    parsed = parse_vn_date(value)
    return parsed.date if parsed is not None and getattr(parsed, "date", None) else None


@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    g = request.GET
    f = queries.Filters(kind=g.get("loai", "") if g.get("loai") in Bulletin.Kind.values else "",
                        status=g.get("trang-thai", "") if g.get("trang-thai") in Bulletin.Status.values else "",
                        year=parse_id(g.get("nam")), text=g.get("q", "")[:200])
    page = Paginator(queries.bulletin_list(user, f), 50).get_page(g.get("trang"))
    return render(request, "infocenter/bulletin_list.html", {
        "page": page, "f": f, "kinds": Bulletin.Kind.choices, "statuses": Bulletin.Status.choices,
        "may_compose": user.has_perm(COMPOSE_RIGHT), "today": timezone.localdate(),
        "levels": [c for c in Classification.choices if c[0] <= user.clearance],
    })


@login_required
@require_POST
def create_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    p = request.POST
    start = _day(p.get("period_start", ""))
    try:
        if start is None:
            raise ServiceError("Hãy ghi ngày của bản tin (dd/mm/yyyy).", field="period_start")
        b = services.check_create_bulletin(user, services.NewBulletin(
            kind=p.get("kind", ""), period_start=start, period_end=_day(p.get("period_end", "")),
            title=p.get("title", ""), classification=parse_id(p.get("classification")) or 0))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("infocenter:bulletins")
    messages.success(request, "Đã tạo bản tin; hãy chọn sự kiện đưa vào.")
    return redirect("infocenter:bulletin_edit", pk=b.pk)


def _page_context(user: User, b: Bulletin) -> dict[str, Any]:
    entries = queries.entries_of(b)
    files = {a.kind: a for a in b.document.attachments.all()} if b.document_id and b.document else {}
    return {"b": b, "sections": queries.sections_of(entries, queries.section_of), "moves": BULLETIN.available(user, b),
            "timeline": BULLETIN.timeline(b), "may_edit": may_edit(user, b),
            "docx": files.get(Attachment.Kind.RENDERED_DOCX), "pdf": files.get(Attachment.Kind.RENDERED_PDF)}


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    b = queries.access_bulletin(user, pk, address=_address(request))
    ctx = _page_context(user, b)
    if any(m.name == "issue" for m in ctx["moves"]):
        ctx["units"] = Unit.objects.filter(is_active=True)[:300]  # the office's own order
        ctx["people"] = (User.objects.filter(is_active=True, clearance__gte=b.classification)
                         .select_related("person").order_by("person__sort_key", "username")[:300])
        last = (queries.bulletins(user).filter(kind=b.kind, status=Bulletin.Status.ISSUED).exclude(pk=b.pk)
                .order_by("-issued_at").first())
        # The distribution list carries over from the last bulletin of the kind.
        ctx["chosen_units"] = set(last.shared_with_units.values_list("pk", flat=True)) if last else set()
        ctx["chosen_people"] = set(last.shared_with_users.values_list("pk", flat=True)) if last else set()
    return render(request, "infocenter/bulletin.html", ctx)


def _editor(request: HttpRequest, user: User, b: Bulletin, *, posted: dict[int, dict[str, str]] | None = None,
            form: dict[str, str] | None = None, error: str = "", status: int = 200) -> HttpResponse:
    entries = queries.entries_of(b)
    for e in entries:
        values = (posted or {}).get(e.pk)
        if values:  # what the person typed comes back as typed (a conflict loses nothing)
            e.heading, e.summary = values.get("heading", e.heading), values.get("summary", e.summary)
            e.comment, e.section = values.get("comment", e.comment), values.get("section", e.section)
            e.position = parse_id(values.get("position")) or e.position
    return render(request, "infocenter/bulletin_editor.html", {
        "b": b, "entries": entries, "offered": queries.offered_events(user, b), "error": error,
        "form": form or {"title": b.title, "intro": b.intro, "classification": str(b.classification)},
        "section_choices": [("", "Theo lĩnh vực của sự kiện"), *queries.field_names().items(),
                            (queries.OTHER_SECTION, queries.OTHER_LABEL)],
        "levels": [c for c in Classification.choices if c[0] <= user.clearance], "moves": BULLETIN.available(user, b),
    }, status=status)


@login_required
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    b = queries.access_bulletin(user, pk, address=_address(request))
    if not may_edit(user, b):
        messages.error(request, "Bản tin này không sửa được lúc này.")
        return redirect(b)
    return _editor(request, user, b)


@login_required
@require_POST
def add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    queries.access_bulletin(user, pk, audit=False)
    try:
        made = services.check_add_events(user, pk, posted_version(request), request.POST.getlist("events"))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã đưa {len(made)} sự kiện vào bản tin.")
    return redirect("infocenter:bulletin_edit", pk=pk)


def _posted_entries(request: HttpRequest) -> dict[int, dict[str, str]]:
    p = request.POST
    out: dict[int, dict[str, str]] = {}
    for raw in p.getlist("entry")[:200]:
        pk = parse_id(raw)
        if pk is None:
            continue
        out[pk] = {k: p.get(f"{k}-{pk}", "") for k in ("heading", "summary", "comment", "section", "position")}
    return out


@login_required
@require_POST
def save_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    b = queries.access_bulletin(user, pk, audit=False)
    posted = _posted_entries(request)
    p = request.POST
    form = {"title": p.get("title", ""), "intro": p.get("intro", ""), "classification": p.get("classification", "")}
    try:
        services.check_save(user, pk, posted_version(request), services.BulletinEdit(
            title=form["title"], intro=form["intro"], classification=parse_id(form["classification"]) or 0,
            entries=[services.EntryEdit(id=k, heading=v["heading"], summary=v["summary"], comment=v["comment"],
                                        section=v["section"], position=parse_id(v["position"]) or 0)
                     for k, v in posted.items()]))
    except ServiceError as exc:
        if isinstance(exc, Conflict):
            b = queries.access_bulletin(user, pk, audit=False)
            # The page keeps the person's text but now carries the new version, so a second save is deliberate.
        return _editor(request, user, b, posted=posted, form=form, error=exc.message,
                       status=409 if isinstance(exc, Conflict) else 400)
    messages.success(request, "Đã lưu bản tin.")
    return redirect("infocenter:bulletin_edit", pk=pk)


@login_required
@require_POST
def remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    queries.access_bulletin(user, pk, audit=False)
    try:
        services.check_remove_entry(user, pk, posted_version(request), request.POST.get("entry_id"))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã bỏ mục khỏi bản tin.")
    return redirect("infocenter:bulletin_edit", pk=pk)


@login_required
@require_POST
def regenerate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: the entry's summary written again, and the bulletin's new version for the editor's form."""
    user = acting_user(request)
    queries.access_bulletin(user, pk, audit=False)
    try:
        entry = services.check_regenerate(user, pk, posted_version(request), request.POST.get("entry_id"))
    except ServiceError as exc:
        if request.headers.get("HX-Request"):
            # The summary stays as it was typed; the reason shows in the editor's message slot.
            response = HttpResponse(format_html('<div id="bt-htmx-loi" class="field-error" role="alert" '
                                                'hx-swap-oob="true">{}</div>', exc.message))
            response["HX-Reswap"] = "none"
            return response
        messages.error(request, exc.message)
        return redirect("infocenter:bulletin_edit", pk=pk)
    if request.headers.get("HX-Request"):
        return render(request, "infocenter/bulletin_summary.html",
                      {"e": entry, "b": entry.bulletin})
    return redirect("infocenter:bulletin_edit", pk=pk)


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    queries.access_bulletin(user, pk, audit=False)
    step = request.POST.get("step", "")
    readers = None
    try:
        if step == "issue":
            readers = services.readers_from(request.POST.getlist("users"), request.POST.getlist("units"))
        services.check_step(user, pk, step, posted_version(request), note=request.POST.get("note", ""), readers=readers)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã phát hành bản tin." if step == "issue" else "Đã cập nhật bản tin.")
    return redirect("infocenter:bulletin", pk=pk)


@login_required
def file_view(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    user = acting_user(request)
    b = queries.access_bulletin(user, pk, address=_address(request))
    wanted = {"docx": Attachment.Kind.RENDERED_DOCX, "pdf": Attachment.Kind.RENDERED_PDF}.get(kind)
    if wanted is None or b.document is None:
        raise Http404
    attachment = b.document.attachments.filter(kind=wanted).select_related("file").order_by("-added_at").first()
    if attachment is None:
        raise Http404
    return file_response(attachment.file, attachment.name, inline=kind == "pdf" and request.GET.get("xem") == "1")
