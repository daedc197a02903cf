"""Registration and handling of a received document, number sequences, and the keys that sign documents.

An IncomingEntry is one arrival of a document: from outside (paper scan or electronic file), registered with an
incoming number that runs through the year, or from inside (a document we released to one of our units),
confirmed by the receiving unit. Its flow (documents.flows.INCOMING) takes it to the leader, who directs it
(lead unit, co-operating units, deadline), to the handler, and to done or answered.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from vanphong.documents.models.document import Document


class NumberSequence(models.Model):
    """The last number taken in one sequence; the row is locked while a number is taken (invariant 4)."""

    key = models.CharField("dãy số", max_length=120, unique=True)
    label = models.CharField("tên dãy số", max_length=200)
    last = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "dãy số"
        verbose_name_plural = "dãy số"

    def __str__(self) -> str:
        return f"{self.label}: {self.last}"


class IncomingEntry(models.Model):
    class Channel(models.TextChoices):
        PAPER = "giay", "Văn bản giấy (bản quét)"
        ELECTRONIC = "dien_tu", "Văn bản điện tử"
        INTERNAL = "noi_bo", "Trong cơ quan"

    class Status(models.TextChoices):
        RECEIVED = "tiep_nhan", "Đã nhận, chờ vào sổ"
        REGISTERED = "vao_so", "Đã vào sổ"
        SUBMITTED = "trinh", "Trình lãnh đạo"
        DIRECTED = "chi_dao", "Đã có ý kiến chỉ đạo"
        IN_PROGRESS = "dang_xu_ly", "Đang xử lý"
        DONE = "hoan_thanh", "Đã xử lý xong"
        ANSWERED = "da_tra_loi", "Đã trả lời bằng văn bản"

    OPEN = (Status.RECEIVED, Status.REGISTERED, Status.SUBMITTED, Status.DIRECTED, Status.IN_PROGRESS)

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="entries")
    channel = models.CharField("hình thức nhận", max_length=8, choices=Channel.choices)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.RECEIVED)
    number = models.PositiveIntegerField("số đến", null=True, blank=True)
    year = models.PositiveIntegerField("năm")
    sequence_key = models.CharField(max_length=120, blank=True, editable=False)
    received_at = models.DateTimeField("ngày đến", default=timezone.now)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="người nhận")
    receiving_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="incoming_entries", verbose_name="đơn vị nhận")
    confirmed_at = models.DateTimeField("xác nhận đã nhận lúc", null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="người xác nhận")
    submitted_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="incoming_to_direct", verbose_name="trình lãnh đạo")
    lead_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="incoming_led", verbose_name="đơn vị chủ trì")
    co_units = models.ManyToManyField("core.Unit", blank=True, related_name="incoming_cooperating",
                                      verbose_name="đơn vị phối hợp")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="incoming_handled", verbose_name="người xử lý")
    deadline = models.DateField("hạn xử lý", null=True, blank=True)
    direction = models.TextField("ý kiến chỉ đạo", blank=True)
    directed_at = models.DateTimeField("chỉ đạo lúc", null=True, blank=True)
    handed_at = models.DateTimeField("ngày chuyển", null=True, blank=True)
    result = models.TextField("kết quả xử lý", blank=True)
    answered_by = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="answers_to", verbose_name="trả lời bằng văn bản")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        indexes = [
            models.Index(fields=["year", "number"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["lead_unit", "status"]),
            models.Index(fields=["handler", "status"]),
            models.Index(fields=["submitted_to", "status"]),
            models.Index(fields=["receiving_unit", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["sequence_key", "number"], condition=models.Q(number__isnull=False),
                                    name="incoming_number_per_sequence"),
        ]

    def __str__(self) -> str:
        return f"Số đến {self.number}/{self.year}" if self.number else f"Văn bản đến #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("documents:incoming", args=[self.pk])

    def is_overdue(self, today: date | None = None) -> bool:
        """Past its handling deadline and still open: the one definition every list and count uses."""
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.deadline is not None and self.deadline < today


class SigningKey(models.Model):
    """A certificate that signs issued documents: a person's, or an issuer's seal (chữ ký số của cơ quan).

    The private key stays in its PKCS#12 file, protected by a passphrase the system never stores: the person
    types it when signing (as the PIN of a token); a seal's passphrase comes from the server's secrets.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "Cá nhân"
        ORGANISATION = "organisation", "Cơ quan, tổ chức"

    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="signing_keys", verbose_name="người ký")
    issuer = models.ForeignKey("documents.Issuer", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="seals", verbose_name="cơ quan")
    subject = models.CharField("chủ thể", max_length=300)
    serial = models.CharField("số sê-ri", max_length=80)
    fingerprint = models.CharField("dấu SHA-256", max_length=64, unique=True)
    certificate_pem = models.TextField("chứng thư (PEM)")
    pkcs12 = models.BinaryField("tệp khóa PKCS#12")
    valid_from = models.DateTimeField("có hiệu lực từ")
    valid_to = models.DateTimeField("hết hiệu lực")
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chứng thư ký số"
        verbose_name_plural = "chứng thư ký số"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="person", owner__isnull=False)
                           | models.Q(kind="organisation", issuer__isnull=False)),
                name="signing_key_has_owner"),
        ]

    def __str__(self) -> str:
        return self.subject
