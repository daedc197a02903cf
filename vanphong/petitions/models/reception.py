"""Citizen reception (tiếp công dân) by the heads of Party committees: the rule of how many days a month, the
reception days, the people received on each (their identity sealed, as a letter's senders are), what they
raised, the minutes (approved by someone other than their writer), and the follow-up letters made from them;
and the reminders sent about a case's deadline (once per case, threshold and deadline).

Rules (Quy định 11-QĐi/TW as amended by Kết luận 215-KL/TW): at least one day a month for a province, two for
a commune; kept as data with validity dates like the deadline rules, shipped in petitions/data/reception_rules.json.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from vanphong.core.models import ValidityQuerySet, overlaps_validity
from vanphong.petitions.models.case import Petition, PetitionCase
from vanphong.petitions.models.sealing import SealedValue
from vanphong.security.models import ClassifiedRecord
from vanphong.text import normalize


class ReceptionLevel(models.TextChoices):
    PROVINCE = "tinh", "Cấp tỉnh"
    COMMUNE = "xa", "Cấp xã"


class ReceptionRule(models.Model):
    """How many reception days a committee head of a level must hold each month, over a validity period."""

    level = models.CharField("cấp", max_length=6, choices=ReceptionLevel.choices)
    min_days = models.PositiveSmallIntegerField("số ngày tối thiểu mỗi tháng")
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True, help_text="để trống nếu còn áp dụng")
    source = models.CharField("căn cứ", max_length=400, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["level", "valid_from"]
        verbose_name = "quy định số ngày tiếp công dân"
        verbose_name_plural = "quy định số ngày tiếp công dân"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="petitions_reception_rule_period",
                violation_error_message="Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: ít nhất {self.min_days} ngày/tháng"

    def clean(self) -> None:
        super().clean()
        if overlaps_validity(self, ReceptionRule.objects.filter(level=self.level)):
            raise ValidationError("Đã có quy định cho cấp này trùng thời gian hiệu lực: ghi ngày hết hiệu lực cho "
                                  "dòng cũ trước khi thêm dòng mới.")


class ReceptionDay(ClassifiedRecord):
    """One reception day (buổi tiếp công dân định kỳ) of a committee head."""

    class Status(models.TextChoices):
        SCHEDULED = "du_kien", "Đã lên lịch"
        HELD = "da_tiep", "Đã tiếp"
        CANCELLED = "hoan", "Hoãn, hủy"

    committee = models.CharField("cấp ủy", max_length=200, help_text="ví dụ: Tỉnh ủy Hải Phòng, Đảng ủy xã Yên Bình")
    committee_key = models.CharField(max_length=200, editable=False, db_index=True)
    level = models.CharField("cấp", max_length=6, choices=ReceptionLevel.choices)
    body = models.ForeignKey("core.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="cơ quan")
    locality = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="địa bàn")
    host = models.CharField("người chủ trì", max_length=200, help_text="ví dụ: Bí thư Tỉnh ủy Nguyễn Văn A")
    day = models.DateField("ngày tiếp")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.SCHEDULED)
    note = models.TextField("ghi chú", blank=True)
    unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name="đơn vị giúp việc")
    minutes = models.TextField("biên bản", blank=True)
    minutes_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="người ghi biên bản")
    minutes_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+",
                                            verbose_name="người duyệt biên bản")
    minutes_approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = "buổi tiếp công dân"
        verbose_name_plural = "buổi tiếp công dân"
        indexes = [models.Index(fields=["day", "committee_key"])]

    def __str__(self) -> str:
        return f"Tiếp công dân {self.day:%d/%m/%Y} — {self.committee}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:reception", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        from vanphong.text import fold

        self.committee = " ".join(normalize(self.committee).split())
        self.committee_key = fold(self.committee)
        self.host = normalize(self.host)
        super().save(*args, **kwargs)

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_at is not None


class ReceptionVisitor(models.Model):
    """One person received (or the representative of a group); who they are is sealed in SealedVisitor."""

    reception = models.ForeignKey(ReceptionDay, on_delete=models.CASCADE, related_name="visitors")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="tỉnh, thành phố nơi ở")
    group_size = models.PositiveSmallIntegerField("số người cùng đến", default=1)
    protected = models.BooleanField("đề nghị giữ bí mật danh tính", default=False)
    kind = models.CharField("loại nội dung", max_length=12, blank=True,
                            choices=[("khieu_nai", "Khiếu nại"), ("to_cao", "Tố cáo"), ("kien_nghi", "Kiến nghị"),
                                     ("phan_anh", "Phản ánh")])
    raised = models.TextField("nội dung trình bày", help_text="với người được bảo vệ danh tính: bản đã che")
    answer = models.TextField("ý kiến trả lời, chỉ đạo tại buổi tiếp", blank=True)
    petition = models.OneToOneField(Petition, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reception_visitor", verbose_name="đơn vào sổ từ buổi tiếp")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "người được tiếp"
        verbose_name_plural = "người được tiếp"

    def __str__(self) -> str:
        return f"Người được tiếp {self.order} ngày {self.reception.day:%d/%m/%Y}"


class SealedVisitor(SealedValue):
    """The sealed identity (and the words as said, before redaction) of a person received: never listed,
    searched, exported or put in the admin; opened only by petitions.reception for a page that may show it."""

    visitor = models.OneToOneField(ReceptionVisitor, on_delete=models.CASCADE, related_name="sealed")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "danh tính người được tiếp (mã hóa)"
        verbose_name_plural = "danh tính người được tiếp (mã hóa)"

    def __str__(self) -> str:
        return f"Danh tính người được tiếp #{self.visitor_id}"

    def context(self) -> str:
        # Bound to the visitor's row: a seal copied onto another row does not open there.
        return f"petitions.tiep_dan:{self.visitor_id}"


class CaseReminder(models.Model):
    """One automatic reminder about a case's deadline: once per (case, threshold, deadline), so the periodic
    job may run any number of times; an extension gives a new deadline and the thresholds count again."""

    class Stage(models.TextChoices):
        BEFORE_7 = "truoc_7", "Trước hạn 7 ngày"
        BEFORE_1 = "truoc_1", "Trước hạn 1 ngày"
        AFTER_1 = "qua_1", "Quá hạn 1 ngày"
        AFTER_7 = "qua_7", "Quá hạn 7 ngày"
        AFTER_30 = "qua_30", "Quá hạn 30 ngày"

    case = models.ForeignKey(PetitionCase, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField("đợt", max_length=8, choices=Stage.choices)
    deadline = models.DateField("hạn lúc nhắc")
    sent_on = models.DateField("ngày nhắc")
    recipients = models.PositiveSmallIntegerField("số người nhận", default=0)
    escalated = models.BooleanField("báo lãnh đạo đơn vị", default=False)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = "nhắc hạn vụ việc"
        verbose_name_plural = "nhắc hạn vụ việc"
        constraints = [models.UniqueConstraint(fields=["case", "stage", "deadline"],
                                               name="petitions_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.sent_on:%d/%m/%Y}"


def rule_for(level: str, day: date) -> ReceptionRule | None:
    return ReceptionRule.objects.valid_on(day).filter(level=level).order_by("-valid_from").first()
