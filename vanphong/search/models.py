"""The search change log: one row per record change, written in the same transaction as the change."""

from __future__ import annotations

from django.db import models


class SearchLog(models.Model):
    """The identity of this database's change log. An index remembers the log it follows, so an index folder
    left from another database (a test run, a replaced or restored database) is rebuilt instead of trusted."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)
    # Every change-log row up to this id has been pruned: an index whose cursor is below it must be rebuilt.
    pruned_through = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "nhật ký thay đổi tìm kiếm"

    def __str__(self) -> str:
        return self.token


class SearchChange(models.Model):
    """"Look at this record again": every index node applies these rows in id order after its own cursor."""

    class Op(models.TextChoices):
        UPSERT = "u", "cập nhật"
        DELETE = "d", "xóa"

    id = models.BigAutoField(primary_key=True)
    record_type = models.CharField("loại hồ sơ", max_length=40)
    record_id = models.BigIntegerField("mã hồ sơ")
    op = models.CharField("thao tác", max_length=1, choices=Op.choices, default=Op.UPSERT)
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "thay đổi cần đánh chỉ mục"
        verbose_name_plural = "thay đổi cần đánh chỉ mục"

    def __str__(self) -> str:
        return f"{self.op} {self.record_type}:{self.record_id}"


class SearchNode(models.Model):
    """An index node (an app server's index folder) and how far it has applied the log, so pruning keeps
    what every node still needs."""

    name = models.CharField("máy", max_length=200, unique=True)
    cursor = models.BigIntegerField("đã áp dụng đến")
    seen_at = models.DateTimeField("lần cuối báo")

    class Meta:
        verbose_name = "máy chủ chỉ mục"
        verbose_name_plural = "máy chủ chỉ mục"

    def __str__(self) -> str:
        return f"{self.name} @ {self.cursor}"
