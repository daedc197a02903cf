"""Pages of letters that came in by themselves: the queue waiting to be registered (with the import of e-mails),
registering one through the intake form filled from it, and the public form with its lookup by reference."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.models import User
from vanphong.files.http import content_disposition
from vanphong.petitions import inbox
from vanphong.petitions.flows import HANDLE_RIGHT
from vanphong.petitions.forms import IntakeForm
from vanphong.petitions.forms_inbox import PortalForm, SetAsideForm
from vanphong.petitions.models import Submission
from vanphong.petitions.views import intake_from, registered, render_intake, senders_from

MAX_EMAILS_AT_ONCE = 50


def _handler(request: HttpRequest) -> User:
    user = acting_user(request)
    if not user.has_perm(HANDLE_RIGHT):
        raise Http404
    return user


@login_required
@never_cache
def queue_view(request: HttpRequest) -> HttpResponse:
    """The letters waiting, oldest first; e-mails (.eml) are imported here, one or many at a time."""
    user = _handler(request)
    if request.method == "POST":
        files = request.FILES.getlist("eml")
        if not files:
            messages.error(request, "Hãy chọn ít nhất một tệp thư điện tử (.eml) để nhập.")
        elif len(files) > MAX_EMAILS_AT_ONCE:
            messages.error(request, f"Mỗi lần nhập tối đa {MAX_EMAILS_AT_ONCE} thư; hãy chia thành nhiều lần.")
        else:
            done = 0
            for upload in files:
                try:
                    inbox.check_import_email(user, upload.read(), upload.name or "thu.eml")
                except ServiceError as exc:  # each e-mail on its own: one refused leaves the others in
                    messages.error(request, f"{upload.name}: {exc.message}")
                else:
                    done += 1
            if done:
                messages.success(request, f"Đã nhập {done} thư điện tử vào hàng chờ vào sổ.")
        return redirect("petitions:inbox")
    aside = request.GET.get("da-loai") == "1"
    rows = inbox.waiting(user) if not aside else [(s, inbox.Draft(), 0) for s in inbox.set_aside(user)]
    return render(request, "petitions/inbox.html", {"rows": rows, "aside": aside})


@login_required
@never_cache
@sensitive_post_parameters("sender_name", "sender_address", "sender_contact", "content")
def submission_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A waiting letter in the intake form, filled from what it says; the handler checks, corrects, registers."""
    user = _handler(request)
    try:
        opened = inbox.open_submission(user, pk, audit=request.method == "GET")
    except ServiceError:
        raise Http404 from None
    sub, draft = opened.submission, opened.draft
    arrived = timezone.localtime(sub.received_at).date()
    form = IntakeForm(request.POST or None, user=user, initial={
        "channel": sub.channel, "received_on": arrived, "kind": draft.kind, "title": draft.title,
        "content": draft.content, "anonymous": draft.anonymous, "protect": draft.kind == "to_cao"})
    form.fields["channel"].disabled = True  # how it came in is a fact, not a choice
    senders = draft.sender_rows()
    if request.method == "POST":
        senders = senders_from(request)
        if form.is_valid():
            try:
                done = inbox.check_register_submission(user, sub.pk, posted_version(request),
                                                       intake_from(request, form, senders))
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return registered(request, done)
    return render_intake(request, form, senders, submission=sub, draft=draft, files=opened.files,
                         aside_form=SetAsideForm(initial={"version": sub.version}))


@login_required
@require_POST
def set_aside_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    try:
        sub = inbox.check_set_aside(user, pk, posted_version(request), request.POST.get("reason", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:submission", pk=pk) if Submission.objects.filter(pk=pk).exists() else \
            redirect("petitions:inbox")
    messages.success(request, f"Đã để riêng đơn {sub.reference}, không vào sổ.")
    return redirect("petitions:inbox")


@login_required
@require_POST
def restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    try:
        sub = inbox.check_restore(user, pk, posted_version(request))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:inbox")
    messages.success(request, f"Đã đưa đơn {sub.reference} trở lại hàng chờ vào sổ.")
    return redirect("petitions:submission", pk=sub.pk)


@login_required
@never_cache
def submission_file_view(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """One file of a waiting letter, opened for a handler (always as a download: it came from outside)."""
    user = _handler(request)
    try:
        opened = inbox.open_submission(user, pk, audit=False)
    except ServiceError:
        raise Http404 from None
    item = next((f for f in opened.files if f.pk == item_id), None)
    if item is None:
        raise Http404
    data = inbox.check_open_file(user, item)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition(item.name, inline=False)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the public form ---------------------------------------------------------------------------------------------
def _portal_on() -> None:
    if not settings.VANPHONG_PETITION_PORTAL:
        raise Http404


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _over_limit(request: HttpRequest, what: str, per_hour: int) -> bool:
    """Whether this address has already done `what` `per_hour` times this hour (the counter lives in the cache)."""
    key = f"petitions:{what}:{_client(request)}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > per_hour
    except ValueError:  # the entry expired between add and incr
        return False


@never_cache
@sensitive_post_parameters("name", "address", "contact", "content")
def portal_view(request: HttpRequest) -> HttpResponse:
    """The public form: anyone may send a letter, with files; it waits, sealed, for a handler to register it."""
    _portal_on()
    form = PortalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["website"]:
            form.add_error(None, "Không gửi được đơn. Hãy tải lại trang rồi gửi lại.")
        elif _over_limit(request, "portal", settings.VANPHONG_PETITION_PORTAL_PER_HOUR):
            form.add_error(None, "Đã có nhiều đơn gửi từ máy này trong một giờ qua; hãy gửi lại sau ít phút.")
        else:
            try:
                sub = inbox.check_submit_online(inbox.Online(
                    content=d["content"], title=d["title"], kind=d["kind"], anonymous=d["anonymous"],
                    name=d["name"], address=d["address"], province=d["province"], contact=d["contact"],
                    files=[(f.name or "tep", f) for f in request.FILES.getlist("files")]))
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                request.session["portal_sent"] = sub.reference
                return redirect("portal:sent")
    return render(request, "petitions/portal.html", {"form": form, "max_files": inbox.PORTAL_MAX_FILES},
                  status=400 if form.errors else 200)


@never_cache
def portal_sent_view(request: HttpRequest) -> HttpResponse:
    _portal_on()
    reference = request.session.get("portal_sent")
    if not reference:
        return redirect("portal:form")
    return render(request, "petitions/portal_sent.html", {"reference": reference})


@never_cache
def portal_lookup_view(request: HttpRequest) -> HttpResponse:
    """What became of a letter sent through the form, by its reference; the lookups are rate-limited."""
    _portal_on()
    code = request.GET.get("ma", "").strip()[:40]
    answer = None
    error = ""
    if code:
        if _over_limit(request, "lookup", 30):
            error = "Đã tra cứu nhiều lần trong một giờ qua; hãy thử lại sau."
        else:
            answer = inbox.lookup(code)
            if answer is None:
                error = "Không tìm thấy đơn có mã này. Hãy kiểm tra lại mã (10 ký tự, không có chữ O và I)."
    return render(request, "petitions/portal_lookup.html", {"code": code, "answer": answer, "error": error},
                  status=404 if error and answer is None and not error.startswith("Đã") else 200)
