"""Classification levels (độ mật) and the installation ceiling (invariant 2)."""

from __future__ import annotations

from typing import Any

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


def check_may_classify(actor: Any, level: int, doing: str) -> None:
    """Refuse (with a Vietnamese ServiceError on `classification`) a level that is unknown, above the
    installation ceiling, or above what `actor` may see; `doing` names the act ("giao việc", "tạo văn bản")."""
    from vanphong.core.errors import ServiceError

    if level not in Classification.values:
        raise ServiceError("Độ mật không hợp lệ; chọn Thường, Mật, Tối mật hoặc Tuyệt mật.", field="classification")
    try:
        check_ceiling(level)
    except AboveCeiling as exc:
        raise ServiceError(exc.messages[0], field="classification") from None
    if level > actor.clearance:
        raise ServiceError(f"Bạn không thể {doing} có độ mật cao hơn độ mật bạn được tiếp cận.",
                           field="classification")
