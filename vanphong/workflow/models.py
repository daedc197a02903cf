"""The history of every stateful record: one row per step taken, who took it, when, and with what note."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Step(models.Model):
    machine = models.CharField("quy trình", max_length=60)
    record_id = models.BigIntegerField("mã hồ sơ")
    transition = models.CharField("thao tác", max_length=60)
    source = models.CharField("từ bước", max_length=40)
    target = models.CharField("sang bước", max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="người thực hiện")
    at = models.DateTimeField("lúc", auto_now_add=True)
    note = models.TextField("ý kiến", blank=True)
    data = models.JSONField("dữ liệu kèm theo", default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "bước quy trình"
        verbose_name_plural = "lịch sử quy trình"
        indexes = [models.Index(fields=["machine", "record_id"])]

    def __str__(self) -> str:
        return f"{self.machine}#{self.record_id}: {self.source} → {self.target}"
