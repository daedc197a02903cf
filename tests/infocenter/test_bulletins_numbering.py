"""Bulletin numbers under concurrency: approvers issuing at the same moment take 1…N of the kind's year, no gap
and no duplicate, each in the transaction that renders and records its bulletin (real transactions, threads)."""

from __future__ import annotations

import pytest

from tests.documents.test_numbering import concurrently
from tests.factories import make_user
from tests.infocenter.bulletin_helpers import DAY, grant, make_event
from vanphong.core.roles import Role
from vanphong.documents.models import NumberSequence
from vanphong.infocenter.bulletins import services
from vanphong.infocenter.models import Bulletin
from vanphong.security.classification import Classification

ISSUERS = 4


@pytest.mark.django_db(transaction=True)
def test_bulletins_issued_at_once_are_numbered_1_to_n(office):
    composer = grant(make_user("bt-soan", clearance=Classification.MAT, unit=office.unit, roles=(Role.ANALYST,)),
                     "add_bulletin")
    approver = make_user("bt-duyet", clearance=Classification.MAT, unit=office.unit, roles=(Role.UNIT_HEAD,))
    event = make_event(office.leader, "Lũ lớn ở Quảng Trị", ["Sáng 5/11, lũ lớn làm ngập 2.000 ha lúa ở Quảng Trị."])
    ids = []
    for _ in range(ISSUERS):
        b = services.check_create_bulletin(composer, services.NewBulletin(kind="ngay", period_start=DAY))
        services.check_add_events(composer, b.pk, 1, [event.pk])
        services.check_step(composer, b.pk, "submit", 2)
        services.check_step(approver, b.pk, "approve", 3)
        ids.append(b.pk)

    def issue(i: int) -> int:
        b = services.check_step(approver, ids[i], "issue", 4, readers=services.Readers([office.thuong], []))
        return int(b.number)

    out = concurrently(issue, ISSUERS)
    assert not out.errors, out.report()
    assert sorted(out.numbers) == list(range(1, ISSUERS + 1)), out.report()
    assert NumberSequence.objects.get(key="bulletin:ngay:2026").last == ISSUERS
    assert sorted(Bulletin.objects.filter(pk__in=ids).values_list("number", flat=True)) == list(range(1, ISSUERS + 1))
