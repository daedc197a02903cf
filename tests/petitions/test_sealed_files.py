"""The sealed path: an approved requester downloads a denunciation's original scan, decrypted on the fly and
audited; nobody else can, by any URL. The field key rotates without losing a value or a repeat; a scan sealed
when a letter became a denunciation leaves nothing in the clear in the file store."""

from __future__ import annotations

import base64
import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.files.samples import pdf
from tests.petitions.helpers import letter
from tests.petitions.test_protection import ADDRESS, CONTACT, NAME, denunciation
from vanphong.files.models import StoredFile
from vanphong.files.storage import file_storage
from vanphong.petitions import protection, repeats, rotation
from vanphong.petitions.models import Fingerprint, PetitionAttachment, RevealRequest, SealedItem
from vanphong.petitions.services import Classified, check_classify
from vanphong.security import crypto
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db
SCAN = pdf("Chữ ký tay của Nguyễn Văn Tốcáo")


def approved(officer, heads, **extra):
    asker, approver = heads
    done = denunciation(officer, scans=[("don-goc.pdf", SCAN)], shared_with=[asker, approver], **extra)
    request = protection.check_request_reveal(asker, done.case, "Cần đối chiếu chữ ký trên bản gốc của đơn.")
    return done, protection.check_decide_reveal(approver, request, True)


def test_the_approved_requester_downloads_the_original_scan_audited(officer, heads, store):
    asker, _ = heads
    done, request = approved(officer, heads)
    item = done.letter.sealed.get(kind=SealedItem.Kind.SCAN)
    assert not StoredFile.objects.exists()  # sealed from intake: never in the file store
    client = Client()
    client.force_login(asker)
    response = client.get(f"/don-thu/de-nghi/{request.pk}/ban-goc/{item.pk}/")
    assert response.status_code == 200 and response.content == SCAN
    assert "no-store" in response["Cache-Control"] and response["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.get(event_type="petitions.sealed_scan_opened")
    assert event.actor == asker and event.new == {"request": request.pk, "item": item.pk, "letter": done.letter.pk}


def test_nobody_else_gets_the_scan_by_any_url(officer, heads, office, store):
    asker, approver = heads
    done, request = approved(officer, heads)
    item = done.letter.sealed.get(kind=SealedItem.Kind.SCAN)
    url = f"/don-thu/de-nghi/{request.pk}/ban-goc/{item.pk}/"
    client = Client()
    for user in (approver, officer, office.leader, office.admin, office.outsider):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (302, 404), user
        assert SCAN not in response.content
    # Another case's request does not open this case's scan; a made-up item is unknown.
    other, other_request = approved(officer, heads)
    client.force_login(asker)
    assert client.get(f"/don-thu/de-nghi/{other_request.pk}/ban-goc/{item.pk}/").status_code == 404
    assert client.get(f"/don-thu/de-nghi/{request.pk}/ban-goc/999999/").status_code == 404
    # No plain file of the letter exists behind the attachments' URL either.
    assert not PetitionAttachment.objects.filter(petition__case__in=[done.case, other.case]).exists()
    for pk in [*PetitionAttachment.objects.values_list("pk", flat=True), 999999]:
        response = client.get(f"/don-thu/tep/{pk}/")
        assert SCAN not in (b"".join(response.streaming_content) if response.streaming else response.content)
    # Expired: refused, audited.
    RevealRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 302 and SCAN not in response.content
    assert AuditEvent.objects.filter(event_type="petitions.sealed_scan_refused", actor=asker).exists()
    assert not AuditEvent.objects.filter(event_type="petitions.sealed_scan_opened").exists()


def test_a_scan_sealed_after_intake_leaves_no_plain_copy(officer, store, django_capture_on_commit_callbacks):
    done = letter(officer, name=NAME, address=ADDRESS, contact=CONTACT, content=f"Tôi là {NAME}. Khiếu nại.",
                  scans=[("don.pdf", SCAN)])
    stored = PetitionAttachment.objects.get().file
    name = stored.storage_name
    assert file_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        check_classify(officer, done.case.pk, done.case.version, Classified(kind="to_cao"))
    assert not StoredFile.objects.filter(pk=stored.pk).exists()
    assert not file_storage().exists(name)
    assert protection.open_scan(done.letter.sealed.get(kind=SealedItem.Kind.SCAN))[1] == SCAN
    assert AuditEvent.objects.filter(event_type="petitions.plain_scan_purged").exists()


def test_a_plain_scan_someone_else_still_uses_is_kept(officer, store):
    first = letter(officer, scans=[("don.pdf", SCAN)], content="Khiếu nại thứ nhất về đất đai.")
    letter(officer, name="Người Khác", scans=[("ban-sao.pdf", SCAN)], content="Kiến nghị khác, cùng tệp.")
    check_classify(officer, first.case.pk, first.case.version, Classified(kind="to_cao"))
    assert StoredFile.objects.count() == 1
    assert AuditEvent.objects.filter(event_type="petitions.plain_scan_kept").exists()


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_rotating_the_field_key_reseals_everything_and_keeps_repeats(officer, heads, settings, store):
    done, _ = approved(officer, heads)
    earlier = letter(officer, name="Phan Văn Cũ", address="Số 2 Lê Lợi, tỉnh Hải Dương", content="Kiến nghị A.")
    old = settings.VANPHONG_FIELD_KEY
    old_id = crypto.current_key_id()
    before = {i.pk: bytes(i.data) for i in SealedItem.objects.all()}
    settings.VANPHONG_FIELD_KEY = new_key()
    with pytest.raises(crypto.CryptoError):  # the new key alone does not open the old values
        protection.identity_of(done.letter.senders.get())
    settings.VANPHONG_FIELD_OLD_KEYS = [old]
    assert protection.identity_of(done.letter.senders.get()).name == NAME  # the old key opens during rotation
    first = rotation.do_rotate(limit=1)
    assert first.resealed >= 1 and first.left > 0  # stopped half-way: resumable
    call_command("rotate_field_key")
    assert rotation.pending() == 0
    assert all(i.key_id == crypto.current_key_id() != old_id for i in SealedItem.objects.all())
    assert all(bytes(i.data) != before[i.pk] for i in SealedItem.objects.all())
    assert set(Fingerprint.objects.values_list("key_id", flat=True)) == {crypto.current_key_id()}
    settings.VANPHONG_FIELD_OLD_KEYS = []
    assert protection.identity_of(done.letter.senders.get()).name == NAME
    assert protection.open_scan(done.letter.sealed.get(kind=SealedItem.Kind.SCAN))[1] == SCAN
    again = letter(officer, name="PHAN VAN CU", address="2 Le Loi, Hai Phong", content="Kiến nghị B khác hẳn.")
    assert [c.case.pk for c in repeats.candidates_for(officer, again.letter).cases] == [earlier.case.pk]
    events = AuditEvent.objects.filter(event_type="petitions.field_key_rotated")
    assert events.count() == 2 and events.last().new["left"] == 0
    dumped = " ".join(str(e.new) for e in events)
    assert "Tốcáo" not in dumped and old not in dumped


def test_a_wrong_old_key_stops_the_rotation_and_changes_nothing(officer, settings):
    denunciation(officer)
    before = {i.pk: bytes(i.data) for i in SealedItem.objects.all()}
    settings.VANPHONG_FIELD_KEY = new_key()
    settings.VANPHONG_FIELD_OLD_KEYS = [new_key()]
    with pytest.raises(SystemExit, match="VANPHONG_FIELD_OLD_KEYS"):
        call_command("rotate_field_key")
    assert {i.pk: bytes(i.data) for i in SealedItem.objects.all()} == before
