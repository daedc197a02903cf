"""Background tasks of letters. They carry no arguments and are safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders() -> int:
    """The periodic reminder pass (petitions.reminders); each threshold of each case's deadline reminds once."""
    from vanphong.petitions.reminders import run_reminders

    return run_reminders()


@task()
def read_mailbox() -> int:
    """Read the office's letters mailbox (VANPHONG_PETITIONS_MAILDIR) into the queue; nothing if none is set."""
    from django.conf import settings

    from vanphong.petitions.inbox import import_mailbox

    if not settings.VANPHONG_PETITIONS_MAILDIR:
        return 0
    return import_mailbox(settings.VANPHONG_PETITIONS_MAILDIR).imported
