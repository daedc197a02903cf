"""Settings come from the environment through typed readers that fail loudly; production passes check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vanphong.env import EnvError, envbool, envchoice, envint, envlist, envsecret

ROOT = Path(__file__).resolve().parent.parent


def test_envbool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("X_BOOL", "Yes")
    assert envbool("X_BOOL") is True
    monkeypatch.setenv("X_BOOL", "0")
    assert envbool("X_BOOL", True) is False


def test_a_bad_boolean_fails_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_BOOL", "có")
    with pytest.raises(EnvError, match="X_BOOL"):
        envbool("X_BOOL")


def test_envint_checks_type_and_bounds(monkeypatch):
    monkeypatch.setenv("X_INT", "abc")
    with pytest.raises(EnvError, match="số nguyên"):
        envint("X_INT", 1)
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(EnvError, match="từ 1 trở lên"):
        envint("X_INT", 5, minimum=1)
    monkeypatch.setenv("X_INT", "7")
    assert envint("X_INT", 5, minimum=1) == 7


def test_envchoice_lists_the_allowed_values(monkeypatch):
    monkeypatch.setenv("X_LEVEL", "BI_MAT")
    with pytest.raises(EnvError, match="THUONG, MAT"):
        envchoice("X_LEVEL", "MAT", ("THUONG", "MAT"))


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.vn, b.vn,,")
    assert envlist("X_HOSTS") == ["a.vn", "b.vn"]


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("bi-mat-tu-tep\n")
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert envsecret("X_SECRET") == "bi-mat-tu-tep"


def test_a_secret_given_twice_or_from_a_missing_file_fails(monkeypatch, tmp_path):
    monkeypatch.setenv("X_SECRET", "a")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "a"))
    with pytest.raises(EnvError, match="Chỉ đặt một"):
        envsecret("X_SECRET")
    monkeypatch.delenv("X_SECRET")
    with pytest.raises(EnvError, match="không đọc được"):
        envsecret("X_SECRET")


def _vanphong(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("VANPHONG_", "DJANGO_", "SECRET_KEY"))}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "vanphong.cli", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


def test_the_production_profile_passes_check_deploy(tmp_path):
    key = tmp_path / "secret"
    key.write_text("p" * 30 + "Q9x!k2Lm#" + "z" * 30)
    field_key = tmp_path / "field-key"
    field_key.write_text("bgtNZm9yLWEtdGVzdC1vZi10aGUtcHJvZHVjdGlvbi0=")
    result = _vanphong(["check", "--deploy", "--fail-level", "WARNING"], {
        "VANPHONG_PROFILE": "production",
        "SECRET_KEY_FILE": str(key),
        "VANPHONG_FIELD_KEY_FILE": str(field_key),
        "ALLOWED_HOSTS": "vanphong.example.vn",
        "VANPHONG_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    })
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _vanphong(["check"], {"VANPHONG_PROFILE": "production", "VANPHONG_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_bad_ceiling_value_stops_the_start(tmp_path):
    result = _vanphong(["check"], {"VANPHONG_MAX_CLASSIFICATION": "BI_MAT", "VANPHONG_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "VANPHONG_MAX_CLASSIFICATION" in result.stderr
