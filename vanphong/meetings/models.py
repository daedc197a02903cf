"""Meetings of the leadership bodies and what comes of them.

A meeting (a Central Committee plenum, a Politburo or Secretariat session, a national conference, a working
session of leaders) has an agenda built from ready programme items and their proposals, participants at one or
more bridge sites, opinions on each agenda item answered accept or explain, a draft conclusion in versions and
minutes locked once approved. What it decides is issued as a document (NQ, KL, CT, TB…); `Conclusion` ties that
document to the meeting, the agenda item and the proposal, so follow-up work can find its way back.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from vanphong.security.models import ClassifiedRecord
from vanphong.text import fold, normalize


class Meeting(ClassifiedRecord):
    class Kind(models.TextChoices):
        PLENUM = "hoi_nghi_tw", "Hội nghị Trung ương"
        POLITBURO = "phien_hop_bct", "Phiên họp Bộ Chính trị"
        SECRETARIAT = "phien_hop_bbt", "Phiên họp Ban Bí thư"
        CONFERENCE = "hoi_nghi_toan_quoc", "Hội nghị toàn quốc"
        WORKING = "lam_viec", "Buổi làm việc"

    class Status(models.TextChoices):
        PLANNED = "du_kien", "Dự kiến"
        PREPARED = "da_chuan_bi", "Đã chuẩn bị, gửi tài liệu"
        HELD = "da_hop", "Đã họp"
        CLOSED = "da_khoa_bien_ban", "Đã thông qua biên bản"
        CANCELLED = "huy", "Hoãn, hủy"

    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    body = models.ForeignKey("core.Body", on_delete=models.PROTECT, related_name="meetings",
                             verbose_name="cơ quan họp")
    # Hội nghị Trung ương lần thứ N; the session's running number otherwise (0 when not numbered).
    number = models.PositiveIntegerField("lần thứ", default=0)
    title = models.CharField("tên", max_length=300)
    title_key = models.CharField(max_length=300, editable=False, db_index=True)
    starts_at = models.DateTimeField("bắt đầu")
    ends_at = models.DateTimeField("kết thúc")
    place = models.CharField("địa điểm", max_length=200, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField("biên bản", blank=True)
    minutes_approved_at = models.DateTimeField("biên bản thông qua lúc", null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = "hội nghị, phiên họp"
        verbose_name_plural = "hội nghị, phiên họp"
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])


class AgendaItem(models.Model):
    """One matter of a meeting; its classification and access are the meeting's."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name="phiên họp")
    order = models.PositiveIntegerField("thứ tự", default=1)
    title = models.CharField("nội dung", max_length=500)
    proposal = models.ForeignKey("programs.Proposal", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="agenda_items", verbose_name="đề án")
    program_item = models.ForeignKey("programs.ProgramItem", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="agenda_items", verbose_name="mục chương trình")
    planned_minutes = models.PositiveIntegerField("thời lượng dự kiến (phút)", default=30)
    presenter = models.CharField("cơ quan, người trình bày", max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = "nội dung chương trình họp"
        verbose_name_plural = "nội dung chương trình họp"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        super().save(*args, **kwargs)


class Conclusion(models.Model):
    """What a meeting decided on an agenda item, issued as a document through the documents capability."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="conclusions",
                                verbose_name="phiên họp")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="conclusions", verbose_name="nội dung")
    proposal = models.ForeignKey("programs.Proposal", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="conclusions", verbose_name="đề án")
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="conclusion",
                                    verbose_name="văn bản kết luận")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "kết luận"
        verbose_name_plural = "kết luận"

    def __str__(self) -> str:
        return str(self.document)
