"""Helpers for the file store's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanphong.core.errors import ServiceError
from vanphong.files.models import StoredFile
from vanphong.files.services import check_store_file


def stored_paths(location: Path) -> list[Path]:
    """Every file under the storage folder, temporary ones included."""
    return sorted(p for p in location.rglob("*") if p.is_file()) if location.exists() else []


def refused(data: bytes, name: str, store: Path, actor=None) -> str:
    """Upload `data` as `name`, expect a refusal, check nothing was left behind; return the message."""
    with pytest.raises(ServiceError) as caught:
        check_store_file(actor, data, name)
    assert not StoredFile.objects.exists()
    assert stored_paths(store) == []
    return caught.value.message
