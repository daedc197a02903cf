from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from vanphong.core.demo import DemoContext


class ProgramsConfig(AppConfig):
    name = "vanphong.programs"
    label = "programs"
    verbose_name = "Chương trình công tác, đề án"

    def ready(self) -> None:
        from vanphong.core.demo import register_demo_part
        from vanphong.documents import panels
        from vanphong.programs import periodic_jobs  # noqa: F401  (registers the reminders)
        from vanphong.programs.panels import dossier_panel

        register_demo_part(demo_programmes)
        register_demo_part(demo_proposals)
        # A dossier document's page leads back to its proposal.
        panels.register(dossier_panel)


def demo_programmes(ctx: DemoContext) -> None:
    """The year's programmes of the BCT and BBT, with quarters, months and weeks (programs/demo_programmes.py)."""
    from vanphong.programs import demo_programmes as part

    if hasattr(part, "build"):
        part.build(ctx)


def demo_proposals(ctx: DemoContext) -> None:
    """Proposals for those items at every stage of appraisal (programs/demo_appraisal.py)."""
    from vanphong.programs import demo_appraisal as part

    if hasattr(part, "build"):
        part.build(ctx)
