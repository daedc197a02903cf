"""Background tasks of letters. They carry no arguments and are safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders() -> int:
    """The periodic reminder pass (petitions.reminders); each threshold of each case's deadline reminds once."""
    from vanphong.petitions.reminders import run_reminders

    return run_reminders()
