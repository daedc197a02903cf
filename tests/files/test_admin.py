"""In the admin the file store is metadata to look at: nothing can be added, changed or deleted, and neither the
name given at upload nor the extracted text is shown (they may be classified)."""

from __future__ import annotations

from django.test import Client

from tests.factories import make_user
from vanphong.files.extract import extract_now
from vanphong.files.models import StoredFile
from vanphong.files.services import check_store_file

SECRET = "Phương án nhân sự khóa mới"


def _admin_client() -> Client:
    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_files_without_their_names_or_text(db):
    stored = extract_now(check_store_file(None, f"{SECRET}\n".encode(), f"{SECRET}.txt"))
    client = _admin_client()
    listing = client.get("/quan-tri/files/storedfile/")
    assert listing.status_code == 200 and stored.sha256 in listing.content.decode()
    detail = client.get(f"/quan-tri/files/storedfile/{stored.pk}/change/")
    assert detail.status_code == 200
    for page in (listing, detail):
        assert "nhân sự" not in page.content.decode()


def test_the_admin_cannot_add_change_or_delete_files(db):
    stored = check_store_file(None, b"Noi dung\n", "a.txt")
    client = _admin_client()
    assert client.get("/quan-tri/files/storedfile/add/").status_code == 403
    assert client.post(f"/quan-tri/files/storedfile/{stored.pk}/change/", {"text_status": "done"}).status_code == 403
    assert client.post(f"/quan-tri/files/storedfile/{stored.pk}/delete/", {"post": "yes"}).status_code == 403
    assert StoredFile.objects.get(pk=stored.pk).text_status == stored.text_status
