"""Letters (đơn thư) and the cases (vụ việc) that hold them.

A Petition is one letter as it arrived, registered with an incoming number that runs through the year in the
letters' register. A PetitionCase is the matter: it holds one or more letters (the same matter written again,
by the same or other people), carries the classification, the status (petitions.flows.CASE), the deadline
computed from the rules, and the access list (a ClassifiedRecord): a letter is seen through its case.

Who wrote a letter is never stored here in plain text: each Sender's name, address and contact live sealed in
SealedItem (petitions.models.protected), for every letter, so a letter later found to be a denunciation has
nothing left to hide; a protected letter's text is kept redacted here and whole only in its sealed copy.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from vanphong.petitions.models.rules import DeadlineRule, Kind, Level, Track
from vanphong.security.models import ClassifiedRecord
from vanphong.text import normalize


class Field(models.TextChoices):
    """The subject field (lĩnh vực) of a matter, as the yearly statistics group them."""

    LAND = "dat_dai", "Đất đai, môi trường"
    ADMINISTRATION = "hanh_chinh", "Hành chính"
    JUSTICE = "tu_phap", "Tư pháp"
    PARTY = "dang", "Đảng, đảng viên"
    ECONOMY = "kinh_te", "Kinh tế, tài chính"
    SOCIAL = "chinh_sach", "Chính sách, xã hội"
    ORGANISATION = "to_chuc", "Tổ chức, cán bộ"
    OTHER = "khac", "Khác"


class PetitionCase(ClassifiedRecord):
    class Status(models.TextChoices):
        RECEIVED = "tiep_nhan", "Đã tiếp nhận"
        CLASSIFYING = "phan_loai", "Đang phân loại"
        FORWARDED = "chuyen_don", "Đã chuyển cơ quan có thẩm quyền"
        ACCEPTED = "thu_ly", "Đã thụ lý giải quyết"
        EXTENDED = "gia_han", "Đã gia hạn giải quyết"
        RESOLVED = "da_giai_quyet", "Đã giải quyết"
        ANSWERED = "da_tra_loi", "Đã trả lời người gửi"
        CLOSED = "ket_thuc", "Kết thúc, lưu đơn"
        NOT_ACCEPTED = "khong_thu_ly", "Không thụ lý"

    # Still awaiting someone's work: listed by value, so the overdue filter uses an index range.
    OPEN = (Status.RECEIVED, Status.CLASSIFYING, Status.ACCEPTED, Status.EXTENDED)

    title = models.CharField("nội dung tóm tắt", max_length=500)
    kind = models.CharField("loại đơn", max_length=12, choices=Kind.choices, blank=True)
    field = models.CharField("lĩnh vực", max_length=12, choices=Field.choices, blank=True)
    outside_competence = models.BooleanField("không thuộc thẩm quyền", default=False)
    locality = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="petition_cases", verbose_name="địa bàn")
    respondent_body = models.ForeignKey("core.Body", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="petition_cases", verbose_name="cơ quan bị khiếu nại, tố cáo")
    respondent_name = models.CharField("người bị khiếu nại, tố cáo", max_length=200, blank=True)
    track = models.CharField("xử lý theo", max_length=10, choices=Track.choices, default=Track.STATE)
    level = models.CharField("cấp giải quyết", max_length=6, choices=Level.choices, default=Level.CENTRAL)
    instance = models.PositiveSmallIntegerField("lần giải quyết", default=1, help_text="khiếu nại: 1 hoặc 2")
    is_complex = models.BooleanField("vụ việc phức tạp", default=False)
    is_remote = models.BooleanField("vùng sâu, vùng xa", default=False)
    status = models.CharField("trạng thái", max_length=14, choices=Status.choices, default=Status.RECEIVED)
    reason = models.TextField("lý do không thụ lý", blank=True)
    forwarded_to = models.ForeignKey("core.Body", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="petitions_forwarded", verbose_name="chuyển đến")
    result = models.TextField("kết quả giải quyết", blank=True)
    unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="petition_cases", verbose_name="đơn vị xử lý")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="petition_cases", verbose_name="người xử lý")
    received_on = models.DateField("ngày nhận đơn")
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    extensions = models.PositiveSmallIntegerField("số lần gia hạn", default=0)
    deadline = models.DateField("hạn", null=True, blank=True)
    deadline_rule = models.ForeignKey(DeadlineRule, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="cases", verbose_name="quy định thời hạn")
    # A case whose only letter was grouped into another (petitions.repeats): kept, for ungrouping, but no
    # longer listed or counted.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="đã gộp vào vụ việc")

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "vụ việc đơn thư"
        verbose_name_plural = "vụ việc đơn thư"
        permissions = [
            ("handle_petition", "Tiếp nhận, phân loại, xử lý đơn thư"),
            ("reveal_identity", "Đề nghị, duyệt xem danh tính người tố cáo"),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["locality", "status"]),
        ]

    def __str__(self) -> str:
        return f"Vụ việc #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:case", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.respondent_name = normalize(self.respondent_name)
        super().save(*args, **kwargs)

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    def is_overdue(self, today: date | None = None) -> bool:
        """Past its deadline and still open: the one definition the list, the filter and counts use."""
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.deadline is not None and self.deadline < today


class Petition(models.Model):
    """One letter, registered with its incoming number (số đến) in the letters' register of the year."""

    class Channel(models.TextChoices):
        POST = "buu_chinh", "Qua bưu chính"
        RECEPTION = "tiep_dan", "Tại nơi tiếp công dân"
        EMAIL = "thu_dien_tu", "Qua thư điện tử"
        WEB = "cong_thong_tin", "Qua cổng thông tin (biểu mẫu)"

    case = models.ForeignKey(PetitionCase, on_delete=models.PROTECT, related_name="letters", verbose_name="vụ việc")
    channel = models.CharField("hình thức nhận", max_length=16, choices=Channel.choices)
    received_on = models.DateField("ngày nhận")
    year = models.PositiveIntegerField("năm")
    number = models.PositiveIntegerField("số đến")
    sequence_key = models.CharField(max_length=120, editable=False)
    content = models.TextField("nội dung đơn",
                               help_text="với đơn được bảo vệ danh tính: bản đã che thông tin người gửi")
    anonymous = models.BooleanField("đơn nặc danh", default=False)
    protected = models.BooleanField("bảo vệ danh tính người gửi", default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="người vào sổ")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = "đơn thư"
        verbose_name_plural = "đơn thư"
        constraints = [
            models.UniqueConstraint(fields=["sequence_key", "number"], name="petition_number_per_sequence"),
        ]

    def __str__(self) -> str:
        return f"Đơn số {self.number}/{self.year}"


class Sender(models.Model):
    """One person (or organisation) who signed a letter; who they are is sealed in SealedItem."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="senders")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="tỉnh, thành phố nơi ở")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "người gửi"
        verbose_name_plural = "người gửi"

    def __str__(self) -> str:
        return f"Người gửi {self.order} của đơn #{self.petition_id}"


class PetitionAttachment(models.Model):
    """A file of a letter in the file store (with its fixity), not sealed: the scan of an unprotected letter,
    the documents sent with a letter, the redacted copy handlers work on."""

    class Role(models.TextChoices):
        SCAN = "ban_quet", "Bản gốc của đơn (bản quét, thư điện tử)"
        ENCLOSURE = "kem_theo", "Tài liệu kèm theo"
        REDACTED = "ban_che", "Bản đã che thông tin người gửi"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("loại", max_length=10, choices=Role.choices)
    name = models.CharField("tên tệp", max_length=255)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "tệp của đơn"
        verbose_name_plural = "tệp của đơn"
        constraints = [models.UniqueConstraint(fields=["petition", "file"], name="petition_file_once")]

    def __str__(self) -> str:
        return self.name
