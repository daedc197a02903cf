"""The separate place for what identifies a letter's senders, sealed (AES-GCM, vanphong.security.crypto), and
the requests to reveal it.

SealedItem holds, per letter: each sender's identity (name, address, contact), the letter's text as written
(before redaction) and its original scans (handwriting shows who wrote). Nothing here is listed, searched,
exported or put in the admin; it is opened only by petitions.protection, for a person the rules allow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vanphong.petitions.models.case import Petition, PetitionCase, Sender
from vanphong.petitions.models.sealing import SealedValue


class SealedItem(SealedValue):
    class Kind(models.TextChoices):
        IDENTITY = "danh_tinh", "Danh tính người gửi"
        CONTENT = "nguyen_van", "Nguyên văn đơn"
        SCAN = "ban_goc", "Bản quét gốc"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sealed")
    sender = models.OneToOneField(Sender, null=True, blank=True, on_delete=models.CASCADE, related_name="sealed")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Of a scan: the SHA-256 and size of the plain bytes (fixity, checked on every opening) and their type.
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    mime_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "thông tin được bảo vệ"
        verbose_name_plural = "thông tin được bảo vệ"
        constraints = [
            models.UniqueConstraint(fields=["petition", "sha256"], condition=models.Q(kind="ban_goc"),
                                    name="sealed_scan_once_per_letter"),
            models.UniqueConstraint(fields=["petition"], condition=models.Q(kind="nguyen_van"),
                                    name="sealed_content_once_per_letter"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} của đơn #{self.petition_id}"

    def context(self) -> str:
        """What the seal is bound to: a sealed value moved to another row or letter does not open there."""
        return f"petitions.{self.kind}:{self.petition_id}:{self.sender_id or 0}:{self.sha256}"


class RevealRequest(models.Model):
    """A request to see who wrote the protected letters of a case: asked by one authorised person, approved by
    another (petitions.flows.REVEAL), then opened by the asker with a fresh second factor, each time audited."""

    class Status(models.TextChoices):
        REQUESTED = "de_nghi", "Đang chờ duyệt"
        APPROVED = "da_duyet", "Đã duyệt"
        REFUSED = "tu_choi", "Không duyệt"

    case = models.ForeignKey(PetitionCase, on_delete=models.CASCADE, related_name="reveal_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name="người đề nghị")
    reason = models.TextField("lý do")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="người duyệt")
    decided_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "đề nghị xem danh tính"
        verbose_name_plural = "đề nghị xem danh tính"

    def __str__(self) -> str:
        return f"Đề nghị #{self.pk} ({self.get_status_display()})"
