"""Classification levels (độ mật) and the installation ceiling (invariant 2)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Classification(models.IntegerChoices):
    THUONG = 0, "Thường"
    MAT = 1, "Mật"
    TOI_MAT = 2, "Tối mật"
    TUYET_MAT = 3, "Tuyệt mật"

    @classmethod
    def from_name(cls, name: str) -> Classification:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            names = ", ".join(c.name for c in cls)
            raise ValueError(f"Độ mật '{name}' không hợp lệ; dùng một trong: {names}.") from None


class Urgency(models.IntegerChoices):
    THUONG = 0, "Thường"
    KHAN = 1, "Khẩn"
    THUONG_KHAN = 2, "Thượng khẩn"
    HOA_TOC = 3, "Hỏa tốc"


def installation_ceiling() -> Classification:
    return Classification.from_name(settings.VANPHONG_MAX_CLASSIFICATION)


class AboveCeiling(ValidationError):
    """Raised when something would store a record above what this installation may hold."""


def check_ceiling(level: int) -> None:
    ceiling = installation_ceiling()
    if level > ceiling:
        raise AboveCeiling(
            f"Hệ thống này chỉ được lưu tài liệu đến độ {ceiling.label}; "
            f"không thể lưu tài liệu độ {Classification(level).label}. "
            "Hãy xử lý tài liệu này trên hệ thống được phép lưu độ mật đó.",
            code="above_ceiling",
        )
