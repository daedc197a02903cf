"""Letters that came in by themselves, waiting for a handler to register them: e-mails imported into the
office's mailbox and letters sent through the public form (cổng thông tin).

A Submission holds what the sender wrote, sealed (security.crypto) like every sender's identity, because
nobody has yet decided whether it is a denunciation; its files are sealed too. Registering it makes an ordinary
letter (petitions.services.check_register_letter, which seals or stores each file as the letter's protection
says) and wipes the submission's sealed copy; what stays is the link, so the sender's reference still answers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from vanphong.petitions.models.case import Petition
from vanphong.petitions.models.sealing import SealedValue


class Submission(SealedValue):
    class Status(models.TextChoices):
        WAITING = "cho", "Chờ vào sổ"
        REGISTERED = "da_vao_so", "Đã vào sổ"
        DISCARDED = "loai", "Không vào sổ"

    CHANNELS = [(c.value, c.label) for c in (Petition.Channel.EMAIL, Petition.Channel.WEB)]

    channel = models.CharField("hình thức nhận", max_length=16, choices=CHANNELS)
    # Given to whoever sent it through the public form, to ask later what became of it; not guessable.
    reference = models.CharField("mã tra cứu", max_length=16, unique=True)
    received_at = models.DateTimeField("thời điểm nhận", default=timezone.now)
    # Of an e-mail: the SHA-256 of the message as received and of its Message-ID, so the same message imported
    # twice (two exports, the mailbox read again) is recognised and not registered twice.
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    message_key = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.WAITING)
    letter = models.OneToOneField(Petition, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="submission", verbose_name="đơn đã vào sổ")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="người nhập")
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="người xử lý")
    handled_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField("lý do không vào sổ", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = "đơn chờ vào sổ"
        verbose_name_plural = "đơn chờ vào sổ"
        indexes = [models.Index(fields=["status", "received_at"], name="submission_queue")]
        # Two imports of one message at the same moment (the mailbox task and a person) still make one.
        constraints = [
            models.UniqueConstraint(fields=["sha256"], condition=~models.Q(sha256=""), name="submission_email_once"),
            models.UniqueConstraint(fields=["message_key"], condition=~models.Q(message_key=""),
                                    name="submission_message_once"),
        ]

    def __str__(self) -> str:
        return f"Đơn chờ vào sổ {self.reference}"

    def context(self) -> str:
        return f"petitions.submission:{self.reference}"


class SubmissionFile(SealedValue):
    """A file that came with a submission, sealed, with its fixity: the e-mail as received (.eml) or a file
    attached to it or uploaded with the form. Files the store would refuse are not kept apart (the .eml still
    holds them); the submission lists them with the reason."""

    class Role(models.TextChoices):
        ORIGINAL = "thu_goc", "Thư điện tử gốc"
        ATTACHMENT = "dinh_kem", "Tệp gửi kèm"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    order = models.PositiveSmallIntegerField(default=1)
    role = models.CharField(max_length=10, choices=Role.choices)
    name = models.CharField("tên tệp", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    mime_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "tệp của đơn chờ vào sổ"
        verbose_name_plural = "tệp của đơn chờ vào sổ"
        constraints = [models.UniqueConstraint(fields=["submission", "order"], name="submission_file_order")]

    def __str__(self) -> str:
        return self.name

    def context(self) -> str:
        return f"petitions.submission_file:{self.submission_id}:{self.order}:{self.sha256}"
