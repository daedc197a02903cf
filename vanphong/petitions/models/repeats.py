"""What finds a letter's repeats without reading who wrote it, and the decisions people took on them.

MatchKey holds, per letter, keyed hashes (HMAC-SHA-256 under a key derived from the field key, cut to 63 bits)
of its senders' folded name and address tokens and of the MinHash bands of its redacted text: a new letter's
keys are looked up in one indexed query, so a sealed sender is matched without opening the seal and without
their name or address being stored anywhere in the clear. Fingerprint keeps the MinHash signature to score the
few candidates' content. RepeatDecision records what a person decided about a candidate: grouped into one case,
not the same matter, or (reversing a grouping, with a reason) ungrouped.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vanphong.petitions.models.case import Petition, PetitionCase


class MatchKey(models.Model):
    class Kind(models.IntegerChoices):
        NAME = 1, "Họ tên"
        NAME_PART = 2, "Chữ đầu và một tiếng của họ tên"
        ADDRESS = 3, "Địa chỉ"
        STREET = 4, "Số nhà, đường, thôn"
        BAND = 5, "Dải MinHash của nội dung"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="match_keys")
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    # Which sender of the letter (1, 2 …); 0 for the content's bands.
    part = models.PositiveSmallIntegerField(default=0)
    key = models.BigIntegerField()

    class Meta:
        verbose_name = "khóa đối chiếu đơn trùng"
        verbose_name_plural = "khóa đối chiếu đơn trùng"
        indexes = [
            # The lookup reads (key → letter) from the index alone.
            models.Index(fields=["key", "petition"], name="petition_matchkey_lookup"),
            models.Index(fields=["petition"], name="petition_matchkey_letter"),
        ]

    def __str__(self) -> str:
        return f"Khóa {self.get_kind_display()} của đơn #{self.petition_id}"


class Fingerprint(models.Model):
    """The MinHash signature of a letter's text (its senders' details taken out), to estimate how alike two
    letters are."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="fingerprint",
                                    primary_key=True)
    signature = models.BinaryField()
    # How many name-part keys each sender has, to score a partial name match (order: sender 1, 2 …).
    name_parts = models.CharField(max_length=200, blank=True)
    # The id of the field key the match keys were derived from: a key rotation rebuilds those of another.
    key_id = models.CharField(max_length=8, blank=True, db_index=True)

    class Meta:
        verbose_name = "dấu vân nội dung đơn"
        verbose_name_plural = "dấu vân nội dung đơn"

    def __str__(self) -> str:
        return f"Dấu vân của đơn #{self.petition_id}"


class RepeatDecision(models.Model):
    class Decision(models.TextChoices):
        GROUPED = "gop", "Gộp vào một vụ việc"
        NOT_SAME = "khong_trung", "Không phải cùng một việc"
        UNGROUPED = "tach", "Tách ra (hủy gộp)"

    letter = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="repeat_decisions",
                               verbose_name="đơn")
    other_case = models.ForeignKey(PetitionCase, on_delete=models.CASCADE, related_name="+",
                                   verbose_name="vụ việc có đơn trùng")
    # The case the letter was in before it was grouped, to put it back when ungrouped.
    from_case = models.ForeignKey(PetitionCase, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                  verbose_name="vụ việc trước khi gộp")
    decision = models.CharField("quyết định", max_length=12, choices=Decision.choices)
    reason = models.TextField("lý do", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="người quyết định")
    decided_at = models.DateTimeField("lúc", auto_now_add=True)
    # Set on a grouping when it is reversed: the ungrouping decision that undid it.
    undone_by = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="undoes")

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = "quyết định về đơn trùng"
        verbose_name_plural = "quyết định về đơn trùng"
        indexes = [models.Index(fields=["letter", "other_case"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: đơn #{self.letter_id} ↔ vụ việc #{self.other_case_id}"
