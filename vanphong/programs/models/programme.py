"""Work programmes (chương trình công tác) of the leadership bodies, their items, and the proposals behind them.

A programme covers one period (the term, a year, a quarter, a month, a week) of one body (BCH TW, BCT, BBT);
a quarter's programme is built from its year's, a week's from its month's (`parent`), and an item carried down
keeps a link to the item it came from (`source`). Every change to an item after the programme is approved is
an adjustment row (added, moved, dropped), with the reason and who decided. A proposal (đề án, báo cáo, tờ
trình) is what the lead body prepares for an item; the office appraises it (`Appraisal`) before it goes to a
meeting.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from vanphong.security.models import ClassifiedRecord
from vanphong.text import fold, normalize


class Kind(models.TextChoices):
    """What an item or a proposal is (Proposal.kind in the glossary)."""

    DE_AN = "de_an", "Đề án"
    BAO_CAO = "bao_cao", "Báo cáo"
    TO_TRINH = "to_trinh", "Tờ trình"
    OTHER = "khac", "Vấn đề khác"


class WorkProgram(models.Model):
    class Period(models.TextChoices):
        TERM = "nhiem_ky", "Toàn khóa"
        YEAR = "nam", "Năm"
        QUARTER = "quy", "Quý"
        MONTH = "thang", "Tháng"
        WEEK = "tuan", "Tuần"

    class Status(models.TextChoices):
        DRAFT = "du_thao", "Dự thảo"
        APPROVED = "da_duyet", "Đã thông qua"

    body = models.ForeignKey("core.Body", on_delete=models.PROTECT, related_name="programs",
                             verbose_name="cơ quan lãnh đạo")
    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="programs", verbose_name="khóa")
    period = models.CharField("kỳ", max_length=10, choices=Period.choices)
    year = models.PositiveIntegerField("năm", null=True, blank=True)
    # Quarter 1–4, month 1–12 or ISO week 1–53 of `year`; 0 for a term's or a year's programme.
    number = models.PositiveIntegerField("số thứ tự của kỳ", default=0)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="chương trình cấp trên")
    title = models.CharField("tên chương trình", max_length=300)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField("thông qua lúc", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["body__order", "start", "period"]
        verbose_name = "chương trình công tác"
        verbose_name_plural = "chương trình công tác"
        permissions = [("manage_program", "Lập, điều chỉnh, thông qua chương trình công tác của cơ quan lãnh đạo")]
        constraints = [
            models.UniqueConstraint(fields=["body", "term", "period", "year", "number"], name="one_program_per_period"),
            # A term's programme has no year, and NULLs never clash in a unique index: one per body and term.
            models.UniqueConstraint(fields=["body", "term", "period"], condition=models.Q(year__isnull=True),
                                    name="one_term_program"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:program", args=[self.pk])


class ProgramItem(ClassifiedRecord):
    class Status(models.TextChoices):
        PLANNED = "du_kien", "Dự kiến"
        PREPARING = "dang_chuan_bi", "Đang chuẩn bị"
        SUBMITTED = "da_trinh", "Đã trình"
        SCHEDULED = "da_xep_lich", "Đã xếp lịch họp"
        DECIDED = "da_cho_y_kien", "Đã cho ý kiến, kết luận"
        MOVED = "chuyen_ky", "Chuyển kỳ khác"
        DROPPED = "rut_khoi", "Rút khỏi chương trình"

    program = models.ForeignKey(WorkProgram, on_delete=models.PROTECT, related_name="items",
                                verbose_name="chương trình")
    order = models.PositiveIntegerField("thứ tự", default=100)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.DE_AN)
    title = models.CharField("tên đề án, vấn đề", max_length=500)
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    description = models.TextField("nội dung chính", blank=True)
    lead_body = models.ForeignKey("core.Body", on_delete=models.PROTECT, related_name="led_items",
                                  verbose_name="cơ quan chủ trì")
    co_bodies = models.ManyToManyField("core.Body", blank=True, related_name="co_items",
                                       verbose_name="cơ quan phối hợp")
    # The office's unit that follows and appraises the item.
    office_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="program_items", verbose_name="đơn vị theo dõi")
    planned_start = models.DateField("dự kiến từ")
    planned_end = models.DateField("dự kiến trình trước")
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.PLANNED)
    # The item of the wider programme this one was carried down from (year → quarter, month → week).
    source = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried",
                               verbose_name="từ mục của chương trình")

    class Meta:
        ordering = ["program", "order", "planned_end", "pk"]
        verbose_name = "mục chương trình"
        verbose_name_plural = "mục chương trình"
        indexes = [models.Index(fields=["program", "status"]), models.Index(fields=["lead_body", "status"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.description = normalize(self.description)
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:item", args=[self.pk])


class Proposal(ClassifiedRecord):
    """An đề án, báo cáo or tờ trình a lead body prepares for a programme item (or that arrives outside one)."""

    class Status(models.TextChoices):
        PREPARING = "dang_xay_dung", "Đang xây dựng"
        SUBMITTED = "da_gui_tham_dinh", "Đã gửi thẩm định"
        APPRAISING = "dang_tham_dinh", "Đang thẩm định"
        RETURNED = "tra_lai", "Trả lại để hoàn thiện"
        APPRAISED = "da_tham_dinh", "Đủ điều kiện trình"
        SCHEDULED = "da_xep_lich", "Đã đưa vào phiên họp"
        DECIDED = "da_ket_luan", "Đã có kết luận"
        WITHDRAWN = "rut", "Rút lại"

    item = models.ForeignKey(ProgramItem, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals",
                             verbose_name="mục chương trình")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.DE_AN)
    title = models.CharField("tên đề án", max_length=500)
    title_key = models.CharField(max_length=500, editable=False, db_index=True)
    summary = models.TextField("tóm tắt nội dung", blank=True)
    lead_body = models.ForeignKey("core.Body", on_delete=models.PROTECT, related_name="proposals",
                                  verbose_name="cơ quan chủ trì")
    co_bodies = models.ManyToManyField("core.Body", blank=True, related_name="co_proposals",
                                       verbose_name="cơ quan phối hợp")
    office_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="proposals", verbose_name="đơn vị thẩm định")
    # When the dossier must reach the office (from the programme item unless set).
    due = models.DateField("hạn gửi hồ sơ", null=True, blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.PREPARING)
    # The dossier: the documents of the proposal, each a documents.Document (their versions are theirs).
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="proposals",
                                       verbose_name="hồ sơ")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "đề án, báo cáo, tờ trình"
        verbose_name_plural = "đề án, báo cáo, tờ trình"
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.summary = normalize(self.summary)
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:proposal", args=[self.pk])


class ProgramAdjustment(models.Model):
    """One change to an item of an approved programme: what changed, why, who decided and who recorded it."""

    class Kind(models.TextChoices):
        ADDED = "bo_sung", "Bổ sung"
        MOVED = "chuyen_ky", "Chuyển kỳ"
        DROPPED = "rut", "Rút khỏi chương trình"
        CHANGED = "dieu_chinh", "Điều chỉnh nội dung"

    program = models.ForeignKey(WorkProgram, on_delete=models.PROTECT, related_name="adjustments",
                                verbose_name="chương trình")
    item = models.ForeignKey(ProgramItem, on_delete=models.PROTECT, related_name="adjustments",
                             verbose_name="mục chương trình")
    kind = models.CharField("loại điều chỉnh", max_length=20, choices=Kind.choices)
    reason = models.TextField("lý do")
    decided_by = models.CharField("cấp quyết định", max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="người ghi nhận")
    old = models.JSONField("giá trị cũ", default=dict, blank=True)
    new = models.JSONField("giá trị mới", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "điều chỉnh chương trình"
        verbose_name_plural = "điều chỉnh chương trình"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.item_id}"


class ScheduleEntry(models.Model):
    """One entry of a leader's schedule (lịch công tác): a working trip, a reception, a meeting."""

    class Kind(models.TextChoices):
        MEETING = "hop", "Họp, hội nghị"
        WORK = "lam_viec", "Làm việc"
        TRIP = "cong_tac", "Đi công tác"
        RECEPTION = "tiep", "Tiếp khách"
        OTHER = "khac", "Khác"

    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="schedule",
                               verbose_name="lãnh đạo")
    starts_at = models.DateTimeField("bắt đầu")
    ends_at = models.DateTimeField("kết thúc")
    title = models.CharField("nội dung", max_length=300)
    place = models.CharField("địa điểm", max_length=200, blank=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.WORK)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "lịch công tác"
        verbose_name_plural = "lịch công tác"
        indexes = [models.Index(fields=["person", "starts_at"])]

    def __str__(self) -> str:
        return self.title
