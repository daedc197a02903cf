"""Progress of long background tasks, so a page can show a progress bar while a worker runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobProgress(models.Model):
    task_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    ok = models.BooleanField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tiến độ tác vụ"
        verbose_name_plural = "tiến độ tác vụ"

    def __str__(self) -> str:
        return f"{self.name} {self.done}/{self.total or '?'}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.finished_at else 0
        return min(100, int(self.done * 100 / self.total))


class PeriodicRun(models.Model):
    """When a cluster-wide periodic job last ran: whoever moves `last_run_at` forward (one conditional UPDATE)
    runs it, so several servers running `vanphong periodic` never start it twice."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "việc định kỳ"
        verbose_name_plural = "việc định kỳ"

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """A notice on a person's desk ("Thông báo"): something that needs them, with a link to it.

    Its text never carries a classified title: it says what kind of record and at which level, and the link
    (behind the access policy) shows the rest.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField("nội dung", max_length=300)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    urgent = models.BooleanField("khẩn", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-urgent", "-created_at"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text
