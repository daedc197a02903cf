"""Incoming documents: registering one, its page, and the steps of its handling."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.notices import mark_read
from vanphong.documents import flows, services
from vanphong.documents.flows import INCOMING
from vanphong.documents.forms import DirectForm, IncomingForm, SubmitForm
from vanphong.documents.models import IncomingEntry
from vanphong.documents.views.common import take_step
from vanphong.documents.views.documents import document_context


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not user.has_perm("documents.register_document"):
        raise Http404
    form = IncomingForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            entry = services.check_register_incoming(user, services.Received(
                channel=c["channel"], summary=c["summary"], issuer_name=c["issuer_name"], symbol_text=c["symbol"],
                doc_type=c["doc_type"], issued_on=c["issued_on"], classification=c["classification"],
                urgency=c["urgency"], pages=c["pages"], signer_name=c["signer_name"],
                receiving_unit=c["receiving_unit"], files=[(f.name, f) for f in c["attachments"]],
            ))
        except ServiceError as exc:
            field = "attachments" if exc.field in ("files", "file") else exc.field
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Đã vào sổ văn bản đến số {entry.number}.")
            return redirect(entry)
    return render(request, "documents/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def entry_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    entry = services.access_entry(user, pk)
    mark_read(user, entry.get_absolute_url())
    steps = sorted(INCOMING.available(user, entry), key=lambda t: t.style != "primary")
    context: dict[str, Any] = {
        "entry": entry, "steps": steps, "history": INCOMING.timeline(entry),
        "submit_form": SubmitForm() if any(s.name == "submit" for s in steps) else None,
        "direct_form": DirectForm(initial={"lead_unit": entry.receiving_unit_id})
        if any(s.name == "direct" for s in steps) else None,
        "may_answer": entry.status in IncomingEntry.OPEN and entry.answered_by_id is None
        and flows.may_handle(user, entry),
    }
    context.update(document_context(user, entry.document))
    return render(request, "documents/entry.html", context)


@login_required
@require_POST
def entry_step_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user = acting_user(request)
    entry = services.access_entry(user, pk)
    if name not in INCOMING.transitions:
        raise Http404
    data: dict[str, Any] = {}
    if name == "submit":
        form: Any = SubmitForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Hãy chọn lãnh đạo để trình.")
            return redirect(entry)
        data = {"submitted_to": form.cleaned_data["submitted_to"].pk}
    elif name == "direct":
        form = DirectForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(entry)
        data = form.step_data()
    note = request.POST.get("note", "")
    label = INCOMING.transitions[name].label

    def run(d: Any) -> Any:
        return services.check_entry_step(user, entry.pk, name, posted_version(request), note=note, data=d)

    take_step(request, run, data, f"Đã {label.lower()}.")
    return redirect(entry)
