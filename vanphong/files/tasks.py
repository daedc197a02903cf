"""Background work of the file store: text extraction, queued after a file is stored. Carries the id only."""

from __future__ import annotations

from django_tasks import task

from vanphong.files.extract import extract_now
from vanphong.files.models import StoredFile


@task()
def extract_text(stored_file_id: int) -> str:
    """Extract one file's text; safe to run any number of times (only a pending text is extracted)."""
    stored_file = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored_file is None:
        return "missing"
    return str(extract_now(stored_file).text_status)
