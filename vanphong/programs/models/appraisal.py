"""Appraisal (thẩm định) of proposals by the office.

A proposal's dossier is a set of documents.Document, each with its role (`ProposalDocument`). Each time the
lead body submits (again, after a return) the office opens a new round (`Appraisal`): appraisers of the office
and invited experts, a check per criterion of the checklist (`ChecklistCriterion`, shipped as data in
programs/data/appraisal_checklist.json), private threaded notes, and a report whose result (ready to go before
the body, or returned with reasons) is approved by someone other than its drafter (four eyes). Reminders
(đôn đốc) sent about a proposal are kept once per stage (`ProposalReminder`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from vanphong.text import normalize

__all__ = [
    "Appraisal", "AppraisalCheck", "AppraisalExpert", "AppraisalNote", "ChecklistCriterion", "ProposalDocument",
    "ProposalReminder",
]


class ChecklistCriterion(models.Model):
    """One criterion of the appraisal checklist, valid for a period (the rules change with the regulations)."""

    class Group(models.TextChoices):
        CONTENT = "noi_dung", "Nội dung"
        AUTHORITY = "tham_quyen", "Thẩm quyền, trình tự, thủ tục"
        CONDITIONS = "dieu_kien", "Điều kiện bảo đảm thi hành"
        FORMAT = "the_thuc", "Thể thức, hồ sơ"

    group = models.CharField("nhóm", max_length=20, choices=Group.choices)
    code = models.CharField("mã", max_length=20)
    text = models.CharField("nội dung tiêu chí", max_length=500)
    order = models.PositiveIntegerField("thứ tự", default=100)
    valid_from = models.DateField("áp dụng từ", null=True, blank=True)
    valid_to = models.DateField("hết áp dụng", null=True, blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "tiêu chí thẩm định"
        verbose_name_plural = "tiêu chí thẩm định"
        # One row per code and start date; a code valid "since always" (no start) only once. Two partial
        # constraints rather than nulls_distinct=False, which SQLite does not enforce.
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], condition=models.Q(valid_from__isnull=False),
                                    name="one_criterion_per_code_from"),
            models.UniqueConstraint(fields=["code"], condition=models.Q(valid_from__isnull=True),
                                    name="one_open_criterion_per_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = normalize(self.text)
        super().save(*args, **kwargs)

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class ProposalDocument(models.Model):
    """The role of one document in a proposal's dossier (the row of Proposal.documents)."""

    class Role(models.TextChoices):
        SUBMISSION = "to_trinh", "Tờ trình"
        PROPOSAL = "de_an", "Đề án, báo cáo"
        DRAFT_DECISION = "du_thao", "Dự thảo nghị quyết, kết luận"
        OPINIONS = "tong_hop_y_kien", "Báo cáo tổng hợp ý kiến"
        OTHER = "khac", "Tài liệu khác"

    proposal = models.ForeignKey("programs.Proposal", on_delete=models.CASCADE, related_name="dossier")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("vai trò trong hồ sơ", max_length=20, choices=Role.choices)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "added_at"]
        verbose_name = "tài liệu trong hồ sơ đề án"
        verbose_name_plural = "tài liệu trong hồ sơ đề án"
        constraints = [models.UniqueConstraint(fields=["proposal", "document"], name="document_once_per_dossier")]

    def __str__(self) -> str:
        return self.get_role_display()


class Appraisal(models.Model):
    """One round of appraisal of a proposal: opened when the office takes up a submission."""

    class Status(models.TextChoices):
        OPEN = "dang_tham_dinh", "Đang thẩm định"
        REVIEW = "cho_duyet", "Chờ duyệt báo cáo thẩm định"
        APPROVED = "da_duyet", "Đã duyệt báo cáo"
        CLOSED = "dong", "Đã dừng (đề án rút lại)"

    class Result(models.TextChoices):
        NONE = "", "Chưa kết luận"
        READY = "du_dieu_kien", "Đủ điều kiện trình"
        RETURN = "tra_lai", "Trả lại để hoàn thiện"

    proposal = models.ForeignKey("programs.Proposal", on_delete=models.PROTECT, related_name="appraisals",
                                 verbose_name="đề án")
    round = models.PositiveIntegerField("lần thẩm định", default=1)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.OPEN)
    appraisers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="appraisals",
                                        verbose_name="người thẩm định")
    report = models.TextField("báo cáo thẩm định", blank=True)
    result = models.CharField("kết quả", max_length=20, choices=Result.choices, default=Result.NONE, blank=True)
    reasons = models.TextField("lý do trả lại, nội dung cần hoàn thiện", blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="người dự thảo báo cáo")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="người duyệt")
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["proposal", "round"]
        verbose_name = "lần thẩm định"
        verbose_name_plural = "lần thẩm định"
        permissions = [("approve_appraisal", "Duyệt báo cáo thẩm định đề án, báo cáo, tờ trình")]
        constraints = [models.UniqueConstraint(fields=["proposal", "round"], name="one_appraisal_per_round")]

    def __str__(self) -> str:
        return f"Thẩm định lần {self.round}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.report = normalize(self.report)
        self.reasons = normalize(self.reasons)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:proposal", args=[self.proposal_id]) + f"#tham-dinh-{self.round}"


class AppraisalExpert(models.Model):
    """An expert from outside the office invited to give an opinion in a round (no account needed)."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="experts")
    name = models.CharField("họ và tên", max_length=200)
    organisation = models.CharField("cơ quan, đơn vị", max_length=300, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        verbose_name = "chuyên gia được mời"
        verbose_name_plural = "chuyên gia được mời"

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class AppraisalCheck(models.Model):
    """The result of one criterion in one round."""

    class Result(models.TextChoices):
        PASS = "dat", "Đạt"
        FAIL = "chua_dat", "Chưa đạt"
        NA = "khong_ap_dung", "Không áp dụng"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="checks")
    criterion = models.ForeignKey(ChecklistCriterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField("kết quả", max_length=20, choices=Result.choices)
    note = models.TextField("ghi chú", blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__order", "criterion__code"]
        verbose_name = "kết quả tiêu chí"
        verbose_name_plural = "kết quả tiêu chí"
        constraints = [models.UniqueConstraint(fields=["appraisal", "criterion"], name="one_check_per_criterion")]

    def __str__(self) -> str:
        return self.get_result_display()


class AppraisalNote(models.Model):
    """A private note of the appraisers on a round; `parent` makes a thread (a reply to a note)."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="notes")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("nội dung")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "ghi chú thẩm định"
        verbose_name_plural = "ghi chú thẩm định"

    def __str__(self) -> str:
        return f"Ghi chú {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = normalize(self.text)
        super().save(*args, **kwargs)


class ProposalReminder(models.Model):
    """A reminder (đôn đốc) sent about a proposal, once per stage: the row is what makes the job idempotent."""

    class Stage(models.TextChoices):
        BEFORE_7 = "truoc_7", "Trước hạn 7 ngày"
        AFTER_1 = "qua_1", "Quá hạn 1 ngày"
        AFTER_7 = "qua_7", "Quá hạn 7 ngày (báo cáo lãnh đạo đơn vị)"

    proposal = models.ForeignKey("programs.Proposal", on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField("đợt", max_length=10, choices=Stage.choices)
    due = models.DateField("hạn lúc gửi")
    recipients = models.PositiveIntegerField("số người nhận", default=0)
    sent_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = "lần đôn đốc"
        verbose_name_plural = "lần đôn đốc"
        constraints = [models.UniqueConstraint(fields=["proposal", "stage"], name="one_reminder_per_stage")]

    def __str__(self) -> str:
        return self.get_stage_display()
