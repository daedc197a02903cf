"""Storing files: check_store_file validates an upload, do_store_file saves it once (by hash) and audits it."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, NoReturn

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction

from vanphong.core.errors import ServiceError
from vanphong.core.models import User
from vanphong.files.models import StoredFile
from vanphong.files.names import sanitize_filename, with_extension
from vanphong.files.sniff import Inspection, inspect_content
from vanphong.files.storage import CHUNK, blob_name, file_storage
from vanphong.files.tasks import extract_text
from vanphong.security.audit import record_event

log = logging.getLogger(__name__)

Source = File | IO[bytes] | bytes | bytearray | memoryview


@dataclass(frozen=True)
class Staged:
    """An upload copied to a private temporary file, with the hash and size computed on the way."""

    file: IO[bytes]
    sha256: str
    size: int


def max_upload_bytes() -> int:
    return int(settings.VANPHONG_MAX_UPLOAD_MB) * 1024 * 1024


def check_store_file(actor: User | None, source: Source, filename: str) -> StoredFile:
    """Store `source` (an UploadedFile, a binary file object or bytes) given as `filename`, or refuse it.

    Returns the StoredFile for its content: the existing one if these bytes were stored before. A refusal is
    a ServiceError whose message names the file and says what to do; it leaves nothing behind.
    """
    name = sanitize_filename(filename)
    limit = max_upload_bytes()
    declared = getattr(source, "size", None)
    if isinstance(declared, int) and declared > limit:
        _too_large(name, declared)
    with _stage(source, name, limit) as staged:
        if staged.size == 0:
            raise ServiceError(f'Tệp "{name}" rỗng (0 byte). Hãy kiểm tra lại tệp trên máy rồi tải lên lại.',
                               field="file")
        inspection = inspect_content(staged.file, staged.size, name)
        return do_store_file(actor, staged, with_extension(name, inspection.kind.extension), inspection)


def do_store_file(actor: User | None, staged: Staged, name: str, inspection: Inspection) -> StoredFile:
    """Save checked bytes under their hash, then the row and the audit event in one transaction."""
    storage = file_storage()
    existing = StoredFile.objects.filter(sha256=staged.sha256).first()
    restored = False
    # The blob is written before the transaction, so the database is not held while bytes travel; if the
    # transaction then fails, what remains is a whole, correct blob that the next upload of it reuses.
    if existing is None or not _blob_intact(storage, staged):
        _write_blob(staged, name)
        restored = existing is not None
    kind = inspection.kind
    created = False
    with transaction.atomic():
        row = existing
        if row is None:
            try:
                with transaction.atomic():
                    row = StoredFile.objects.create(
                        sha256=staged.sha256, size=staged.size, mime_type=kind.mime_type, extension=kind.extension,
                        original_name=name, page_count=inspection.page_count, uploaded_by=actor,
                        text_status=StoredFile.TextStatus.PENDING if kind.extractable
                        else StoredFile.TextStatus.NOT_APPLICABLE,
                    )
                created = True
            except IntegrityError:
                # The same content, uploaded at the same moment by someone else, got there first.
                row = StoredFile.objects.filter(sha256=staged.sha256).first()
                if row is None:
                    raise
        # Metadata only: a file's name or text may be classified, and audit readers may hold a lower clearance.
        snapshot: dict[str, Any] = {
            "sha256": row.sha256, "size": row.size, "mime_type": row.mime_type, "page_count": row.page_count,
            "deduplicated": not created, "restored": restored,
        }
        record_event("files.stored", actor=actor, obj=row, new=snapshot)
        if created and row.text_status == StoredFile.TextStatus.PENDING:
            # After commit, so the worker finds the row; robust, so a queue that is down never fails the upload
            # (the text stays pending and `vanphong files extract` picks it up).
            stored_file_id = row.pk

            def queue_extraction() -> None:
                # A named function: a robust on_commit logs a failure by the callback's __qualname__.
                extract_text.enqueue(stored_file_id)

            transaction.on_commit(queue_extraction, robust=True)
    return row


def _blob_intact(storage: Storage, staged: Staged) -> bool:
    """Whether the stored blob is there at its size (cheap: a lost or cut-short blob is rewritten)."""
    target = blob_name(staged.sha256)
    try:
        return bool(storage.exists(target)) and storage.size(target) == staged.size
    except OSError:
        return False


def _write_blob(staged: Staged, name: str) -> None:
    storage = file_storage()
    target = blob_name(staged.sha256)
    try:
        saved = storage.save(target, File(staged.file))
        stored_size = storage.size(saved)
    except Exception:
        log.exception("Không ghi được tệp %s vào kho lưu trữ", staged.sha256)
        raise ServiceError(f'Không lưu được tệp "{name}" vào kho lưu trữ (lỗi ổ đĩa hoặc máy chủ lưu trữ). '
                           "Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị hệ thống.") from None
    if saved != target or stored_size != staged.size:
        log.error("Kho lưu trữ ghi %s (%s byte) thay vì %s (%s byte)", saved, stored_size, target, staged.size)
        raise ServiceError(f'Tệp "{name}" chưa được lưu trọn vẹn vào kho lưu trữ. Hãy thử lại; nếu vẫn lỗi, hãy '
                           "báo quản trị hệ thống.")


@contextlib.contextmanager
def _stage(source: Source, name: str, limit: int) -> Iterator[Staged]:
    """Copy `source` into a temporary file (gone when closed, even after a crash), hashing as it streams and
    stopping as soon as it passes `limit` bytes."""
    tmp_dir = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) or None
    with tempfile.TemporaryFile(dir=tmp_dir) as tmp:
        digest = hashlib.sha256()
        size = 0
        for chunk in _chunks(source):
            size += len(chunk)
            if size > limit:
                _too_large(name, None)
            digest.update(chunk)
            tmp.write(chunk)
        tmp.flush()
        tmp.seek(0)
        yield Staged(tmp, digest.hexdigest(), size)


def _chunks(source: Source) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source).cast("B")
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start : start + CHUNK])
        return
    if hasattr(source, "seekable") and source.seekable():
        source.seek(0)
    while chunk := source.read(CHUNK):
        if not isinstance(chunk, bytes):
            raise TypeError("check_store_file cần dữ liệu nhị phân (mở tệp với chế độ 'rb').")
        yield chunk


def _too_large(name: str, size: int | None) -> NoReturn:
    limit_mb = settings.VANPHONG_MAX_UPLOAD_MB
    what = f"dung lượng {size / 1024 / 1024:.1f} MB".replace(".", ",") if size else "có dung lượng"
    raise ServiceError(
        f'Tệp "{name}" {what}, vượt giới hạn {limit_mb} MB cho mỗi tệp. Hãy giảm dung lượng (ví dụ quét lại ở '
        "200 dpi, nén ảnh hoặc chia nhỏ tài liệu) rồi tải lên lại, hoặc đề nghị quản trị nâng giới hạn.",
        field="file",
    )
