"""Assignments (việc được giao): a task given to a unit, a person or an implementing body, followed until done.

Work of the office itself is given to a unit or a person. Work from a decision is given to a body (a ministry,
a Party body, a provincial committee) from one point of a conclusion (`decision` + `anchor`, "điểm 2, mục II"),
and may be split into weighted sub-tasks (`parent`).
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
    # --- from a decision ---
    body = models.ForeignKey(
        "core.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments",
        verbose_name="cơ quan, địa phương thực hiện",
    )
    decision = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments",
        verbose_name="văn bản kết luận, nghị quyết",
    )
    anchor = models.CharField("điểm, mục của văn bản", max_length=60, blank=True,
                              help_text="ví dụ: muc-II/diem-2")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="nhiệm vụ lớn")
    weight = models.PositiveIntegerField("trọng số", default=1)
    percent = models.PositiveIntegerField("tiến độ (%)", default=0)

    class Meta:
        ordering = ["deadline", "-created_at"]
        verbose_name = "việc được giao"
        verbose_name_plural = "việc được giao"
        indexes = [
            models.Index(fields=["assignee", "status"]),
            # Unassigned work of a unit ("given to the unit") is then one index range too.
            models.Index(fields=["unit", "assignee", "status"]),
            models.Index(fields=["body", "status", "deadline"]),
            models.Index(fields=["decision", "anchor"]),
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
