"""Every state change of accounts: sign-in events, second factors, tokens, logout everywhere. Each audited."""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta
from typing import Any

import pyotp
from django.conf import settings
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from vanphong.core.models import ApiToken, BackupCode, TwoFactor, User
from vanphong.security.audit import record_event

BACKUP_CODE_COUNT = 10
TOKEN_PREFIX = "vp_"  # noqa: S105 - a visible marker of our tokens, not a secret
TOTP_ISSUER = "VanPhong"


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


# --- sign-in -------------------------------------------------------------------------------------------------


def do_login(request: HttpRequest, user: User, *, method: str) -> None:
    with transaction.atomic():
        login(request, user, backend="vanphong.core.backends.OfficeBackend")
        request.session["_last_seen"] = int(time.time())
        record_event("auth.login", actor=user, obj=user, new={"method": method}, address=client_address(request))


def do_logout(request: HttpRequest) -> None:
    user = request.user
    with transaction.atomic():
        if user.is_authenticated:
            record_event("auth.logout", actor=user, obj=user, address=client_address(request))
        logout(request)


def do_logout_everywhere(user: User, *, request: HttpRequest | None = None) -> int:
    """End every session and API token of `user`; returns how many tokens were revoked."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.session_epoch += 1
        locked.save(update_fields=["session_epoch"])
        revoked = ApiToken.objects.filter(user=locked, revoked_at__isnull=True).update(revoked_at=timezone.now())
        record_event(
            "auth.logout_everywhere", actor=user, obj=locked,
            new={"session_epoch": locked.session_epoch, "tokens_revoked": revoked},
            address=client_address(request),
        )
    user.session_epoch = locked.session_epoch
    if request is not None:
        logout(request)
    return revoked


def do_change_password(request: HttpRequest, user: User, new_password: str) -> None:
    """Set a new password; this session stays signed in, every other session ends (the hash changes)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        update_session_auth_hash(request, user)
        record_event("auth.password_changed", actor=user, obj=user, address=client_address(request))


# --- two-factor ----------------------------------------------------------------------------------------------


def do_start_totp_enrollment(user: User) -> TwoFactor:
    """A fresh, unconfirmed secret; a confirmed authenticator is replaced only by confirming a new one."""
    with transaction.atomic():
        device, _ = TwoFactor.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
        if device.is_confirmed:
            return device
        device.secret = pyotp.random_base32()
        device.save(update_fields=["secret"])
        record_event("auth.totp_enrollment_started", actor=user, obj=user)
    return device


def provisioning_uri(device: TwoFactor) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=TOTP_ISSUER)


def _match_totp_step(secret: str, code: str, last_step: int) -> int | None:
    """The time step the code belongs to (now ±1 step for clock drift), or None; used steps are refused."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(time.time()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if step > last_step and secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def do_confirm_totp(user: User, code: str) -> list[str] | None:
    """Confirm enrollment with a first code; returns new backup codes (shown once), or None if the code is wrong."""
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user).first()
        if device is None:
            return None
        step = _match_totp_step(device.secret, code, device.last_step)
        if step is None:
            return None
        device.last_step = step
        device.confirmed_at = timezone.now()
        device.save(update_fields=["last_step", "confirmed_at"])
        codes = _replace_backup_codes(user)
        record_event("auth.totp_confirmed", actor=user, obj=user)
    return codes


def _replace_backup_codes(user: User) -> list[str]:
    BackupCode.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(BACKUP_CODE_COUNT)]
    BackupCode.objects.bulk_create([BackupCode(user=user, code_hash=make_password(c)) for c in codes])
    return codes


def do_regenerate_backup_codes(user: User) -> list[str]:
    with transaction.atomic():
        codes = _replace_backup_codes(user)
        record_event("auth.backup_codes_regenerated", actor=user, obj=user, new={"count": len(codes)})
    return codes


def do_verify_second_factor(user: User, code: str, *, request: HttpRequest | None = None) -> bool:
    """Check a TOTP code or an unused backup code; a backup code is spent on success."""
    code = code.strip().lower()
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        if device is None:
            return False
        step = _match_totp_step(device.secret, code, device.last_step)
        if step is not None:
            device.last_step = step
            device.save(update_fields=["last_step"])
            return True
        if "-" not in code:
            return False
        for backup in BackupCode.objects.select_for_update().filter(user=user, used_at__isnull=True):
            if check_password(code, backup.code_hash):
                backup.used_at = timezone.now()
                backup.save(update_fields=["used_at"])
                record_event("auth.backup_code_used", actor=user, obj=user, address=client_address(request))
                return True
    return False


def unused_backup_codes(user: User) -> int:
    return BackupCode.objects.filter(user=user, used_at__isnull=True).count()


# --- API tokens ----------------------------------------------------------------------------------------------


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_issue_token(user: User, name: str, *, request: HttpRequest | None = None) -> tuple[ApiToken, str]:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100] or "API",
            prefix=raw[:12],
            key_hash=_token_hash(raw),
            epoch=user.session_epoch,
            expires_at=timezone.now() + timedelta(days=settings.VANPHONG_API_TOKEN_DAYS),
        )
        record_event("auth.token_issued", actor=user, obj=token, new={"name": token.name},
                     address=client_address(request))
    return token, raw


def do_revoke_token(user: User, token_id: int) -> bool:
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if changed:
            record_event("auth.token_revoked", actor=user, object_type="core.apitoken", object_id=token_id)
    return bool(changed)


def user_for_token(raw: Any) -> User | None:
    """The active user a bearer token belongs to, or None for anything malformed, unknown, expired or revoked."""
    if not isinstance(raw, str) or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__person")
        .filter(key_hash=_token_hash(raw), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active or token.epoch != token.user.session_epoch:
        return None
    # Touch at most once a minute, so a busy integration does not write on every call.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
