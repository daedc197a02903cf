"""The follow-up part of the demo: assignments from the issued conclusions, with progress and reminders."""

from __future__ import annotations

from vanphong.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    pass
