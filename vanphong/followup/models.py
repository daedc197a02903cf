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
            # The desk's "due within a week" of a unit: a range of the unit's open work by deadline.
            models.Index(fields=["unit", "status", "deadline"], name="followup_unit_open_by_deadline"),
            # The overdue dashboard counts every open top-level task of the decisions the person may see: with
            # the policy's own columns in the index it reads the index alone, not 10,000 table rows.
            models.Index(fields=["parent", "status", "body", "deadline", "classification", "created_by", "decision"],
                         name="followup_open_task_cover"),
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


class ProgressStatus(models.TextChoices):
    """How far an implementing body says it is; each status carries a default percentage (DEFAULT_PERCENT)."""

    NOT_STARTED = "chua_trien_khai", "Chưa triển khai"
    STARTED = "dang_trien_khai", "Đang triển khai"
    MOSTLY_DONE = "co_ban_hoan_thanh", "Cơ bản hoàn thành"
    DONE = "hoan_thanh", "Hoàn thành"


# Kept as data beside the choices: a report that gives a status and no percentage takes this one.
DEFAULT_PERCENT: dict[str, int] = {
    ProgressStatus.NOT_STARTED: 0,
    ProgressStatus.STARTED: 30,
    ProgressStatus.MOSTLY_DONE: 80,
    ProgressStatus.DONE: 100,
}


class ProgressReport(models.Model):
    """One report of progress on an assignment (báo cáo tiến độ), kept: the assignment holds the latest figure."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports",
                                   verbose_name="việc được giao")
    status = models.CharField("tình trạng", max_length=20, choices=ProgressStatus.choices)
    percent = models.PositiveIntegerField("tiến độ (%)")
    note = models.TextField("nội dung báo cáo", blank=True)
    evidence = models.ManyToManyField("documents.Document", blank=True, related_name="progress_reports",
                                      verbose_name="văn bản minh chứng")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="progress_reports", verbose_name="người cập nhật")
    reported_on = models.DateField("ngày báo cáo")
    source = models.CharField("nguồn", max_length=20, default="tay", help_text="tay (nhập tay) hoặc nhap (nhập tệp)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.percent}% ({self.reported_on:%d/%m/%Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.note = normalize(self.note)
        super().save(*args, **kwargs)


class Milestone(models.Model):
    """A dated step on the way (mốc): planned due date, and the day it was reached."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="milestones",
                                   verbose_name="việc được giao")
    title = models.CharField("mốc", max_length=300)
    due = models.DateField("hạn")
    done_on = models.DateField("đạt ngày", null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = "mốc tiến độ"
        verbose_name_plural = "mốc tiến độ"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        super().save(*args, **kwargs)


class Reminder(models.Model):
    """One reminder (đôn đốc) sent about an assignment: automatic ones once per stage, manual ones any time."""

    class Stage(models.TextChoices):
        BEFORE_7 = "truoc_7", "Trước hạn 7 ngày"
        BEFORE_1 = "truoc_1", "Trước hạn 1 ngày"
        AFTER_1 = "qua_1", "Quá hạn 1 ngày"
        AFTER_7 = "qua_7", "Quá hạn 7 ngày"
        AFTER_30 = "qua_30", "Quá hạn 30 ngày"
        MANUAL = "thu_cong", "Đôn đốc trực tiếp"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders",
                                   verbose_name="việc được giao")
    stage = models.CharField("đợt", max_length=10, choices=Stage.choices)
    sent_on = models.DateField("ngày đôn đốc")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="reminders_sent", verbose_name="người đôn đốc")
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="reminders",
                                        verbose_name="người nhận")
    escalated = models.BooleanField("báo lãnh đạo đơn vị", default=False)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = "lần đôn đốc"
        verbose_name_plural = "lần đôn đốc"
        constraints = [
            # Once per (assignment, automatic stage): the periodic job may run twice, the row is made once.
            models.UniqueConstraint(fields=["assignment", "stage"], condition=~models.Q(stage="thu_cong"),
                                    name="reminder_once_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.sent_on:%d/%m/%Y}"
