"""Storing a file: one row and one blob per content, laid out by hash, written whole or not at all, audited."""

from __future__ import annotations

import hashlib
import io
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import connections

from tests.factories import make_user
from tests.files import samples
from tests.files.helpers import stored_paths
from vanphong.core.errors import ServiceError
from vanphong.files import services
from vanphong.files.models import StoredFile
from vanphong.files.services import check_store_file
from vanphong.files.storage import WriteMismatch, blob_name, file_storage
from vanphong.security.audit import AuditEvent

TEXT = "Báo cáo tình hình tháng 11.\n".encode()


def test_a_file_is_stored_under_its_hash_in_two_folder_levels(db, store):
    stored = check_store_file(None, TEXT, "bao-cao.txt")
    digest = hashlib.sha256(TEXT).hexdigest()
    assert stored.sha256 == digest and stored.size == len(TEXT)
    assert stored_paths(store) == [store / digest[:2] / digest[2:4] / digest]
    assert (store / digest[:2] / digest[2:4] / digest).read_bytes() == TEXT
    with stored.open() as f:
        assert f.read() == TEXT


def test_the_same_content_uploaded_twice_is_stored_once(db, store):
    first_uploader, second_uploader = make_user(), make_user()
    first = check_store_file(first_uploader, TEXT, "Báo cáo.txt")
    second = check_store_file(second_uploader, io.BytesIO(TEXT), "ban-sao.txt")
    assert second.pk == first.pk
    assert StoredFile.objects.count() == 1 and len(stored_paths(store)) == 1
    # The row remembers the first upload; the second person's upload is in the audit log.
    assert second.uploaded_by == first_uploader and second.original_name == "Báo cáo.txt"
    events = AuditEvent.objects.filter(event_type="files.stored").order_by("seq")
    assert [(e.actor_id, e.new["deduplicated"]) for e in events] == [(first_uploader.pk, False),
                                                                       (second_uploader.pk, True)]


def test_the_type_is_sniffed_from_the_content_not_taken_from_the_browser(db):
    upload = SimpleUploadedFile("scan.png", samples.PNG, content_type="application/pdf")
    stored = check_store_file(None, upload, "scan.png")
    assert stored.mime_type == "image/png" and stored.extension == "png"


def test_uploaded_files_file_objects_and_bytes_are_all_accepted(db, tmp_path):
    on_disk = tmp_path / "ghi-chu.txt"
    on_disk.write_bytes("Ghi chú một\n".encode())
    with on_disk.open("rb") as f:
        a = check_store_file(None, f, "ghi-chu.txt")
    b = check_store_file(None, SimpleUploadedFile("x.txt", "Ghi chú hai\n".encode()), "x.txt")
    c = check_store_file(None, bytearray("Ghi chú ba\n".encode()), "y.txt")
    # Django writes large uploads to a temporary file on disk.
    spooled = TemporaryUploadedFile("z.txt", "text/plain", 0, "utf-8")
    spooled.write("Ghi chú bốn\n".encode())
    d = check_store_file(None, spooled, "z.txt")
    spooled.close()
    assert len({a.pk, b.pk, c.pk, d.pk}) == 4
    for stored, text in zip((a, b, c, d), ("một", "hai", "ba", "bốn"), strict=True):
        with stored.open() as f:
            assert f.read() == f"Ghi chú {text}\n".encode()


def test_the_name_is_cleaned_and_gets_the_extension_of_its_content(db):
    stored = check_store_file(None, samples.PNG, "..\\..\\C:\\tmp\\Ảnh  quét\u202e hoà bình")
    assert stored.original_name == "Ảnh quét hòa bình.png"


def test_the_audit_event_holds_metadata_and_never_the_name_or_text(db):
    secret = "Phương án nhân sự tuyệt mật"
    stored = check_store_file(None, f"{secret}\n".encode(), f"{secret}.txt")
    event = AuditEvent.objects.get(event_type="files.stored")
    assert event.new["sha256"] == stored.sha256 and event.new["size"] == stored.size
    assert event.new["mime_type"] == "text/plain"
    everything = f"{event.object_repr} {event.new} {event.old}"
    assert "nhân sự" not in everything and "Phương" not in everything


def test_a_lost_blob_is_written_back_when_the_same_content_comes_again(db, store):
    stored = check_store_file(None, TEXT, "a.txt")
    path = store / blob_name(stored.sha256)
    path.unlink()
    assert stored.verify() is not None
    again = check_store_file(None, TEXT, "a.txt")
    assert again.pk == stored.pk and path.read_bytes() == TEXT and stored.verify() is None
    assert AuditEvent.objects.filter(event_type="files.stored").last().new["restored"] is True


def test_a_write_that_fails_midway_leaves_no_row_and_no_file(db, store, monkeypatch):
    def failing_chunks(self, chunk_size=None):
        yield b"half of the content"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("django.core.files.base.File.chunks", failing_chunks)
    with pytest.raises(ServiceError, match="Không lưu được tệp"):
        check_store_file(None, TEXT, "a.txt")
    assert not StoredFile.objects.exists()
    assert stored_paths(store) == []


def test_a_failure_after_the_blob_leaves_no_row_and_only_a_whole_blob(db, store, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "record_event", broken_audit)
    with pytest.raises(RuntimeError):
        check_store_file(None, TEXT, "a.txt")
    assert not StoredFile.objects.exists()
    # What may remain is the complete blob under its own hash, which the next upload of it reuses.
    for path in stored_paths(store):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name
    monkeypatch.undo()
    assert check_store_file(None, TEXT, "a.txt").verify() is None


def test_the_storage_refuses_bytes_that_do_not_match_their_name(db, store):
    name = blob_name(hashlib.sha256(TEXT).hexdigest())
    with pytest.raises(WriteMismatch):
        file_storage().save(name, ContentFile(b"other bytes"))
    assert stored_paths(store) == []


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_uploads_of_the_same_content_end_with_one_row(store, monkeypatch):
    # Both uploads pass the "already stored?" look-up before either creates its row.
    both_written = threading.Barrier(2, timeout=30)
    real_write = services._write_blob

    def write_then_wait(staged, name):
        real_write(staged, name)
        both_written.wait()

    monkeypatch.setattr(services, "_write_blob", write_then_wait)
    data = samples.pdf("Hai người cùng tải lên một tệp")
    results: list[int] = []
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            results.append(check_store_file(None, data, "cung-tep.pdf").pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert StoredFile.objects.count() == 1
    assert len(stored_paths(store)) == 1
    assert StoredFile.objects.get().verify() is None
