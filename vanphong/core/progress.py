"""Report the progress of a long task: rows that pages poll, written outside the task's own transaction."""

from __future__ import annotations

from django.utils import timezone

from vanphong.core.models import JobProgress


def start(task_id: str, name: str, total: int | None = None) -> None:
    JobProgress.objects.update_or_create(
        task_id=task_id, defaults={"name": name, "total": total, "done": 0, "ok": None, "finished_at": None}
    )


def advance(task_id: str, done: int, total: int | None = None, message: str = "") -> None:
    fields: dict[str, object] = {"done": done, "updated_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message[:500]
    JobProgress.objects.filter(task_id=task_id).update(**fields)


def finish(task_id: str, *, ok: bool, message: str) -> None:
    JobProgress.objects.filter(task_id=task_id).update(ok=ok, message=message[:500], finished_at=timezone.now())
