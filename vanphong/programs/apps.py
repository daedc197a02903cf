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
        from vanphong.programs import periodic_jobs  # noqa: F401  (registers the reminders)

        register_demo_part(demo_programmes)
        register_demo_part(demo_proposals)


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
