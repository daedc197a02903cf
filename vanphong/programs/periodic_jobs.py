"""Periodic jobs of proposals: reminders to lead bodies that are late (registered on import).

Imported by the app's ready(), so it is also where the shipped appraisal checklist is put back after a flush.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models.signals import post_migrate

from vanphong.core.periodic import register


def _enqueue_reminders() -> None:
    from vanphong.programs.appraisal_tasks import send_proposal_reminders

    send_proposal_reminders.enqueue()


def _ensure_checklist(sender: object = None, **kwargs: object) -> None:
    from vanphong.programs.appraisal import ensure_checklist

    if getattr(sender, "label", None) == "programs":
        ensure_checklist(sender, **kwargs)  # type: ignore[arg-type]


register("programs.proposal_reminders", timedelta(hours=6), _enqueue_reminders)
post_migrate.connect(_ensure_checklist, dispatch_uid="programs.ensure_checklist")
