"""The two registers (sổ văn bản đến, sổ văn bản đi) and the list of drafts: filter, page, export, print."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vanphong.core.http import acting_user
from vanphong.core.models import Unit
from vanphong.documents import queries, registers
from vanphong.documents.models import Document, IncomingEntry
from vanphong.documents.views.common import page_of, read_filters
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, Urgency, installation_ceiling

EXPORTS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def _choices(request: HttpRequest) -> dict[str, object]:
    user = acting_user(request)
    top = min(user.clearance, installation_ceiling())
    this_year = timezone.localdate().year
    return {
        "years": list(range(this_year, this_year - 10, -1)),
        "urgencies": Urgency.choices,
        "levels": [(c.value, c.label) for c in Classification if c <= top],
        "units": Unit.objects.filter(is_active=True),
        "query": request.GET.urlencode(),
    }


@login_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    f = read_filters(request.GET, IncomingEntry.Status.values)
    page = page_of(queries.incoming_register(user, f), request.GET)
    return render(request, "documents/incoming_list.html", {
        "page": page, "rows": registers.incoming_rows(page.rows), "columns": registers.INCOMING_COLUMNS, "f": f,
        "link_column": 6, "date_columns": (1, 5, 8),
        "statuses": IncomingEntry.Status.choices, "may_register": user.has_perm("documents.register_document"),
        **_choices(request),
    })


@login_required
def outgoing_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    f = read_filters(request.GET, Document.Status.values)
    page = page_of(queries.outgoing_register(user, f), request.GET)
    return render(request, "documents/outgoing_list.html", {
        "page": page, "rows": registers.outgoing_rows(page.rows), "columns": registers.OUTGOING_COLUMNS, "f": f,
        "link_column": 1, "date_columns": (2, 8),
        "statuses": [(s.value, s.label) for s in (Document.Status.ISSUED, Document.Status.RELEASED,
                                                 Document.Status.RECALLED)],
        **_choices(request),
    })


@login_required
def drafts_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = page_of(queries.drafts(user), request.GET)
    return render(request, "documents/drafts.html", {"page": page})


@login_required
def export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The register as filtered on the page, as XLSX or PDF (at most EXPORT_LIMIT rows; an audited event)."""
    if fmt not in EXPORTS or kind not in ("den", "di"):
        raise Http404
    user = acting_user(request)
    if kind == "den":
        f = read_filters(request.GET, IncomingEntry.Status.values)
        rows = registers.incoming_rows(queries.incoming_register(user, f)[: registers.EXPORT_LIMIT])
        title, columns = "Sổ đăng ký văn bản đến", registers.INCOMING_COLUMNS
    else:
        f = read_filters(request.GET, Document.Status.values)
        rows = registers.outgoing_rows(queries.outgoing_register(user, f)[: registers.EXPORT_LIMIT])
        title, columns = "Sổ đăng ký văn bản đi", registers.OUTGOING_COLUMNS
    if f.year:
        title = f"{title} năm {f.year}"
    content = registers.to_xlsx(title, columns, rows) if fmt == "xlsx" else registers.to_pdf(title, columns, rows)
    from django.db import transaction

    with transaction.atomic():
        record_event("documents.register_exported", actor=user, object_type="documents.register", object_id=kind,
                     new={"format": fmt, "rows": len(rows), "year": f.year})
    response = HttpResponse(content, content_type=EXPORTS[fmt])
    name = f"so-van-ban-{kind}{'-' + str(f.year) if f.year else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
