"""Who does what in the demo's year of documents, and when: the office's people by role, unit and clearance,
the working days of the past twelve months, and the shares of levels and urgencies.

Every pick takes a clearance: a person only ever handles what they may see. Where nobody of the usual role is
cleared high enough (no clerk of the demo office holds Tuyệt mật), the Chief of Office does it, as happens
with the most secret documents.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from django.utils import timezone

from vanphong.core.demo import DemoContext, DemoStaff
from vanphong.core.models import Unit
from vanphong.core.roles import Role
from vanphong.documents.demo.rows import History, Rows
from vanphong.security.classification import Classification, Urgency

T = TypeVar("T")

# Shares, most ordinary first (Thường, Mật, Tối mật, Tuyệt mật; Thường, Khẩn, Thượng khẩn, Hỏa tốc).
INCOMING_LEVELS = (72, 18, 7, 3)
OUTGOING_LEVELS = (75, 16, 7, 2)
URGENCIES = (72, 17, 8, 3)
# The named accounts whose desks get their work through the services (demo.desks), not from history.
NAMED_LEADERS = ("demo-lanhdao", "demo-chanhvanphong")
NAMED_SPECIALISTS = ("demo-thuong", "demo-mat", "demo-toimat")


class DemoOffice:
    def __init__(self, ctx: DemoContext, seed_offset: int) -> None:
        self.ctx = ctx
        self.rng = random.Random(ctx.seed + seed_offset)
        self.today = ctx.today
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        # The year of history ends yesterday evening: what happens today is the named accounts' work in progress.
        self.limit = self.moment(self.today - timedelta(days=1), time(20, 0))
        first = self.today - timedelta(days=365)
        self.days = [d for d in (first + timedelta(days=n) for n in range(365)) if d.weekday() < 5 and d < self.today]
        self.rows = Rows()
        self.history = History(min(self.now, self.limit + timedelta(hours=3)))
        self.named = {name: ctx.named[name] for name in ctx.named}
        self.reserved = {ctx.named[n].username for n in (*NAMED_LEADERS, *NAMED_SPECIALISTS, "demo-vanthu",
                                                         "demo-lanhdao-tonghop") if n in ctx.named}
        leaders = [s for s in ctx.staff if s.role == Role.OFFICE_LEADER]
        self.chief = ctx.chief
        self.deputies = [s for s in leaders if s.post == "deputy_chief"]
        self.clerks = [s for s in ctx.by_unit.get("van-thu", []) if s.role == Role.CLERK]

    # --- time ------------------------------------------------------------------------------------------------
    def moment(self, day: date, at: time | None = None) -> datetime:
        """A local time on `day` within office hours (or the given time), as an aware datetime."""
        if at is None:
            at = time(self.rng.randint(7, 16), self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))
        return timezone.make_aware(datetime.combine(day, at), self.tz)

    def cap(self, at: datetime) -> datetime:
        return min(at, self.limit)

    def later(self, at: datetime, low_hours: float, high_hours: float) -> datetime:
        return self.cap(self.in_hours(at + timedelta(hours=self.rng.uniform(low_hours, high_hours))))

    def in_hours(self, at: datetime) -> datetime:
        """`at` moved into office hours: a weekend to the Monday morning, a night to the edge of the day."""
        local = timezone.localtime(at, self.tz)
        if local.weekday() >= 5:
            local = (local + timedelta(days=7 - local.weekday())).replace(hour=7, minute=self.rng.randint(30, 59))
        if local.hour < 7:
            local = local.replace(hour=7, minute=self.rng.randint(30, 59))
        elif local.hour >= 17:
            local = local.replace(hour=16, minute=self.rng.randint(30, 59))
        return local

    def local_day(self, at: datetime) -> date:
        return timezone.localtime(at, self.tz).date()

    def working_day_after(self, day: date, low: int, high: int) -> date | None:
        """A working day `low`..`high` days after `day`, before today; None if there is none."""
        later = [d for d in self.days if low <= (d - day).days <= high]
        return self.rng.choice(later) if later else None

    # --- shares ----------------------------------------------------------------------------------------------
    def spread(self, n: int, weights: Sequence[int], values: Sequence[T], minimum: int = 2) -> list[T]:
        """`n` values in these shares, each at least `minimum` times, shuffled: every level is always there."""
        values = list(values)[: len(weights)]
        weights = list(weights)[: len(values)]
        total = sum(weights)
        counts = [max(minimum, round(n * w / total)) for w in weights]
        counts[0] += n - sum(counts)
        out = [v for v, c in zip(values, counts, strict=True) for _ in range(c)]
        self.rng.shuffle(out)
        return out

    def levels(self, n: int, weights: Sequence[int]) -> list[Classification]:
        return self.spread(n, weights, self.ctx.levels)

    def urgencies(self, n: int) -> list[Urgency]:
        return self.spread(n, URGENCIES, list(Urgency))

    def weighted(self, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
        return self.rng.choices(list(rows), [r.get("weight", 1) for r in rows])[0]

    # --- people ----------------------------------------------------------------------------------------------
    def unit(self, code: str) -> Unit:
        return self.ctx.units[code]

    def cleared(self, people: Sequence[DemoStaff], level: int, free: bool = False) -> list[DemoStaff]:
        """Who of `people` may see `level`; `free`: leaving out the named accounts (their desks are scripted)."""
        return [s for s in people if s.clearance >= level and not (free and s.username in self.reserved)]

    def workers(self, code: str, level: int, free: bool = False) -> list[DemoStaff]:
        return self.cleared([s for s in self.ctx.by_unit.get(code, []) if s.post in ("deputy", "staff")], level, free)

    def members(self, code: str, level: int) -> list[DemoStaff]:
        return self.cleared(self.ctx.by_unit.get(code, []), level)

    def worker(self, code: str, level: int, free: bool = False) -> DemoStaff | None:
        found = self.workers(code, level, free)
        return self.rng.choice(found) if found else None

    def unit_for(self, code: str, level: int) -> str:
        """`code` if someone there may handle `level`, else a unit where someone may (the most secret work)."""
        if self.workers(code, level):
            return code
        able = [c for c in self.ctx.units if self.workers(c, level)]
        return able[0] if able else code

    def reviewer(self, code: str, level: int, not_: DemoStaff | None = None, free: bool = False) -> DemoStaff:
        """The unit's head or a deputy (they hold the review right), else an office leader cleared for it."""
        heads = [s for s in self.cleared(self.ctx.by_unit.get(code, []), level, free)
                 if s.role == Role.UNIT_HEAD and s is not not_]
        if heads:
            return self.rng.choice(heads)
        return self.leader(level, free=free)

    def clerk(self, level: int, free: bool = False) -> DemoStaff:
        found = self.cleared(self.clerks, level, free)
        return self.rng.choice(found) if found else self.chief

    def leader(self, level: int, free: bool = False, deputies_only: bool = False) -> DemoStaff:
        """An office leader cleared for `level`: the deputies most of the time, the Chief for the rest."""
        found = self.cleared(self.deputies, level, free)
        if found and (deputies_only or self.rng.random() < 0.8):
            return self.rng.choice(found)
        return self.chief
