"""The office's bulletins for the leak sweep: one issued bulletin per level, its marker in the title and in an
entry, shared with the tuyetmat specialist like the other records."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories import LEVELS, marker
from vanphong.infocenter.models import Bulletin, BulletinEntry


def add(office: Any) -> None:
    leader = office.users["leader"]
    for n, (key, level) in enumerate(LEVELS.items(), start=1):
        word = marker("cycbt" + key)
        b = Bulletin.objects.create(kind=Bulletin.Kind.DAILY, number=n, year=2020, title=f"Bản tin {word}",
                                    period_start=date(2020, 11, n), period_end=date(2020, 11, n),
                                    status=Bulletin.Status.ISSUED, classification=level, created_by=leader)
        BulletinEntry.objects.create(bulletin=b, position=1, heading=f"Mục {word}",
                                     summary=f"Tóm tắt {word}")
        b.shared_with_users.add(office.users["tuyetmat"])
        office.cycle[f"cycbt{key}"] = b
