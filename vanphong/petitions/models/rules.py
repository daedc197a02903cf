"""The deadlines of the law as data: rules valid over a period, and the holiday calendar (invariant 7).

Both are shipped in petitions/data/*.json, loaded by a data migration, put back after a flush, and edited in the
admin. A rule applies to the cases its conditions match (stage, track, kind, instance, complex, remote, level);
two rules with the same conditions may not be valid on the same day, or the deadline would depend on which one
the database returned first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from vanphong.core.models import ValidityQuerySet, overlaps_validity
from vanphong.text import normalize


class Kind(models.TextChoices):
    """The kind of a letter's matter (Petition.kind in the glossary), once classified."""

    COMPLAINT = "khieu_nai", "Khiếu nại"
    DENUNCIATION = "to_cao", "Tố cáo"
    PETITION = "kien_nghi", "Kiến nghị"
    FEEDBACK = "phan_anh", "Phản ánh"


class Stage(models.TextChoices):
    HANDLING = "xu_ly", "Xử lý đơn (từ ngày nhận đơn)"
    RESOLUTION = "giai_quyet", "Giải quyết (từ ngày thụ lý)"


class Track(models.TextChoices):
    STATE = "nha_nuoc", "Theo pháp luật"
    PARTY = "dang", "Theo quy định của Đảng (về đảng viên)"


class Level(models.TextChoices):
    CENTRAL = "tw", "Trung ương"
    PROVINCE = "tinh", "Tỉnh, thành phố"


class DayType(models.TextChoices):
    CALENDAR = "lich", "Ngày lịch"
    WORKING = "lam_viec", "Ngày làm việc"


class DeadlineRule(models.Model):
    code = models.CharField("mã", max_length=30)
    name = models.CharField("tên", max_length=200)
    stage = models.CharField("giai đoạn", max_length=12, choices=Stage.choices)
    track = models.CharField("theo", max_length=10, choices=Track.choices, default=Track.STATE)
    kind = models.CharField("loại đơn", max_length=12, choices=Kind.choices, blank=True,
                            help_text="để trống: mọi loại đơn")
    instance = models.PositiveSmallIntegerField("lần giải quyết", default=0,
                                                help_text="1: lần đầu, 2: lần hai; 0: không phân biệt")
    is_complex = models.BooleanField("vụ việc phức tạp", default=False)
    is_remote = models.BooleanField("vùng sâu, vùng xa", default=False)
    level = models.CharField("cấp", max_length=6, choices=Level.choices, blank=True, help_text="để trống: mọi cấp")
    days = models.PositiveSmallIntegerField("số ngày")
    day_type = models.CharField("tính theo", max_length=10, choices=DayType.choices, default=DayType.CALENDAR)
    extension_days = models.PositiveSmallIntegerField("mỗi lần gia hạn (ngày)", default=0)
    max_extensions = models.PositiveSmallIntegerField("số lần gia hạn tối đa", default=0)
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True, help_text="để trống nếu còn áp dụng")
    source = models.CharField("căn cứ", max_length=400, blank=True,
                              help_text="văn bản quy định; ghi “chưa kiểm chứng” nếu chưa đối chiếu được")

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "track", "kind", "instance", "is_remote", "is_complex", "valid_from"]
        verbose_name = "thời hạn theo quy định"
        verbose_name_plural = "thời hạn theo quy định"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="petitions_rule_valid_period",
                violation_error_message="Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."),
            models.CheckConstraint(condition=Q(days__gt=0), name="petitions_rule_days_positive",
                                   violation_error_message="Số ngày phải lớn hơn 0."),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name} ({self.days} {self.get_day_type_display().lower()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.source = normalize(self.source)
        super().save(*args, **kwargs)

    def conditions(self) -> dict[str, Any]:
        return {"stage": self.stage, "track": self.track, "kind": self.kind, "instance": self.instance,
                "is_complex": self.is_complex, "is_remote": self.is_remote, "level": self.level}

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."})
        if self.max_extensions and not self.extension_days:
            raise ValidationError({"extension_days": "Quy định cho gia hạn thì phải ghi số ngày mỗi lần gia hạn."})
        same = DeadlineRule.objects.filter(Q(code=self.code) | Q(**self.conditions()))
        if overlaps_validity(self, same):
            raise ValidationError(
                "Đã có một quy định thời hạn cùng mã hoặc cùng điều kiện áp dụng, trùng thời gian hiệu lực: "
                "ghi ngày hết hiệu lực cho dòng cũ (hoặc sửa dòng đó) trước khi thêm dòng mới.")

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Holiday(models.Model):
    """One day of the holiday calendar: a day off (lễ, tết, nghỉ bù) or a weekend day worked in exchange."""

    class Kind(models.TextChoices):
        DAY_OFF = "nghi", "Ngày nghỉ"
        WORKING = "lam_bu", "Ngày làm việc bù"

    day = models.DateField("ngày", unique=True)
    name = models.CharField("tên", max_length=120)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices, default=Kind.DAY_OFF)
    provisional = models.BooleanField("dự kiến", default=False,
                                      help_text="chưa có lịch nghỉ chính thức; sửa khi Thủ tướng công bố")
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ lễ, tết"
        verbose_name_plural = "lịch nghỉ lễ, tết"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        super().save(*args, **kwargs)
