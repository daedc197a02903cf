"""Background tasks of the security app."""

from __future__ import annotations

from functools import partial

from django_tasks import TaskContext, task

from vanphong.core import progress
from vanphong.security.audit import AuditEvent, verify_chain


@task(takes_context=True)
def verify_audit_chain(context: TaskContext) -> dict[str, object]:
    """Walk the whole chain, reporting progress. Read-only and without arguments, so a retry is harmless."""
    task_id = str(context.task_result.id)
    total = AuditEvent.objects.count()
    progress.start(task_id, "Kiểm tra chuỗi nhật ký", total)
    broken = next(verify_chain(on_progress=partial(progress.advance, task_id)), None)
    if broken is None:
        progress.advance(task_id, total)
        progress.finish(task_id, ok=True, message=f"Chuỗi nhật ký nguyên vẹn: {total} sự kiện.")
        return {"ok": True, "events": total}
    progress.finish(task_id, ok=False, message=f"Chuỗi bị phá vỡ tại sự kiện #{broken.seq}: {broken.reason}.")
    return {"ok": False, "seq": broken.seq, "reason": broken.reason}
