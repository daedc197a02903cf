"""Background tasks run inline for the file store's tests (each test's own storage folder: tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django_tasks import task_backends

    task_backends._settings = None  # type: ignore[attr-defined]
    yield
    task_backends._settings = None  # type: ignore[attr-defined]

