"""Meetings of the leadership bodies and what comes of them.

A meeting (a Central Committee plenum, a Politburo or Secretariat session, a national conference, a working
session of leaders) has an agenda built from ready programme items and their proposals, participants at one or
more bridge sites, opinions on each agenda item answered accept or explain, a draft conclusion in versions and
minutes locked once approved. What it decides is issued as a document (NQ, KL, CT, TB…); `Conclusion` ties that
document to the meeting, the agenda item and the proposal, so follow-up work can find its way back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
    # --- beyond the skeleton ---
    # The office's unit that prepares the meeting: its specialists answer the opinions and draft the conclusion.
    office_unit = models.ForeignKey("core.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="meetings", verbose_name="đơn vị chuẩn bị")
    # Who last wrote the minutes: the one who approves them must be someone else (four eyes).
    minutes_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="người ghi biên bản")
    minutes_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+",
                                            verbose_name="người thông qua biên bản")
    # When the organisers were reminded that the meeting is near and its agenda not yet fixed (once).
    reminded_at = models.DateTimeField("đã nhắc chuẩn bị lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = "hội nghị, phiên họp"
        verbose_name_plural = "hội nghị, phiên họp"
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["status", "starts_at"])]
        permissions = [("organise_meeting", "Chuẩn bị, tổ chức hội nghị, phiên họp của các cơ quan lãnh đạo")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = normalize(self.title)
        self.title_key = fold(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def length_minutes(self) -> int:
        return max(0, int((self.ends_at - self.starts_at).total_seconds() // 60))

    @property
    def minutes_locked(self) -> bool:
        return self.status == self.Status.CLOSED


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
    # The version of the draft conclusion the document was made from.
    draft = models.ForeignKey("meetings.ConclusionDraft", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="từ dự thảo")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "kết luận"
        verbose_name_plural = "kết luận"

    def __str__(self) -> str:
        return str(self.document)


class MeetingSite(models.Model):
    """A bridge site (điểm cầu) of an online meeting: the main hall and the provinces' halls."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sites", verbose_name="phiên họp")
    name = models.CharField("tên điểm cầu", max_length=200)
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name="tỉnh, thành phố")
    is_main = models.BooleanField("điểm cầu chính", default=False)

    class Meta:
        ordering = ["meeting", "-is_main", "name"]
        verbose_name = "điểm cầu"
        verbose_name_plural = "điểm cầu"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name).strip()
        super().save(*args, **kwargs)


class Participant(models.Model):
    """A person who takes part in a meeting, with their role, their bridge site and the level they may receive."""

    class Role(models.TextChoices):
        CHAIR = "chu_tri", "Chủ trì"
        MEMBER = "thanh_vien", "Thành viên"
        INVITED = "moi_du", "Mời dự"
        SECRETARY = "thu_ky", "Thư ký"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants",
                                verbose_name="phiên họp")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="meeting_roles",
                               verbose_name="người dự")
    role = models.CharField("vai trò", max_length=12, choices=Role.choices, default=Role.MEMBER)
    site = models.ForeignKey(MeetingSite, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="participants", verbose_name="điểm cầu")
    # The highest level of document this participant may receive; for a person with an account, never above
    # the account's clearance (see meetings.packets).
    clearance = models.IntegerField("độ mật được nhận tài liệu", default=0)
    # An invited guest receives the dossiers of these agenda items only (none listed: of every item).
    items = models.ManyToManyField(AgendaItem, blank=True, related_name="invitees", verbose_name="dự các nội dung")
    packet_sent_at = models.DateTimeField("gửi tài liệu lúc", null=True, blank=True)

    class Meta:
        ordering = ["meeting", "role", "pk"]
        verbose_name = "người dự họp"
        verbose_name_plural = "người dự họp"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="participant_once_per_meeting")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:packet", args=[self.pk])


class MeetingDocument(models.Model):
    """A document of the meeting itself (the programme, a report for the members), beside the proposals'."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="meeting_documents",
                                verbose_name="phiên họp")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="meeting_uses",
                                 verbose_name="văn bản, tài liệu")
    # Not for invited guests: for the chair, the members and the secretary only.
    members_only = models.BooleanField("chỉ gửi thành viên", default=False)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = "tài liệu phiên họp"
        verbose_name_plural = "tài liệu phiên họp"
        constraints = [models.UniqueConstraint(fields=["meeting", "document"], name="meeting_document_once")]

    def __str__(self) -> str:
        return str(self.document_id)


class Opinion(models.Model):
    """An opinion on an agenda item, from a participant or from a body in writing, answered accept or explain."""

    class Response(models.TextChoices):
        NONE = "", "Chưa trả lời"
        ACCEPT = "tiep_thu", "Tiếp thu"
        EXPLAIN = "giai_trinh", "Giải trình"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="opinions",
                                    verbose_name="nội dung")
    author_person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name="người cho ý kiến")
    author_body = models.ForeignKey("core.Body", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="cơ quan cho ý kiến bằng văn bản")
    text = models.TextField("ý kiến")
    received_at = models.DateTimeField("nhận lúc")
    response = models.CharField("tiếp thu, giải trình", max_length=12, choices=Response.choices, blank=True)
    answer = models.TextField("nội dung tiếp thu, giải trình", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="người trả lời")
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["agenda_item", "received_at", "pk"]
        verbose_name = "ý kiến"
        verbose_name_plural = "ý kiến"
        indexes = [models.Index(fields=["agenda_item", "response"])]

    def __str__(self) -> str:
        return self.author

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = normalize(self.text).strip()
        self.answer = normalize(self.answer).strip()
        super().save(*args, **kwargs)

    @property
    def author(self) -> str:
        if self.author_person_id and self.author_person is not None:
            return self.author_person.full_name
        return self.author_body.name if self.author_body is not None else ""

    @property
    def is_answered(self) -> bool:
        return bool(self.response)


class ConclusionDraft(models.Model):
    """One version of the draft conclusion of a meeting (or of one agenda item); versions are never changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="drafts", verbose_name="phiên họp")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="drafts", verbose_name="nội dung")
    number = models.PositiveIntegerField("dự thảo lần")
    text = models.TextField("nội dung dự thảo")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "agenda_item", "number"]
        verbose_name = "dự thảo kết luận"
        verbose_name_plural = "dự thảo kết luận"
        constraints = [models.UniqueConstraint(fields=["meeting", "agenda_item", "number"],
                                               name="conclusion_draft_number")]

    def __str__(self) -> str:
        return f"Dự thảo lần {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = normalize(self.text).strip()
        self.note = normalize(self.note).strip()
        super().save(*args, **kwargs)
