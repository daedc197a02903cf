"""The information centre's part of the demo (filled below)."""

from __future__ import annotations

from vanphong.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    ctx.report.parts["infocenter"] = {"items": 0}
