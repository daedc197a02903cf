"""Security data: the audit chain's tables, and the abstract classified record every capability builds on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from vanphong.security.audit import AuditEvent, AuditHead
from vanphong.security.classification import Classification, check_ceiling

__all__ = ["AuditEvent", "AuditHead", "ClassifiedRecord", "SecurityRights"]


class SecurityRights(models.Model):
    """Carries the rights (permissions) that roles may hold; it has no rows."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_all_classified", "Xem mọi hồ sơ mật trong phạm vi độ mật được cấp"),
        ]

    def __str__(self) -> str:
        return "quyền bảo mật"


class ClassifiedRecord(models.Model):
    """A record with a classification and an access list (the people and units it was sent or assigned to).

    The access policy (vanphong.security.policy) reads these fields for every record type.
    """

    classification = models.IntegerField(
        "độ mật", choices=Classification.choices, default=Classification.THUONG, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người tạo"
    )
    shared_with_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="người được xem"
    )
    shared_with_units = models.ManyToManyField(
        "core.Unit", blank=True, related_name="+", verbose_name="đơn vị được xem"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Optimistic concurrency (invariant 4): an edit names the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        check_ceiling(self.classification)
        super().save(*args, **kwargs)

    @property
    def classification_name(self) -> str:
        return Classification(self.classification).name
