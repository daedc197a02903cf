"""Makers for the follow-up tests: an issued conclusion with points, and bodies to give them to."""

from __future__ import annotations

from datetime import date
from typing import Any

from vanphong.core.models import Body
from vanphong.documents.models import Document, DocumentType, Issuer

BODY = """Bộ Chính trị kết luận như sau:
I. Đánh giá chung
Việc triển khai đạt nhiều kết quả.
II. Nhiệm vụ thời gian tới
1. Hoàn thiện thể chế
Các cơ quan rà soát quy định.
2. Về hạ tầng, dữ liệu
a) Kết nối cơ sở dữ liệu"""


def issued_conclusion(creator: Any, *, classification: int = 0, summary: str = "về chuyển đổi số",
                      issued_on: date = date(2026, 3, 28), number: int = 21) -> Document:
    doc = Document.objects.create(
        direction=Document.Direction.OUTGOING, status=Document.Status.ISSUED,
        doc_type=DocumentType.objects.filter(system="party", code="KL").first(),
        issuer=Issuer.objects.get(system="party", code="TW"), issuer_name="Bộ Chính trị",
        number=number, symbol=f"{number}-KL/TW", issued_on=issued_on, summary=summary, body=BODY,
        classification=classification, created_by=creator,
    )
    return doc


def provinces(n: int = 2) -> list[Body]:
    return list(Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE, place__isnull=False).order_by("pk")[:n])
