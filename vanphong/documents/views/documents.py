"""A document's page, drafting and editing, its steps, review comments, its renderings and files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.ids import parse_id
from vanphong.core.models import User
from vanphong.core.notices import mark_read
from vanphong.documents import body as body_text
from vanphong.documents import panels, rendering, services, signing
from vanphong.documents.flows import OUTGOING
from vanphong.documents.forms import AttachForm, CommentForm, DraftForm, SignForm
from vanphong.documents.models import Attachment, Document, DocumentLink, IncomingEntry
from vanphong.documents.views.common import take_step
from vanphong.files.http import file_response
from vanphong.security import policy

VERIFY_CACHE_SECONDS = 3600
# The order files are listed in: the document itself first, what the system made from it, then what goes with it.
FILE_ORDER = {k: n for n, k in enumerate((Attachment.Kind.MAIN, Attachment.Kind.SCAN, Attachment.Kind.SIGNED_PDF,
                                          Attachment.Kind.RENDERED_PDF, Attachment.Kind.RENDERED_DOCX,
                                          Attachment.Kind.APPENDIX))}


def _doc(request: HttpRequest, pk: int) -> Document:
    user = acting_user(request)
    qs = Document.objects.select_related("doc_type", "issuer", "signer__person", "drafting_unit", "created_by__person")
    return policy.access(user, qs, pk, address=request.META.get("REMOTE_ADDR", ""))


def signature_reports(attachment: Attachment) -> list[signing.SignatureReport]:
    """The signatures of a PDF, verified offline against the trusted roots (cached by the file's hash)."""
    key = f"documents:signatures:{attachment.file.sha256}"
    found = cache.get(key)
    if found is None:
        try:
            with attachment.file.open() as fh:
                found = signing.verify_pdf(fh.read(), signing.trust_roots_from_settings())
        except ServiceError:
            found = []
        cache.set(key, found, VERIFY_CACHE_SECONDS)
    return list(found)


def document_context(user: User, doc: Document) -> dict[str, Any]:
    """What a document's page shows, for its own page and for the page of an incoming entry of it."""
    attachments = sorted(doc.attachments.select_related("file").order_by("-added_at", "-pk"),
                         key=lambda a: FILE_ORDER.get(Attachment.Kind(a.kind), len(FILE_ORDER)))
    signed = next((a for a in attachments if a.kind == Attachment.Kind.SIGNED_PDF), None)
    # A document uploaded as a file (a dossier's tờ trình) has no typed body: its newest main file is the text.
    main = next((a for a in attachments if a.kind == Attachment.Kind.MAIN), None)
    links = [(str(link.get_kind_display()), link.target) for link in
             doc.links_out.select_related("target") if policy.can_view(user, link.target)]
    links += [(DocumentLink.INVERSE[DocumentLink.Kind(link.kind)], link.source) for link in
              doc.links_in.select_related("source") if policy.can_view(user, link.source)]
    shown = [a for a in attachments if a.kind != Attachment.Kind.SIGNED_PDF or a is signed]
    # Every PDF is checked for signatures: ours (the signed PDF) and those a sender signed (on receipt).
    for a in shown:
        a.signatures = signature_reports(a) if a.file.mime_type == "application/pdf" else []  # type: ignore[attr-defined]
    return {
        "doc": doc, "attachments": shown, "signed": signed, "main": main,
        "file_is_text": doc.is_outgoing and main is not None and not doc.body.strip() and signed is None,
        "links": links, "anchors": body_text.anchors(doc.body), "blocks": body_text.blocks(doc.body),
        "deliveries": doc.entries.filter(channel=IncomingEntry.Channel.INTERNAL).select_related(
            "receiving_unit", "confirmed_by__person") if doc.is_outgoing else [],
    }


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    doc = _doc(request, pk)
    mark_read(user, doc.get_absolute_url())
    # The step that moves the document on first; returning and recalling after it.
    steps = sorted(OUTGOING.available(user, doc), key=lambda t: t.style != "primary") if doc.is_outgoing else []
    context = document_context(user, doc)
    context.update({
        "steps": steps, "history": OUTGOING.timeline(doc) if doc.is_outgoing else [],
        "comments": doc.comments.select_related("author__person"),
        "may_edit": services.may_edit(user, doc),
        "may_comment": doc.status in (Document.Status.REVIEW, Document.Status.FORMAT_CHECK, Document.Status.SIGNING),
        "comment_form": CommentForm(), "sign_form": SignForm() if any(s.name == "sign" for s in steps) else None,
        "attach_form": AttachForm() if services.may_edit(user, doc) else None,
        "entries": doc.entries.exclude(channel=IncomingEntry.Channel.INTERNAL) if not doc.is_outgoing else [],
        "panels": panels.panels_for(user, doc),
    })
    return render(request, "documents/detail.html", context)


def _draft_from(form: DraftForm) -> services.Draft:
    c = form.cleaned_data
    return services.Draft(
        doc_type=c["doc_type"], issuer=c["issuer"], summary=c["summary"], body=c["body"],
        recipients_text=c["recipients_text"], addressees=c["addressees"],
        internal_recipients=list(c["internal_recipients"]), classification=c["classification"],
        urgency=c["urgency"], circulation=c["circulation"], signer=c["signer"],
        signer_position=c["signer_position"], authority=c["authority"], on_behalf_of=c["on_behalf_of"],
        superior_name=c["superior_name"], issuer_name=c["issuer_name"], co_issuers=c["co_issuers"],
    )


def _link(user: User, doc: Document, form: DraftForm) -> None:
    kind, symbol = form.cleaned_data.get("related_kind"), (form.cleaned_data.get("related_symbol") or "").strip()
    if kind and symbol:
        services.check_link_symbol(user, doc.pk, symbol, kind)


@login_required
def new_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    answering = None
    entry_id = parse_id(request.GET.get("tra_loi") or request.POST.get("tra_loi"))
    if entry_id:
        answering = services.access_entry(user, entry_id)
    initial = {}
    if answering is not None:
        initial = {"summary": f"trả lời {answering.document.symbol or 'văn bản đến số ' + str(answering.number)}",
                   "classification": answering.document.classification, "urgency": answering.document.urgency}
    form = DraftForm(request.POST or None, user=user, initial=initial)

    def create(d: services.Draft) -> Document:
        if answering is not None:
            return services.check_answer(user, answering.pk, d)
        return services.check_create_draft(user, d)

    saved = _save_draft(request, user, form, create)
    if saved is not None:
        return redirect(saved)
    return render(request, "documents/draft_form.html", {"form": form, "answering": answering, "doc": None},
                  status=400 if form.errors else 200)


def _save_draft(request: HttpRequest, user: User, form: DraftForm,
                save: Callable[[services.Draft], Document]) -> Document | None:
    """Save a posted draft form (with the document it names as related) in one transaction; None when it comes
    back with its errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with transaction.atomic():
            doc = save(_draft_from(form))
            _link(user, doc, form)
    except ServiceError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    messages.success(request, "Đã lưu dự thảo.")
    return doc


@login_required
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    doc = _doc(request, pk)
    if not services.may_edit(user, doc):
        messages.error(request, "Dự thảo này không sửa được ở bước hiện tại.")
        return redirect(doc)
    initial = {name: getattr(doc, name) for name in (
        "issuer", "doc_type", "summary", "body", "addressees", "recipients_text", "classification", "urgency",
        "circulation", "signer", "authority", "on_behalf_of", "signer_position", "superior_name", "issuer_name",
        "co_issuers")}
    initial["internal_recipients"] = list(doc.internal_recipients.all())
    form = DraftForm(request.POST or None, user=user, initial=initial)
    saved = _save_draft(request, user, form,
                        lambda d: services.check_update_draft(user, doc.pk, posted_version(request) or -1, d))
    if saved is not None:
        return redirect(saved)
    return render(request, "documents/draft_form.html", {"form": form, "doc": doc, "answering": None},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user = acting_user(request)
    doc = _doc(request, pk)
    if name not in OUTGOING.transitions:
        raise Http404
    data: dict[str, Any] = {}
    if name == "sign":
        data["passphrase"] = request.POST.get("passphrase", "")
    if name == "release":
        data["copies"] = request.POST.get("copies", "")
    label = OUTGOING.transitions[name].label

    def run(d: Any) -> Any:
        return services.check_step(user, doc.pk, name, posted_version(request), note=request.POST.get("note", ""),
                                   data=d)

    take_step(request, run, data, f"Đã {label[0].lower()}{label[1:]}.")
    return redirect(doc)


@login_required
@require_POST
def comment_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    doc = _doc(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi ý kiến rà soát.")
    else:
        take_step(request, lambda _: services.check_add_comment(user, doc.pk, form.cleaned_data["text"],
                                                                form.cleaned_data["quote"]), {}, "Đã ghi ý kiến.")
    return redirect(doc)


@login_required
@require_POST
def attach_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    doc = _doc(request, pk)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn tệp phụ lục để đính kèm.")
    else:
        upload = form.cleaned_data["attachment"]
        take_step(request, lambda _: services.check_attach(user, doc.pk, upload.name, upload), {},
                  f"Đã đính kèm {upload.name}.")
    return redirect(doc)


@login_required
def rendition_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The document as rendered: the signed PDF (or DOCX) of an issued document, else the draft as it stands."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    doc = _doc(request, pk)
    if not doc.is_outgoing:
        raise Http404
    kind = Attachment.Kind.SIGNED_PDF if fmt == "pdf" else Attachment.Kind.RENDERED_DOCX
    issued = doc.attachments.filter(kind=kind).select_related("file").order_by("-added_at").first()
    if issued is not None:
        return file_response(issued.file, rendering.file_name(doc, fmt), inline=fmt == "pdf")
    try:
        content = rendering.render(doc, fmt)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(doc)
    types = {"pdf": "application/pdf",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    response = HttpResponse(content, content_type=types[fmt])
    from vanphong.files.http import content_disposition

    response["Content-Disposition"] = content_disposition(rendering.file_name(doc, fmt), inline=fmt == "pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def attachment_view(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    doc = _doc(request, pk)
    attachment = get_object_or_404(Attachment.objects.select_related("file"), pk=attachment_id, document=doc)
    return file_response(attachment.file, attachment.name, inline=request.GET.get("xem") == "1")
