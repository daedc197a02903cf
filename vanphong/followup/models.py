"""Assignments (việc được giao): a task given to a unit or a person, with a deadline, followed until done.

The decision cycle will attach assignments to conclusions; for now they are given directly by leaders.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from vanphong.security.classification import Urgency
from vanphong.security.models import ClassifiedRecord
from vanphong.text import fold, normalize


class Assignment(ClassifiedRecord):
    class Status(models.TextChoices):
        NEW = "moi", "Mới giao"
        IN_PROGRESS = "dang_xu_ly", "Đang thực hiện"
        DONE = "hoan_thanh", "Hoàn thành"

    title = models.CharField("nội dung công việc", max_length=500)
    description = models.TextField("yêu cầu cụ thể", blank=True)
    urgency = models.IntegerField("độ khẩn", choices=Urgency.choices, default=Urgency.THUONG)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="assignments", verbose_name="người thực hiện",
    )
    unit = models.ForeignKey(
        "core.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments",
        verbose_name="đơn vị chủ trì",
    )
    deadline = models.DateField("hạn hoàn thành", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.NEW)
    completed_at = models.DateTimeField("hoàn thành lúc", null=True, blank=True)
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    notified_at = models.DateTimeField("đã báo người thực hiện lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["deadline", "-created_at"]
        verbose_name = "việc được giao"
        verbose_name_plural = "việc được giao"
        indexes = [
            models.Index(fields=["assignee", "status"]),
            # Unassigned work of a unit ("given to the unit") is then one index range too.
            models.Index(fields=["unit", "assignee", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.description = normalize(self.description)
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def is_overdue(self, today: date | None = None) -> bool:
        """Past its deadline and not done: the one definition the desk, lists and counts all use."""
        today = today or timezone.localdate()
        return self.status != self.Status.DONE and self.deadline is not None and self.deadline < today
