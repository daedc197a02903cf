"""The rule tables of the văn thư: document types and issuers, each row valid over a period (invariant 7).

Administrators edit both tables in the admin; the shipped rows come from documents/data/*.json. A rule that
stops applying gets a `valid_to`, it is not deleted: documents issued under it still have to be read.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from vanphong.core.models import ValidityQuerySet, overlaps_validity
from vanphong.text import normalize


class System(models.TextChoices):
    """Whose rules a symbol follows: the Party's (21-KL/TW) or the State's (30/2020/NĐ-CP)."""

    PARTY = "party", "Đảng"
    STATE = "state", "Nhà nước"


class NumberingScope(models.TextChoices):
    TERM = "term", "Theo nhiệm kỳ cấp ủy"
    YEAR = "year", "Theo năm (01/01–31/12)"


# What the symbol parser can read back: letters only for a type ("QĐi", "TTr"), letters then digits for an
# issuer ("UBKTTW", "QH15"). Checked by clean() (the admin form), so an edit never makes symbols unreadable.
TYPE_CODE = re.compile(r"[^\W\d_]{1,10}")
ISSUER_CODE = re.compile(r"[^\W\d_][^\W_]{0,19}")


def _unique_per_period(fields: list[str], name: str, condition: Q | None = None) -> list[models.UniqueConstraint]:
    """Unique over `fields` + valid_from, counting "no start date" as one value (SQL counts NULLs as distinct)."""
    base = condition if condition is not None else Q()
    message = ("Đã có một dòng cùng hệ thống, cùng ký hiệu (hoặc cùng tên, với loại không viết tắt) và cùng ngày có "
               "hiệu lực: sửa dòng đó, hoặc ghi ngày có hiệu lực của dòng mới.")
    return [
        models.UniqueConstraint(fields=[*fields, "valid_from"], condition=condition, name=f"{name}_per_period",
                                violation_error_message=message),
        models.UniqueConstraint(fields=fields, condition=base & Q(valid_from__isnull=True), name=f"{name}_open_start",
                                violation_error_message=message),
    ]


def _period_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
        name=name, violation_error_message="Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi.",
    )


class RuleRow(models.Model):
    """What both tables share: a system, a code, a name, a validity period, a display order and a source note."""

    system = models.CharField("hệ thống", max_length=10, choices=System.choices)
    code = models.CharField("ký hiệu", max_length=20)
    name = models.CharField("tên", max_length=200)
    order = models.PositiveIntegerField("thứ tự", default=100)
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True, help_text="để trống nếu còn áp dụng")
    note = models.CharField("ghi chú, nguồn", max_length=300, blank=True,
                            help_text="văn bản quy định; ghi “chưa kiểm chứng” nếu chưa đối chiếu được")

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.code = normalize(self.code)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.code = normalize(self.code)
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."})


class DocumentType(RuleRow):
    """A document type (tên loại văn bản) and the abbreviation written in symbols: KL, QĐi, NĐ, TTr.

    The same code may stand for several types (Party QĐ: Quyết định, and Quy định since 2021), in one shared
    sequence; numbering is keyed by the code, not by the row. An empty code is a type written without one
    (State công văn "123/VPCP-TCCV", a law "117/2025/QH15"; Party Cương lĩnh, Điều lệ).
    """

    code = models.CharField("chữ viết tắt", max_length=10, blank=True,
                            help_text="như viết trong ký hiệu, ví dụ KL, QĐi, TTr; trống nếu không viết tắt")
    is_administrative = models.BooleanField("giấy tờ hành chính", default=False,
                                            help_text="giấy mời, giấy giới thiệu, phiếu chuyển…")
    year_in_symbol = models.BooleanField(
        "số, ký hiệu ghi năm", default=False,
        help_text="văn bản quy phạm pháp luật của Nhà nước: 30/2020/NĐ-CP; với loại không viết tắt, "
                  "phân biệt luật, pháp lệnh (117/2025/QH15) với công văn (123/VPCP-TCCV)",
    )

    class Meta:
        ordering = ["system", "order", "code", "valid_from"]
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"
        constraints = [
            *_unique_per_period(["system", "code"], "doctype_code", ~Q(code="")),
            # Types without an abbreviation are told apart by name.
            *_unique_per_period(["system", "name"], "doctype_uncoded_name", Q(code="")),
            _period_check("doctype_valid_period"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    def clean(self) -> None:
        super().clean()
        if self.code and not TYPE_CODE.fullmatch(self.code):
            raise ValidationError({"code": "Chữ viết tắt chỉ gồm chữ cái (tối đa 10), ví dụ KL, QĐi, TTr."})
        overlapping = DocumentType.objects.filter(system=self.system, code=self.code, name=normalize(self.name))
        if overlaps_validity(self, overlapping):
            raise ValidationError("Loại văn bản này đã có một dòng cùng chữ viết tắt, trùng thời gian hiệu lực: "
                                  "sửa ngày hiệu lực của dòng cũ thay vì thêm dòng mới.")


class Issuer(RuleRow):
    """An issuer (cơ quan ban hành) as abbreviated in symbols: TW, VPTW, UBKTTU; CP, TTg, VPCP.

    Its system decides the symbol form and, with `numbering_scope` and `secret_own_sequence`, how its
    documents are numbered (Party: per committee term, secret documents in the ordinary sequence; State: per
    calendar year, secret documents in their own sequence).
    """

    code = models.CharField("ký hiệu", max_length=20, help_text="như viết sau dấu gạch chéo, ví dụ TW, VPTW, TTg")
    aliases = models.CharField(
        "cách viết khác", max_length=100, blank=True,
        help_text="cách nhau bằng dấu phẩy; đọc như ký hiệu chính, ví dụ TƯ cho TW",
    )
    numbering_scope = models.CharField("đánh số", max_length=10, choices=NumberingScope.choices)
    secret_own_sequence = models.BooleanField(
        "văn bản mật có dãy số riêng", default=False,
        help_text="Nhà nước: có (Nghị định 30/2020/NĐ-CP); Đảng: không, số mật ghi liên tục với số thường",
    )
    with_term_number = models.BooleanField(
        "ký hiệu kèm số khóa", default=False, help_text="ví dụ QH15, UBTVQH15: số khóa viết liền sau ký hiệu"
    )
    body = models.ForeignKey(
        "core.Body", null=True, blank=True, on_delete=models.SET_NULL, related_name="issuers",
        verbose_name="cơ quan, tổ chức",
    )

    class Meta:
        ordering = ["system", "order", "code", "valid_from"]
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        constraints = [*_unique_per_period(["system", "code"], "issuer_code"), _period_check("issuer_valid_period")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.aliases = ", ".join(self.alias_list())
        super().save(*args, **kwargs)

    def alias_list(self) -> list[str]:
        return [a for a in (normalize(part) for part in self.aliases.split(",")) if a]

    def clean(self) -> None:
        super().clean()
        bad = [c for c in [self.code, *self.alias_list()] if not ISSUER_CODE.fullmatch(c)]
        if bad:
            raise ValidationError({"code": f"Ký hiệu không đọc được: {', '.join(bad)}. Ký hiệu bắt đầu bằng chữ "
                                           "cái, chỉ gồm chữ cái và chữ số (tối đa 20), ví dụ UBKTTW, QH15."})
        if overlaps_validity(self, Issuer.objects.filter(system=self.system, code=self.code)):
            raise ValidationError("Ký hiệu này đã có một dòng trùng thời gian hiệu lực: sửa ngày hiệu lực của dòng "
                                  "cũ thay vì thêm dòng mới.")
