"""Documents (văn bản): ours, drafted and issued through the outgoing flow, and those received from outside.

One row is the document itself, whatever its direction; its registration as received (IncomingEntry) and its
number sequence live beside it. Links between documents (amends, replaces, corrects, recalls, answers) are
rows of DocumentLink, read both ways. Files (the draft text as uploaded, the scan, the rendered DOCX and PDF,
the signed PDF, attachments) are rows of Attachment pointing into the content-addressed store.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from vanphong.security.classification import Urgency
from vanphong.security.models import ClassifiedRecord
from vanphong.text import fold, normalize

SUMMARY_MAX = 500  # edXML Subject
SIGNER_NAME_MAX = 50
SIGNER_POSITION_MAX = 100
ISSUER_NAME_MAX = 200


class Document(ClassifiedRecord):
    class Direction(models.TextChoices):
        OUTGOING = "di", "Văn bản đi"
        INCOMING = "den", "Văn bản đến"

    class Status(models.TextChoices):
        # The outgoing flow (documents.flows.OUTGOING); a received document stays RECEIVED: its handling is
        # the flow of its IncomingEntry.
        DRAFT = "du_thao", "Dự thảo"
        REVIEW = "ra_soat", "Đang rà soát"
        FORMAT_CHECK = "kiem_tra_the_thuc", "Văn thư kiểm tra thể thức"
        SIGNING = "trinh_ky", "Trình ký"
        ISSUED = "da_ban_hanh", "Đã ký, cấp số"
        RELEASED = "da_phat_hanh", "Đã phát hành"
        RECALLED = "da_thu_hoi", "Đã thu hồi"
        RECEIVED = "van_ban_den", "Văn bản đến"

    class Authority(models.TextChoices):
        NONE = "", "Ký trực tiếp"
        ON_BEHALF = "TM", "Thay mặt (T/M, TM.)"
        DEPUTY = "KT", "Ký thay (K/T, KT.)"
        BY_ORDER = "TL", "Thừa lệnh (T/L, TL.)"
        DELEGATED = "TUQ", "Thừa ủy quyền (TUQ.)"

    direction = models.CharField("loại", max_length=3, choices=Direction.choices)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    doc_type = models.ForeignKey("documents.DocumentType", on_delete=models.PROTECT, related_name="documents",
                                 verbose_name="loại văn bản")
    issuer = models.ForeignKey("documents.Issuer", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="documents", verbose_name="cơ quan ban hành")
    # As printed: the issuing body's name (tác giả of the register), its superior line, co-issuers.
    issuer_name = models.CharField("cơ quan ban hành", max_length=ISSUER_NAME_MAX)
    superior_name = models.CharField("cơ quan cấp trên", max_length=ISSUER_NAME_MAX, blank=True)
    co_issuers = models.CharField("cơ quan cùng ban hành", max_length=ISSUER_NAME_MAX, blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("số, ký hiệu", max_length=60, blank=True, db_index=True,
                              help_text="dạng chuẩn, ví dụ 21-KL/TW hoặc 30/2020/NĐ-CP")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    place = models.CharField("địa danh", max_length=60, blank=True)
    summary = models.CharField("trích yếu", max_length=SUMMARY_MAX)
    body = models.TextField("nội dung", blank=True)
    addressees = models.TextField("kính gửi", blank=True, help_text="công văn: mỗi dòng một nơi")
    recipients_text = models.TextField("nơi nhận", blank=True, help_text="mỗi dòng một nơi, như in ở “Nơi nhận:”")
    urgency = models.IntegerField("độ khẩn", choices=Urgency.choices, default=Urgency.THUONG)
    circulation = models.CharField("phạm vi lưu hành", max_length=200, blank=True)
    pages = models.PositiveIntegerField("số trang", null=True, blank=True)
    copies = models.PositiveIntegerField("số lượng bản", null=True, blank=True)
    # Who signs, as printed (incoming: as received; outgoing: filled from `signer` when it is chosen).
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="documents_to_sign", verbose_name="người ký")
    signer_name = models.CharField("họ tên người ký", max_length=SIGNER_NAME_MAX, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=SIGNER_POSITION_MAX, blank=True)
    authority = models.CharField("thẩm quyền ký", max_length=3, choices=Authority.choices, blank=True)
    on_behalf_of = models.CharField("thay mặt, ký thay cho", max_length=ISSUER_NAME_MAX, blank=True)
    drafting_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="drafted_documents", verbose_name="đơn vị soạn thảo")
    filed_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="filed_documents", verbose_name="đơn vị nhận bản lưu")
    internal_recipients = models.ManyToManyField("core.Unit", blank=True, related_name="documents_received",
                                                 verbose_name="nơi nhận trong cơ quan")
    draft_version = models.PositiveIntegerField("lần dự thảo", default=1)
    released_at = models.DateTimeField("ngày phát hành", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    summary_key = models.CharField(max_length=SUMMARY_MAX, editable=False, db_index=True)
    # The sequence a number was taken from ("out:VPTW:KL:term-14"), so numbers are unique per sequence.
    sequence_key = models.CharField(max_length=120, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_on", "-created_at"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        permissions = [
            ("register_document", "Vào sổ văn bản đến, kiểm tra thể thức, cấp số và phát hành văn bản đi"),
            ("direct_document", "Cho ý kiến chỉ đạo xử lý văn bản đến"),
            ("sign_document", "Ký ban hành văn bản"),
            ("review_document", "Rà soát dự thảo văn bản"),
        ]
        indexes = [
            models.Index(fields=["direction", "status"]),
            models.Index(fields=["direction", "issued_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["sequence_key", "number"], condition=models.Q(number__isnull=False)
                                    & ~models.Q(sequence_key=""), name="document_number_per_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.summary}" if self.symbol else self.summary

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in ("summary", "body", "issuer_name", "superior_name", "co_issuers", "place", "addressees",
                     "recipients_text", "signer_name", "signer_position", "on_behalf_of", "circulation", "note"):
            setattr(self, name, normalize(getattr(self, name)).strip())
        self.summary_key = fold(self.summary)
        super().save(*args, **kwargs)

    @property
    def is_outgoing(self) -> bool:
        return self.direction == self.Direction.OUTGOING

    @property
    def is_draft(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REVIEW, self.Status.FORMAT_CHECK, self.Status.SIGNING)

    @property
    def type_and_summary(self) -> str:
        """The register's "tên loại và trích yếu" column."""
        return f"{self.doc_type.name} {self.summary}" if self.doc_type_id else self.summary

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients_text.splitlines() if line.strip()]


class DocumentLink(models.Model):
    """`source` amends, replaces, corrects, recalls or answers `target`; shown on both documents."""

    class Kind(models.TextChoices):
        AMENDS = "sua_doi", "Sửa đổi, bổ sung"
        REPLACES = "thay_the", "Thay thế"
        CORRECTS = "dinh_chinh", "Đính chính"
        RECALLS = "thu_hoi", "Thu hồi"
        ANSWERS = "tra_loi", "Trả lời"

    # What the target reads, from its side ("sửa đổi bởi").
    INVERSE = {
        Kind.AMENDS: "Được sửa đổi, bổ sung bởi",
        Kind.REPLACES: "Bị thay thế bởi",
        Kind.CORRECTS: "Được đính chính bởi",
        Kind.RECALLS: "Bị thu hồi bởi",
        Kind.ANSWERS: "Được trả lời bởi",
    }

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField("quan hệ", max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "liên kết văn bản"
        verbose_name_plural = "liên kết văn bản"
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="document_link_once"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="document_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class Attachment(models.Model):
    """A file of a document: the main text, a scan, an appendix, a rendering, the signed PDF."""

    class Kind(models.TextChoices):
        MAIN = "chinh", "Tệp văn bản"
        SCAN = "ban_quet", "Bản quét"
        APPENDIX = "phu_luc", "Phụ lục, tài liệu kèm theo"
        RENDERED_DOCX = "docx", "Bản trình bày DOCX"
        RENDERED_PDF = "pdf", "Bản trình bày PDF"
        SIGNED_PDF = "pdf_ky_so", "Bản PDF đã ký số"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("loại tệp", max_length=12, choices=Kind.choices)
    name = models.CharField("tên tệp", max_length=255)
    draft_version = models.PositiveIntegerField("lần dự thảo", null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = "tệp văn bản"
        verbose_name_plural = "tệp văn bản"

    def __str__(self) -> str:
        return self.name


class DocumentComment(models.Model):
    """A reviewer's comment on a draft (rà soát): on the whole text or on a quoted passage."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    draft_version = models.PositiveIntegerField("lần dự thảo")
    quote = models.CharField("đoạn được góp ý", max_length=500, blank=True)
    text = models.TextField("ý kiến")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField("đã tiếp thu lúc", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "ý kiến rà soát"
        verbose_name_plural = "ý kiến rà soát"

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.quote = normalize(self.quote).strip()
        self.text = normalize(self.text).strip()
        super().save(*args, **kwargs)
