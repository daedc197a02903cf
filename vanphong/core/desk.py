"""What an app puts on a person's desk: rows of one shape, so the desk shows every capability the same way.

Each app's queries expose `desk(user, today, limit) -> list[DeskRow]`, already filtered by the access policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vanphong.security.classification import Classification


@dataclass(frozen=True)
class DeskRow:
    kind: str  # what the row is, shown as a tag: "Thẩm định", "Ý kiến cần tiếp thu", "Phiên họp"
    title: str
    url: str
    due: date | None = None
    overdue: bool = False
    note: str = ""  # one short line: the step, the body, "còn 3 ngày"
    classification: int = 0
    urgent: bool = False

    @property
    def classification_label(self) -> str:
        return str(Classification(self.classification).label) if self.classification else ""
