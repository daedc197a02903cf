"""The report page: choose a period, see the figures, download them as XLSX or PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.petitions import reports
from vanphong.petitions.forms_reception import ReportForm
from vanphong.security.audit import record_event

TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def _reader(user: object) -> str:
    person = getattr(user, "person", None)
    return str(person.full_name) if person is not None else str(getattr(user, "username", ""))


@login_required
def report_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = ReportForm(request.GET or None)
    report, error = None, ""
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            p = reports.period(d["ky"], d["nam"], d["thang"], d["chot"] if d["chot"] is not None else None)
        except ServiceError as exc:
            error = exc.message
        else:
            report = reports.build(user, p)
            fmt = request.GET.get("tai", "")
            if fmt in TYPES:
                render_file = reports.to_xlsx if fmt == "xlsx" else reports.to_pdf
                data = render_file(report, _reader(user))
                with transaction.atomic():
                    record_event("petitions.report_exported", actor=user, new={
                        "kind": p.kind, "start": p.start.isoformat(), "end": p.end.isoformat(), "format": fmt})
                response = HttpResponse(data, content_type=TYPES[fmt])
                response["Content-Disposition"] = f'attachment; filename="{reports.filename(report, fmt)}"'
                return response
    query = request.GET.copy()
    query.pop("tai", None)
    return render(request, "petitions/report.html", {
        "form": form, "report": report, "error": error, "query": query.urlencode(),
        "buckets": reports.T.ALL,
    }, status=400 if form.is_bound and (form.errors or error) else 200)
