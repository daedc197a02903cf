"""Background work: the audit verification reports progress; pages start it and show it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from vanphong.core.models import JobProgress
from vanphong.security.tasks import verify_audit_chain

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE
    from django_tasks import task_backends

    task_backends._settings = None  # type: ignore[attr-defined]
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


def test_the_verification_task_records_progress_and_its_verdict(office, immediate_tasks):
    result = verify_audit_chain.enqueue()
    job = JobProgress.objects.get(task_id=str(result.id))
    assert job.ok is True and job.finished_at is not None
    assert job.done == job.total and job.percent == 100
    assert result.return_value["ok"] is True


def test_the_verification_task_reports_a_broken_chain(office, immediate_tasks):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE security_auditevent SET event_type = 'sửa' WHERE seq = 2")
    result = verify_audit_chain.enqueue()
    job = JobProgress.objects.get(task_id=str(result.id))
    assert job.ok is False and "#2" in job.message


def test_an_administrator_starts_a_verification_from_the_audit_page(office, immediate_tasks):
    client = Client()
    client.force_login(office.admin)
    response = client.post("/bao-mat/nhat-ky/kiem-tra/")
    assert response.status_code == 302
    page = client.get("/bao-mat/nhat-ky/").content.decode()
    assert "Nguyên vẹn" in page
    job = JobProgress.objects.get()
    fragment = client.get(f"/bao-mat/nhat-ky/tien-do/{job.task_id}/")
    assert fragment.status_code == 200 and "<progress" in fragment.content.decode()


def test_the_audit_page_does_not_exist_for_people_without_the_right(office):
    client = Client()
    client.force_login(office.tuyetmat)
    assert client.get("/bao-mat/nhat-ky/").status_code == 404
    assert client.post("/bao-mat/nhat-ky/kiem-tra/").status_code == 404
    assert not JobProgress.objects.exists()
