"""Timing helpers and the one output format: a JSON line {"name", "value", "unit"} per figure on stdout."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    line = {"name": name, "value": round(value, 3), "unit": unit, **extra}
    print(json.dumps(line, ensure_ascii=False), flush=True)


def say(message: str) -> None:
    """Progress and diagnostics go to stderr, so stdout stays machine-readable."""
    print(message, file=sys.stderr, flush=True)


def timed(fn: Callable[[], Any]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / 1e6


def percentile(samples: list[float], pct: int) -> float:
    # Inclusive method: with 200 samples p95 lies between the 190th and 191st, never beyond the data.
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    return percentile(samples, 95)


def judge(figures: dict[str, float], targets: dict[str, tuple[float, str]], parts: tuple[str, ...] = ("",)
          ) -> list[str]:
    """Say on stderr whether each target (name: (value, "max" or "min")) whose name starts with one of `parts`
    was met; returns the names of those missed."""
    missed = []
    for name, (target, kind) in targets.items():
        if not name.startswith(parts):
            continue
        if name not in figures:
            say(f"bench: {name}: not measured")
            continue
        value = figures[name]
        met = value <= target if kind == "max" else value >= target
        sign = "≤" if kind == "max" else "≥"
        say(f"bench: {name} = {value:.2f} (target {sign} {target:g}): {'met' if met else 'MISSED'}")
        if not met:
            missed.append(name)
    return missed
