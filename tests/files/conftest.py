"""Each test of the file store gets its own empty storage folder, and background tasks run inline."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import storages

from vanphong.files.storage import ALIAS


@pytest.fixture(autouse=True)
def store(settings, tmp_path) -> Path:
    """The storage folder of this test (settings.STORAGES points the file store at it)."""
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        ALIAS: {"BACKEND": "vanphong.files.storage.ContentAddressedStorage", "OPTIONS": {"location": str(location)}},
    }
    assert Path(storages[ALIAS].location) == location
    return location


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django_tasks import task_backends

    task_backends._settings = None  # type: ignore[attr-defined]
    yield
    task_backends._settings = None  # type: ignore[attr-defined]

