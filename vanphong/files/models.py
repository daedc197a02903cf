"""StoredFile: one row per distinct content (SHA-256), the bytes in the configured storage, its extracted text."""

from __future__ import annotations

import hashlib
from typing import IO

from django.db import models
from django.utils import timezone

from vanphong.files.kinds import BY_MIME, Kind
from vanphong.files.storage import CHUNK, blob_name, file_storage


class StoredFile(models.Model):
    """Content-addressed: the same bytes uploaded twice are one row and one blob.

    A file has no access rules of its own: it is reached only through the record it belongs to, whose page
    checks access first. So its name and text are kept out of what the row shows of itself (`__str__`, the
    admin, the audit log), which people without that record's clearance may read.
    """

    class TextStatus(models.TextChoices):
        PENDING = "pending", "Đang chờ trích xuất"
        DONE = "done", "Đã trích xuất"
        FAILED = "failed", "Trích xuất không thành công"
        NOT_APPLICABLE = "na", "Không trích xuất (loại tệp không có chữ để đọc)"

    sha256 = models.CharField("mã băm SHA-256", max_length=64, unique=True, editable=False)
    size = models.PositiveBigIntegerField("kích thước (byte)", editable=False)
    mime_type = models.CharField("loại nội dung", max_length=100, editable=False)
    extension = models.CharField("đuôi tệp", max_length=10, editable=False)
    original_name = models.CharField("tên tệp khi tải lên lần đầu", max_length=255, editable=False)
    page_count = models.PositiveIntegerField("số trang", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("thời điểm lưu", default=timezone.now, editable=False, db_index=True)
    uploaded_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người tải lên đầu tiên",
    )
    text = models.TextField("nội dung chữ", blank=True, editable=False)
    text_status = models.CharField(
        "trạng thái trích xuất", max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING, db_index=True
    )
    text_error = models.CharField("lý do trích xuất không thành công", max_length=500, blank=True)
    text_truncated = models.BooleanField("nội dung chữ bị cắt bớt", default=False)
    text_extracted_at = models.DateTimeField("thời điểm trích xuất", null=True, blank=True)

    class Meta:
        verbose_name = "tệp lưu trữ"
        verbose_name_plural = "kho tệp"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="files_storedfile_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.extension}, {self.size} byte)"

    @property
    def storage_name(self) -> str:
        return blob_name(self.sha256)

    @property
    def kind(self) -> Kind:
        return BY_MIME[self.mime_type]

    def open(self) -> IO[bytes]:
        """The stored bytes as a binary stream (close it, or use it in a with block)."""
        return file_storage().open(self.storage_name, "rb")

    def verify(self) -> str | None:
        """None if the stored bytes are still the ones saved; otherwise what is wrong, in Vietnamese."""
        problem = self.fixity_problem()
        return problem[1] if problem else None

    def fixity_problem(self) -> tuple[str, str] | None:
        """("missing" | "altered", description), or None when the stored bytes are whole."""
        storage = file_storage()
        try:
            if not storage.exists(self.storage_name):
                return "missing", "tệp không còn trong kho lưu trữ"
            digest = hashlib.sha256()
            size = 0
            with storage.open(self.storage_name, "rb") as f:
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except FileNotFoundError:
            return "missing", "tệp không còn trong kho lưu trữ"
        except OSError as exc:
            return "missing", f"không đọc được tệp trong kho lưu trữ ({exc.strerror or exc})"
        if size != self.size:
            return "altered", f"kích thước là {size} byte, khác {self.size} byte lúc lưu"
        if digest.hexdigest() != self.sha256:
            return "altered", "nội dung đã bị thay đổi (mã băm SHA-256 không khớp)"
        return None
