"""The file store works the same on an S3-compatible bucket (here moto's in-process S3: nothing leaves the
machine): stored once under its hash, read back, verified, and a deleted object is reported."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.files import samples
from vanphong.files.config import S3_BACKEND
from vanphong.files.extract import extract_now
from vanphong.files.services import check_store_file
from vanphong.files.storage import ALIAS, blob_name

moto = pytest.importorskip("moto")
pytest.importorskip("storages")
BUCKET = "vanphong-tep"


@pytest.fixture
def bucket(settings, monkeypatch):
    # Fake credentials, so boto3 never looks for real ones on the machine.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "thu")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "thu")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with moto.mock_aws():
        import boto3

        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, ALIAS: {"BACKEND": S3_BACKEND, "OPTIONS": {
            "bucket_name": BUCKET, "file_overwrite": True, "default_acl": None, "location": "files",
            "region_name": "us-east-1"}}}
        yield client


def _keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_file_is_stored_once_under_its_hash_in_the_bucket(db, bucket):
    data = samples.pdf("Thông báo kết luận")
    first = check_store_file(None, data, "thong-bao.pdf")
    second = check_store_file(None, data, "ban-sao.pdf")
    assert first.pk == second.pk
    assert _keys(bucket) == [f"files/{blob_name(first.sha256)}"]
    with first.open() as f:
        assert f.read() == data
    assert first.verify() is None
    assert "Thông báo kết luận" in extract_now(first).text


def test_verify_reports_an_object_deleted_from_the_bucket(db, bucket):
    stored = check_store_file(None, "Ghi chú\n".encode(), "ghi-chu.txt")
    bucket.delete_object(Bucket=BUCKET, Key=f"files/{blob_name(stored.sha256)}")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 tệp bị mất"):
        call_command("files", "verify", stdout=out)
    assert stored.sha256 in out.getvalue() and "ghi-chu.txt" in out.getvalue()


def test_verify_reports_an_object_overwritten_in_the_bucket(db, bucket):
    stored = check_store_file(None, "Ghi chú\n".encode(), "ghi-chu.txt")
    bucket.put_object(Bucket=BUCKET, Key=f"files/{blob_name(stored.sha256)}", Body="Ghi chá\n".encode())
    assert stored.verify() == "nội dung đã bị thay đổi (mã băm SHA-256 không khớp)"
