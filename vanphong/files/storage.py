"""Where stored bytes live: names by hash (ab/cd/<sha256>) and a folder storage whose writes are atomic and checked."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from typing import Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages

ALIAS = "vanphong_files"
CHUNK = 1024 * 1024


def file_storage() -> Storage:
    """The storage configured as STORAGES["vanphong_files"] (folder or object store)."""
    return storages[ALIAS]


def blob_name(sha256: str) -> str:
    """ab/cd/abcd…: two levels of 256 folders keep every folder small, even with millions of files."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


class WriteMismatch(OSError):
    """The bytes that reached the disk are not the bytes that were hashed."""


class ContentAddressedStorage(FileSystemStorage):
    """A folder storage for content-addressed names.

    A name is the hash of its bytes, so writing a name that exists writes the same bytes: the name is kept
    (no "_abc123" suffix), and the write goes to a temporary file in the same folder that is renamed over the
    final name only once complete, flushed to disk and matching its name's hash. A crash mid-write leaves
    at most a stray ".tmp-" file, never a half file under a real name.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(*args, **kwargs)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name

    def _save(self, name: str, content: File) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        expected = os.path.basename(name)
        fd, tmp_path = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks(CHUNK):
                    data = chunk if isinstance(chunk, bytes) else chunk.encode()
                    digest.update(data)
                    out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if len(expected) == 64 and digest.hexdigest() != expected:
                raise WriteMismatch(f"Nội dung ghi ra đĩa không khớp mã băm {expected}.")
            # Without FILE_UPLOAD_PERMISSIONS the file keeps mkstemp's 0600: only the service's own user reads it.
            if self.file_permissions_mode is not None:
                os.chmod(tmp_path, self.file_permissions_mode)
            os.replace(tmp_path, full_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_path)
            raise
        _fsync_directory(directory)
        return name


def _fsync_directory(directory: str) -> None:
    # The rename is durable only once the folder entry is on disk too.
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
