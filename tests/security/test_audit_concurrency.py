"""Concurrent writers never fork the audit chain: every event links to exactly one predecessor."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories import give, make_user
from vanphong.security.audit import AuditEvent, verify_chain

WRITERS = 8
EACH = 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_keep_one_unbroken_chain():
    leader = make_user("lanh-dao-song-song")
    worker = make_user("chuyen-vien-song-song")
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                give(leader, f"Việc song song {n}-{i}", assignee=worker)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert AuditEvent.objects.filter(event_type="followup.assignment_created").count() == WRITERS * EACH
    assert list(verify_chain()) == []
