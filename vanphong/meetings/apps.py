from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from vanphong.core.demo import DemoContext


class MeetingsConfig(AppConfig):
    name = "vanphong.meetings"
    label = "meetings"
    verbose_name = "Hội nghị, phiên họp"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from vanphong.core.demo import register_demo_part
        from vanphong.documents import panels
        from vanphong.documents.models import Document
        from vanphong.meetings.conclusions import document_panel

        # A conclusion's document signed (issued) decides its proposal, whoever takes the step and wherever.
        post_save.connect(_document_saved, sender=Document, dispatch_uid="meetings.conclusion_issued")
        register_demo_part(demo_meetings)
        # A conclusion's page leads back to its meeting and on to giving its points.
        panels.register(document_panel)
        from datetime import timedelta

        from vanphong.core import periodic
        from vanphong.meetings.tasks import enqueue_due

        periodic.register("meetings.remind_preparation", timedelta(hours=1), enqueue_due)


def _document_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from vanphong.meetings.conclusions import ISSUED, sync_decided

    if not created and instance.status in ISSUED and kwargs.get("raw") is not True:
        sync_decided(instance)


def demo_meetings(ctx: DemoContext) -> None:
    """A year of Politburo and Secretariat sessions, plenums, opinions and issued conclusions (meetings/demo.py)."""
    from vanphong.meetings import demo

    demo.build(ctx)
