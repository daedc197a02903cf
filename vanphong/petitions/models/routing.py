"""The documents of a case's routing: the forwarding letter to the competent body, the resolving body's result,
and the notice to the sender. Each is a document of the documents capability (a draft the office signs and
sends, or an incoming document in the register) or, for a result that came otherwise, a file in the store."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vanphong.petitions.models.case import PetitionCase


class CaseDocument(models.Model):
    class Role(models.TextChoices):
        FORWARDING = "phieu_chuyen", "Phiếu chuyển đơn"
        RESULT = "ket_qua", "Văn bản giải quyết của cơ quan có thẩm quyền"
        NOTICE = "thong_bao", "Thông báo cho người gửi đơn"

    case = models.ForeignKey(PetitionCase, on_delete=models.CASCADE, related_name="documents")
    role = models.CharField("loại", max_length=14, choices=Role.choices)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="văn bản")
    file = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="tệp")
    name = models.CharField("tên tệp", max_length=255, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "văn bản của vụ việc đơn thư"
        verbose_name_plural = "văn bản của vụ việc đơn thư"
        constraints = [
            models.CheckConstraint(condition=models.Q(document__isnull=False) | models.Q(file__isnull=False),
                                   name="petition_case_document_has_content"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} của vụ việc #{self.case_id}"
