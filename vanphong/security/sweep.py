"""Leak-sweep registrations for the audit pages."""

from vanphong.core.models import JobProgress
from vanphong.security.leak_sweep import ValueParam, register_page


def _jobs() -> list[str]:
    return list(JobProgress.objects.values_list("task_id", flat=True)[:3]) or ["khong-co"]


register_page("security:audit_progress", task_id=ValueParam(_jobs))
