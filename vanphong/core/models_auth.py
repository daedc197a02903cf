"""Second factors and API tokens: secrets that only ever leave as hashes, except the TOTP seed the app needs
(kept sealed under the field key)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vanphong.security.fields import SealedTextField


class TwoFactor(models.Model):
    """A person's TOTP authenticator. `last_step` refuses a code that was already used (replay)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor")
    # Sealed under the field key: a copy of the database does not give away anyone's second factor.
    secret = SealedTextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "xác thực hai lớp"
        verbose_name_plural = "xác thực hai lớp"

    def __str__(self) -> str:
        return f"2FA {self.user}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class BackupCode(models.Model):
    """A single-use recovery code, stored hashed like a password."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="backup_codes")
    code_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã dự phòng"
        verbose_name_plural = "mã dự phòng"

    def __str__(self) -> str:
        return f"mã dự phòng #{self.pk}"


class ApiToken(models.Model):
    """A bearer token for integrations. Only its SHA-256 is stored; it dies with its expiry, revocation or
    the owner's "log out everywhere"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    epoch = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
