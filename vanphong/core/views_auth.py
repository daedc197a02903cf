"""Sign-in pages: password, then (where required) the second factor or its enrollment; sign-out; account."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vanphong.core import services
from vanphong.core.forms import CodeForm, LoginForm, TokenForm
from vanphong.core.http import acting_user
from vanphong.core.models import TwoFactor, User

PENDING_KEY = "_pending_second_factor"
PENDING_SECONDS = 5 * 60
WRONG_CREDENTIALS = gettext_lazy(
    "Tên đăng nhập hoặc mật khẩu không đúng. Kiểm tra lại (chú ý chữ hoa, chữ thường) rồi thử lại."
)
WRONG_CODE = "Mã xác thực không đúng hoặc đã dùng. Nhập mã mới trên ứng dụng xác thực, hoặc một mã dự phòng."
LOCKED = (
    "Tài khoản hoặc địa chỉ này tạm bị khóa vì đăng nhập sai nhiều lần. "
    "Vui lòng thử lại sau {minutes} phút hoặc liên hệ quản trị hệ thống."
)


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """Called by django-axes when an account or address is locked out."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm()
    return render(request, "core/login.html", {"form": form, "error": LOCKED.format(minutes=minutes)}, status=429)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("web:desk")


@never_cache
@csrf_protect
@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = LoginForm(request.POST or None)
    error = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = authenticate(
                request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            if isinstance(user, User) and user.is_active:
                if user.requires_two_factor():
                    request.session[PENDING_KEY] = {"user": user.pk, "at": int(time.time()), "next": _next_url(request)}
                    device = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
                    return redirect("core:login_enroll" if device is None else "core:login_code")
                services.do_login(request, user, method="password")
                return redirect(_next_url(request))
            error = str(WRONG_CREDENTIALS)
        else:
            error = _("Hãy nhập cả tên đăng nhập và mật khẩu.")
        status = 400
    return render(request, "core/login.html", {"form": form, "error": error, "next": _next_url(request)},
                  status=status)


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or int(time.time()) - int(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _finish_pending(request: HttpRequest, user: User, method: str) -> HttpResponse:
    target = request.session.get(PENDING_KEY, {}).get("next") or reverse("web:desk")
    request.session.pop(PENDING_KEY, None)
    services.do_login(request, user, method=method)
    return HttpResponseRedirect(target)


def _second_factor_failed(request: HttpRequest, user: User) -> None:
    # Counted by django-axes like a wrong password, so guessing codes locks the account too.
    user_login_failed.send(sender=__name__, credentials={"username": user.username}, request=request)


@never_cache
@csrf_protect
@sensitive_post_parameters("code")
def login_code_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Phiên đăng nhập đã quá hạn. Vui lòng nhập lại mật khẩu.")
        return redirect("core:login")
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if not AxesProxyHandler.is_allowed(request, {"username": user.username}):
            return locked_out(request)
        if form.is_valid() and services.do_verify_second_factor(user, form.cleaned_data["code"], request=request):
            return _finish_pending(request, user, "password+totp")
        _second_factor_failed(request, user)
        error = WRONG_CODE
    return render(request, "core/login_code.html", {"form": form, "error": error}, status=400 if error else 200)


def qr_svg_data_uri(text: str) -> str:
    return str(segno.make(text, error="m").svg_data_uri(scale=5, border=2))


@never_cache
@csrf_protect
@sensitive_post_parameters("code")
def login_enroll_view(request: HttpRequest) -> HttpResponse:
    """Required two-factor not yet set up: set it up now, before the first sign-in completes."""
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Phiên đăng nhập đã quá hạn. Vui lòng nhập lại mật khẩu.")
        return redirect("core:login")
    if request.method == "GET":
        device = services.do_start_totp_enrollment(user)
    else:
        device = TwoFactor.objects.get(user=user)
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if not AxesProxyHandler.is_allowed(request, {"username": user.username}):
            return locked_out(request)
        codes = services.do_confirm_totp(user, form.data.get("code", "")) if form.is_valid() else None
        if codes is not None:
            response = _finish_pending(request, user, "password+totp_enrolled")
            return render(request, "core/backup_codes.html", {"codes": codes, "continue_url": response["Location"]})
        _second_factor_failed(request, user)
        error = WRONG_CODE
    uri = services.provisioning_uri(device)
    context = {"form": form, "error": error, "qr": qr_svg_data_uri(uri), "secret": device.secret}
    return render(request, "core/login_enroll.html", context, status=400 if error else 200)


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin's login URL sends people to the one sign-in page, keeping where they were going."""
    target = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('core:login')}?{urlencode({'next': target})}")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    services.do_logout(request)
    messages.success(request, "Bạn đã đăng xuất.")
    return redirect("core:login")


@login_required
@never_cache
def account_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    device = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
    context = {
        "device": device,
        "backup_left": services.unused_backup_codes(user),
        "tokens": user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at"),
        "token_form": TokenForm(),
        "requires_2fa": user.requires_two_factor(),
    }
    return render(request, "core/account.html", context)


@login_required
@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.do_change_password(request, user, form.cleaned_data["new_password1"])
        messages.success(request, "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.")
        return redirect("core:account")
    return render(request, "core/password.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy đặt tên cho khóa API (tối đa 100 ký tự).")
        return redirect("core:account")
    token, raw = services.do_issue_token(user, form.cleaned_data["name"], request=request)
    return render(request, "core/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    user = acting_user(request)
    if services.do_revoke_token(user, token_id):
        messages.success(request, "Đã thu hồi khóa API.")
    return redirect("core:account")


@login_required
@require_POST
def backup_codes_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists():
        messages.error(request, "Chưa thiết lập xác thực hai lớp nên chưa có mã dự phòng.")
        return redirect("core:account")
    codes = services.do_regenerate_backup_codes(user)
    return render(request, "core/backup_codes.html", {"codes": codes, "continue_url": reverse("core:account")})


@login_required
@require_POST
def logout_everywhere_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    services.do_logout_everywhere(user, request=request)
    messages.success(request, "Đã đăng xuất khỏi mọi thiết bị và thu hồi mọi khóa API.")
    return redirect("core:login")
