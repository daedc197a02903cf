"""The bulletins of the demo: an issued daily bulletin of the latest day with events and a weekly one in draft,
composed by a specialist of the information centre from whatever events the demo made, and approved by the
Chief of Office. Everything goes through the services, so numbers, rendering, audit, notices and search are as in
real use. Call `build(ctx)` after the demo's items and events exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max

from vanphong.core.demo import DemoContext
from vanphong.core.models import Unit, User
from vanphong.infocenter.bulletins import queries, services
from vanphong.infocenter.bulletins.flows import APPROVE_RIGHT, COMPOSE_RIGHT
from vanphong.infocenter.models import Bulletin, Event
from vanphong.security.classification import Classification

CENTRE = "thong-tin-du-lieu"
READER_UNITS = ("tong-hop", "thu-ky-bien-tap", "noi-chinh", "kinh-te")
DAILY_EVENTS = 5
WEEKLY_EVENTS = 4
FORECAST = ("Dư luận tiếp tục quan tâm; cần theo dõi diễn biến trong các ngày tới và kịp thời báo cáo lãnh đạo "
            "nếu phát sinh vấn đề phức tạp.")


def build(ctx: DemoContext) -> None:
    staff = [s.account for s in ctx.by_unit.get(CENTRE, []) if s.user is not None]
    composer = next((u for u in staff if u.has_perm(COMPOSE_RIGHT)), None)
    approver = ctx.chief.account if ctx.chief.user is not None else None
    units = [ctx.units[c] for c in READER_UNITS if c in ctx.units]
    made = make_bulletins(composer, approver, units, [approver] if approver else [])
    ctx.report.parts["bulletins"] = {"bulletins": made}


def _events(user: User, day: date, kind: str) -> tuple[Bulletin | None, list[Event]]:
    """A new Thường bulletin of `kind` for the period of `day` and the Thường events offered for it (notable
    first, then largest); no bulletin when there is nothing to put in it."""
    start, end = services.period_for(kind, day)
    offered = [e for s in queries.offered_for(user, start, end) for e in s.entries
               if e.classification == Classification.THUONG]
    if not offered:
        return None, []
    return services.check_create_bulletin(user, services.NewBulletin(kind=kind, period_start=day)), offered


def make_bulletins(composer: User | None, approver: User | None, units: list[Unit], people: list[User]) -> int:
    """Two bulletins from the events `composer` may see: the latest day's, issued to `units` and `people`, and
    the week's, in draft. Returns how many were made (0 when there are no events or no one to compose)."""
    if composer is None or approver is None or approver.pk == composer.pk or not approver.has_perm(APPROVE_RIGHT):
        return 0
    latest = queries.visible_events(composer).aggregate(d=Max("last_day"))["d"]
    if latest is None:
        return 0
    made = 0
    daily, offered = _events(composer, latest, Bulletin.Kind.DAILY)
    if daily is not None:
        chosen = offered[:DAILY_EVENTS]
        services.check_add_events(composer, daily.pk, _version(daily), [e.pk for e in chosen])
        _edit(composer, daily)
        for step, actor in (("submit", composer), ("approve", approver)):
            services.check_step(actor, daily.pk, step, _version(daily))
        services.check_step(approver, daily.pk, "issue", _version(daily),
                            readers=services.Readers(list(people), list(units)))
        made += 1
    weekly, offered = _events(composer, latest, Bulletin.Kind.WEEKLY)
    if weekly is not None:
        services.check_add_events(composer, weekly.pk, _version(weekly), [e.pk for e in offered[:WEEKLY_EVENTS]])
        made += 1
    return made


def _version(b: Bulletin) -> int:
    return int(Bulletin.objects.values_list("version", flat=True).get(pk=b.pk))


def _edit(composer: User, b: Bulletin) -> Any:
    """What an editor does: an intro, and a forecast on the first (most notable) entry."""
    entries = queries.entries_of(b)
    return services.check_save(composer, b.pk, _version(b), services.BulletinEdit(
        title=b.title, classification=b.classification,
        intro="Bản tin tổng hợp tình hình nổi bật trong ngày theo các lĩnh vực, phục vụ lãnh đạo.",
        entries=[services.EntryEdit(e.pk, e.heading, e.summary, FORECAST if n == 0 else e.comment, e.section,
                                    e.position) for n, e in enumerate(entries)]))
