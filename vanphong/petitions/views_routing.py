"""Pages of routing and of the sealed path: the result with the resolving body's document, the files of a case's
documents, the notice printed with its addressee, and the sealed original scans for an approved requester."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.files.http import content_disposition, file_response
from vanphong.petitions import routing, sealed_files, services
from vanphong.petitions.models import CaseDocument


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


@login_required
@require_POST
def result_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    services.access_case(user, pk, audit=False)
    upload = request.FILES.get("file")
    try:
        routing.check_result(user, pk, posted_version(request), request.POST.get("note", ""),
                             entry=request.POST.get("entry", ""),
                             upload=(upload.name or "ket-qua", upload) if upload is not None else None)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi kết quả giải quyết.")
    return redirect("petitions:case", pk=pk)


def _item(user: object, pk: int) -> CaseDocument:
    item = CaseDocument.objects.select_related("case", "file", "document").filter(pk=pk).first()
    if item is None:
        raise Http404
    services.access_case(user, item.case_id, audit=False)  # type: ignore[arg-type]
    return item


@login_required
def case_file_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The uploaded file of a result (a document of the register opens on its own page)."""
    user = acting_user(request)
    item = _item(user, pk)
    if item.file is None:
        raise Http404
    services.access_case(user, item.case_id, address=_address(request))
    return file_response(item.file, item.name or "ket-qua", inline=request.GET.get("xem") == "1")


@never_cache
@login_required
def notice_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = _item(user, pk)
    if item.role != CaseDocument.Role.NOTICE or item.document_id is None:
        raise Http404
    try:
        pdf = routing.notice_pdf(user, item, address=_address(request))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:case", pk=item.case_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"Thong-bao-vu-viec-{item.case_id}.pdf", inline=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
def sealed_scan_view(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """A sealed original scan, opened on the fly for the requester of an approved reveal (request `pk`)."""
    user = acting_user(request)
    try:
        name, mime_type, data = sealed_files.check_open_scan(user, pk, item_id, address=_address(request))
    except ServiceError as exc:
        if exc.status == 404:
            raise Http404 from None
        messages.error(request, exc.message)
        return redirect("petitions:list")
    response = HttpResponse(data, content_type=mime_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(name, inline=False)
    response["X-Content-Type-Options"] = "nosniff"
    return response
