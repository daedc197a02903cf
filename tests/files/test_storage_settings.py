"""Where the bytes go is chosen by the environment: a folder by default, an S3-compatible bucket when asked,
with secrets from *_FILE and loud failures on incomplete settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from vanphong.env import EnvError
from vanphong.files import checks
from vanphong.files.config import FILESYSTEM_BACKEND, S3_BACKEND, storage_from_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith(("VANPHONG_FILES_", "VANPHONG_S3_")):
            monkeypatch.delenv(name)
    return monkeypatch


def test_the_default_is_a_folder_under_the_data_directory(clean_env, tmp_path):
    entry = storage_from_env(tmp_path)
    assert entry == {"BACKEND": FILESYSTEM_BACKEND, "OPTIONS": {"location": str(tmp_path / "files")}}


def test_the_folder_can_be_chosen(clean_env, tmp_path):
    clean_env.setenv("VANPHONG_FILES_DIR", str(tmp_path / "kho"))
    assert storage_from_env(tmp_path)["OPTIONS"]["location"] == str(tmp_path / "kho")


def test_s3_reads_its_settings_and_secrets_from_files(clean_env, tmp_path):
    (tmp_path / "key").write_text("AKIAVANPHONG\n")
    (tmp_path / "secret").write_text("bi-mat-s3\n")
    clean_env.setenv("VANPHONG_FILES_STORAGE", "s3")
    clean_env.setenv("VANPHONG_S3_BUCKET", "vanphong-tep")
    clean_env.setenv("VANPHONG_S3_ENDPOINT_URL", "https://s3.noibo.vanphong.vn")
    clean_env.setenv("VANPHONG_S3_ACCESS_KEY_FILE", str(tmp_path / "key"))
    clean_env.setenv("VANPHONG_S3_SECRET_KEY_FILE", str(tmp_path / "secret"))
    clean_env.setenv("VANPHONG_S3_CA_BUNDLE", "/etc/ssl/noibo.pem")
    entry = storage_from_env(tmp_path)
    assert entry["BACKEND"] == S3_BACKEND
    options = entry["OPTIONS"]
    assert options["bucket_name"] == "vanphong-tep" and options["endpoint_url"] == "https://s3.noibo.vanphong.vn"
    assert (options["access_key"], options["secret_key"]) == ("AKIAVANPHONG", "bi-mat-s3")
    assert options["file_overwrite"] is True and options["default_acl"] is None
    assert options["verify"] == "/etc/ssl/noibo.pem" and options["location"] == "files"


def test_s3_without_a_bucket_fails_naming_the_variable(clean_env, tmp_path):
    clean_env.setenv("VANPHONG_FILES_STORAGE", "s3")
    with pytest.raises(EnvError, match="VANPHONG_S3_BUCKET"):
        storage_from_env(tmp_path)


def test_s3_with_only_one_of_the_two_keys_fails(clean_env, tmp_path):
    clean_env.setenv("VANPHONG_FILES_STORAGE", "s3")
    clean_env.setenv("VANPHONG_S3_BUCKET", "b")
    clean_env.setenv("VANPHONG_S3_ACCESS_KEY", "a")
    with pytest.raises(EnvError, match="VANPHONG_S3_SECRET_KEY"):
        storage_from_env(tmp_path)


def test_an_unknown_storage_kind_fails(clean_env, tmp_path):
    clean_env.setenv("VANPHONG_FILES_STORAGE", "ftp")
    with pytest.raises(EnvError, match="VANPHONG_FILES_STORAGE"):
        storage_from_env(tmp_path)


def test_choosing_s3_without_the_optional_packages_fails_the_system_check(settings, monkeypatch):
    settings.STORAGES = {**settings.STORAGES, "vanphong_files": {"BACKEND": S3_BACKEND, "OPTIONS": {}}}
    monkeypatch.setattr(checks.importlib.util, "find_spec", lambda name: None)
    errors = [e for e in run_checks() if e.id == "files.E002"]
    assert errors and "vanphong[s3]" in (errors[0].hint or "")


def test_the_folder_storage_passes_the_system_check():
    assert not [e for e in run_checks() if e.id.startswith("files.")]


def test_a_bad_upload_limit_stops_the_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VANPHONG_", "DJANGO_"))}
    env.update({"VANPHONG_MAX_UPLOAD_MB": "0", "VANPHONG_DATA_DIR": str(tmp_path)})
    result = subprocess.run([sys.executable, "-m", "vanphong.cli", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "VANPHONG_MAX_UPLOAD_MB" in result.stderr
