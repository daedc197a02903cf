"""The audit chain: every change leaves a hash-chained event; tampering is found and named."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tests.factories import give
from vanphong.followup.services import check_change_status
from vanphong.security.audit import AuditEvent, AuditImmutable, record_event, verify_chain


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_change_writes_an_event_in_the_chain(office):
    before = AuditEvent.objects.count()
    a = office.records["thuong"]
    check_change_status(office.tuyetmat, a.pk, "dang_xu_ly", a.version)
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.event_type == "followup.assignment_status"
    assert event.actor_id == office.tuyetmat.pk
    assert event.old["status"] == "moi" and event.new["status"] == "dang_xu_ly"
    assert list(verify_chain()) == []


def test_a_change_that_fails_leaves_no_event_and_no_change(office):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        give(office.leader, "Việc sẽ bị hủy", assignee=office.thuong)
        raise RuntimeError("lỗi giữa chừng")
    assert AuditEvent.objects.count() == before
    assert not office.leader.assignments.filter(title="Việc sẽ bị hủy").exists()


def test_recording_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        record_event("test.outside")


def test_the_application_cannot_edit_or_delete_events(office):
    event = AuditEvent.objects.first()
    event.event_type = "sửa"
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        event.delete()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(event_type="sửa")
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.all().delete()


def test_verify_passes_on_an_intact_chain(office, capsys):
    call_command("audit", "verify")
    assert "nguyên vẹn" in capsys.readouterr().out


def test_verify_names_a_hand_edited_event(office):
    victim = AuditEvent.objects.order_by("seq")[2]
    _raw("UPDATE security_auditevent SET new = %s WHERE id = %s", ['{"status": "hoan_thanh"}', victim.pk])
    with pytest.raises(CommandError, match=f"#{victim.seq}.*bị sửa"):
        call_command("audit", "verify")


def test_verify_finds_an_edit_that_also_recomputes_the_hash(office):
    # A forger who recomputes the edited row's hash still breaks the link to the next row.
    victim = AuditEvent.objects.order_by("seq")[1]
    victim.actor_label = "người khác"
    forged = victim.computed_hash()
    _raw("UPDATE security_auditevent SET actor_label = %s, hash = %s WHERE id = %s",
         ["người khác", forged, victim.pk])
    broken = list(verify_chain())
    assert broken and broken[0].seq == victim.seq + 1


def test_verify_finds_a_removed_event(office):
    victim = AuditEvent.objects.order_by("seq")[1]
    _raw("DELETE FROM security_auditevent WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError, match=f"thiếu sự kiện #{victim.seq}"):
        call_command("audit", "verify")


def test_verify_finds_the_last_event_removed(office):
    last = AuditEvent.objects.order_by("-seq").first()
    _raw("DELETE FROM security_auditevent WHERE id = %s", [last.pk])
    with pytest.raises(CommandError, match="đỉnh chuỗi"):
        call_command("audit", "verify")


def test_verify_finds_reordered_events(office):
    first, second = AuditEvent.objects.order_by("seq")[:2]
    # Swap the sequence numbers of two rows (through a free value, to respect the unique index).
    _raw("UPDATE security_auditevent SET seq = %s WHERE id = %s", [-1, first.pk])
    _raw("UPDATE security_auditevent SET seq = %s WHERE id = %s", [first.seq, second.pk])
    _raw("UPDATE security_auditevent SET seq = %s WHERE id = %s", [second.seq, first.pk])
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_opening_a_classified_record_is_audited(office, client):
    client.force_login(office.tuyetmat)
    a = office.records["mat"]
    response = client.get(f"/viec/{a.pk}/")
    assert response.status_code == 200
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.event_type == "record.read"
    assert event.object_id == str(a.pk) and event.actor_id == office.tuyetmat.pk


def test_opening_an_unclassified_record_is_not_an_event(office, client):
    client.force_login(office.tuyetmat)
    before = AuditEvent.objects.count()
    client.get(f"/viec/{office.records['thuong'].pk}/")
    assert AuditEvent.objects.count() == before
