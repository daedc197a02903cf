"""Organisations, terms, units, people and their positions over time, places, and user accounts."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from vanphong.core.roles import TWO_FACTOR_ROLES, Role
from vanphong.security.classification import Classification
from vanphong.text import collation_key, fold, normalize


class ValidityQuerySet(models.QuerySet[Any]):
    def valid_on(self, day: date | None = None) -> ValidityQuerySet:
        day = day or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


def overlaps_validity(row: models.Model, same: models.QuerySet[Any]) -> bool:
    """Whether another row of `same` is valid on some day `row` is valid (both read `valid_from`/`valid_to`,
    empty meaning open-ended): the check every table of rules kept with validity dates makes before saving."""
    valid_from: date | None = getattr(row, "valid_from", None)
    valid_to: date | None = getattr(row, "valid_to", None)
    others = same.exclude(pk=row.pk) if row.pk else same
    if valid_to:
        others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_to))
    if valid_from:
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    return others.exists()


class Place(models.Model):
    """A provincial-level unit: the 34 current ones and the 63 former ones, kept for history (DOMAIN §8)."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", "Tỉnh"
        CITY = "thanh_pho", "Thành phố"

    code = models.CharField("mã", max_length=8)
    name = models.CharField("tên đầy đủ", max_length=100)
    short_name = models.CharField("tên", max_length=80)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    key = models.CharField("khóa tra cứu", max_length=100, db_index=True, editable=False)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True)
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors",
        verbose_name="sáp nhập vào",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = "tỉnh, thành phố"
        verbose_name_plural = "tỉnh, thành phố"
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_to"], name="place_code_per_period"),
            models.UniqueConstraint(fields=["code"], condition=Q(valid_to__isnull=True), name="place_current_code"),
        ]

    def __str__(self) -> str:
        return self.short_name if self.is_current else f"{self.short_name} (cũ)"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.short_name = normalize(self.short_name)
        self.key = fold(self.short_name)
        self.sort_key = collation_key(self.short_name)
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class Body(models.Model):
    """A body: the leadership bodies, central committees and commissions, ministries, Party committees."""

    class Kind(models.TextChoices):
        LEADERSHIP = "lanh_dao", "Cơ quan lãnh đạo"
        CENTRAL_PARTY = "dang_tw", "Cơ quan Đảng Trung ương"
        STATE = "nha_nuoc", "Cơ quan nhà nước"
        MINISTRY = "bo_nganh", "Bộ, cơ quan ngang bộ"
        PROVINCIAL_COMMITTEE = "tinh_uy", "Tỉnh ủy, thành ủy"
        FRONT = "mat_tran", "Mặt trận, đoàn thể"
        OTHER = "khac", "Khác"

    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên gọi tắt", max_length=80, blank=True)
    abbreviation = models.CharField("ký hiệu", max_length=20, blank=True, help_text="ví dụ: TW, VPTW, TU")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="bodies")
    order = models.PositiveIntegerField("thứ tự", default=100)
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    sort_key = models.CharField(max_length=300, editable=False)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "sort_key"]
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.sort_key = collation_key(self.name)
        super().save(*args, **kwargs)


class Term(models.Model):
    """A term (khóa, nhiệm kỳ) of a committee: from the day after one congress closes to the close of the next."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveIntegerField("khóa")
    name = models.CharField("tên", max_length=100)
    start = models.DateField("bắt đầu")
    end = models.DateField("kết thúc", null=True, blank=True)

    class Meta:
        ordering = ["body", "-start"]
        verbose_name = "khóa, nhiệm kỳ"
        verbose_name_plural = "khóa, nhiệm kỳ"
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="term_number_per_body")]

    def __str__(self) -> str:
        return self.name

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @classmethod
    def current_for(cls, body: Body, day: date | None = None) -> Term | None:
        day = day or timezone.localdate()
        return (
            cls.objects.filter(body=body, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .order_by("-start")
            .first()
        )


class Unit(models.Model):
    """A unit of the office (vụ, cục, phòng)."""

    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên gọi tắt", max_length=60, blank=True)
    code = models.SlugField("mã", max_length=40, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    order = models.PositiveIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A person the office deals with: its own staff, and the leaders and officials of other bodies."""

    class Gender(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"

    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices, blank=True)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_key"]
        verbose_name = "người"
        verbose_name_plural = "người"

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_name = normalize(self.full_name)
        self.name_key = fold(self.full_name)
        # Vietnamese names sort by given name (the last word), then by the whole name.
        parts = self.full_name.split()
        self.sort_key = collation_key(" ".join(parts[-1:] + parts[:-1]))
        super().save(*args, **kwargs)

    def current_title(self) -> str:
        """The person's first title today ("Chuyên viên chính"), or "" (one light query, for greetings)."""
        return self.positions.valid_on().values_list("title", flat=True).first() or ""

    def titles_on(self, day: date | None = None) -> list[Position]:
        return list(self.positions.valid_on(day).select_related("body", "unit", "place"))


class Position(models.Model):
    """One title a person holds over a period; a person may hold several at once."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField("chức danh", max_length=200)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="positions")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="positions")
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=100)
    title_key = models.CharField(max_length=200, editable=False, db_index=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-valid_from"]
        verbose_name = "chức danh"
        verbose_name_plural = "chức danh"

    def __str__(self) -> str:
        return f"{self.title} — {self.person}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)


class User(AbstractUser):
    """An account: who signs in, their clearance, and the person they are."""

    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="user", verbose_name="người"
    )
    clearance = models.IntegerField(
        "độ mật được tiếp cận", choices=Classification.choices, default=Classification.THUONG
    )
    # Raised by "đăng xuất mọi nơi": every session and token issued before it stops working.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField("tài khoản trình diễn", default=False)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id and self.person is not None:
            return self.person.full_name
        return self.get_full_name() or self.username

    @property
    def unit_id_or_none(self) -> int | None:
        return self.person.unit_id if self.person_id and self.person is not None else None

    def role_codes(self) -> set[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True))
            self._role_codes = cached
        return cached

    def has_role(self, role: Role) -> bool:
        return role.value in self.role_codes()

    def requires_two_factor(self) -> bool:
        if self.is_demo and settings.VANPHONG_DEMO_MODE:
            return False
        return self.is_superuser or bool(self.role_codes() & {r.value for r in TWO_FACTOR_ROLES})

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # The password hash *and* the session epoch: changing either ends every other session.
        key_salt = "vanphong.core.User.session_auth_hash"
        value = f"{self.password}|{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


from vanphong.core.models_auth import ApiToken, BackupCode, TwoFactor  # noqa: E402

__all__ = [
    "ApiToken", "BackupCode", "Body", "Person", "Place", "Position", "Term", "TwoFactor", "Unit", "User",
]

from vanphong.core.models_jobs import JobProgress, Notice, PeriodicRun  # noqa: E402

__all__ += ["JobProgress", "Notice", "PeriodicRun"]
