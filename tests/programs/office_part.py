"""The programme part of the test office: one ProgramItem per level with its marker (keys "cycitem" + level)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories import LEVELS, marker


def programme(office: Any) -> Any:
    from vanphong.core.models import Body, Term
    from vanphong.programs.models.programme import WorkProgram

    term, _ = Term.objects.get_or_create(number=14, defaults={"name": "Khóa XIV", "start": date(2026, 1, 1)})
    body = Body.objects.get(short_name="BCT", kind="lanh_dao")
    program, _ = WorkProgram.objects.get_or_create(
        body=body, term=term, period=WorkProgram.Period.YEAR, year=2026, number=0,
        defaults={"start": date(2026, 1, 1), "end": date(2026, 12, 31),
                  "title": "Chương trình công tác năm 2026 của Bộ Chính trị", "created_by": office.users["leader"]})
    return program


def add(office: Any) -> None:
    from vanphong.core.models import Body
    from vanphong.programs.models.programme import ProgramItem

    program = programme(office)
    lead = Body.objects.exclude(kind="lanh_dao").first() or program.body
    for key, level in LEVELS.items():
        item = ProgramItem.objects.create(
            program=program, title=f"Đề án thử {key} {marker('cycitem' + key)}", lead_body=lead,
            planned_start=date(2026, 3, 1), planned_end=date(2026, 6, 30), classification=level,
            created_by=office.users["leader"])
        item.shared_with_users.add(office.users["tuyetmat"])
        office.cycle["cycitem" + key] = item
