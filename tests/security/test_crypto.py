"""Field encryption: a sealed value opens only with its key, in its own place, unaltered; the key is required in
production and checked for its form at start-up."""

from __future__ import annotations

import base64
import os

import pytest

from tests.test_settings import _vanphong
from vanphong.security import crypto

KEY = os.urandom(32)


def test_a_sealed_value_opens_to_what_was_sealed_and_does_not_show_it():
    token = crypto.seal("Nguyễn Văn Tố Cáo".encode(), "petitions.identity:1", key=KEY)
    assert "Nguyễn".encode() not in token and b"Nguy" not in token
    assert crypto.unseal(token, "petitions.identity:1", key=KEY).decode() == "Nguyễn Văn Tố Cáo"


def test_the_same_value_sealed_twice_looks_different():
    assert crypto.seal(b"abc", "x", key=KEY) != crypto.seal(b"abc", "x", key=KEY)


def test_a_value_moved_to_another_place_does_not_open():
    token = crypto.seal(b"ten nguoi to cao", "petitions.identity:1", key=KEY)
    with pytest.raises(crypto.CryptoError, match="không thuộc về bản ghi này"):
        crypto.unseal(token, "petitions.identity:2", key=KEY)


def test_a_changed_byte_is_detected():
    token = bytearray(crypto.seal(b"ten nguoi to cao", "c", key=KEY))
    token[-1] ^= 1
    with pytest.raises(crypto.CryptoError, match="bị sửa đổi"):
        crypto.unseal(bytes(token), "c", key=KEY)


def test_another_key_is_told_from_damage():
    token = crypto.seal(b"x", "c", key=KEY)
    with pytest.raises(crypto.CryptoError, match="khóa khác"):
        crypto.unseal(token, "c", key=os.urandom(32))
    with pytest.raises(crypto.CryptoError, match="sai định dạng"):
        crypto.unseal(b"\x02short", "c", key=KEY)


def test_the_settings_key_is_used_by_default(settings):
    settings.VANPHONG_FIELD_KEY = base64.b64encode(KEY).decode()
    token = crypto.seal_json({"name": "Lê Thị Bình"}, "c")
    assert crypto.unseal_json(token, "c") == {"name": "Lê Thị Bình"}
    assert crypto.unseal(token, "c", key=KEY)


@pytest.mark.parametrize("text", ["", "không phải base64!", base64.b64encode(b"short").decode()])
def test_a_key_of_the_wrong_form_is_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="32 byte"):
        crypto.parse_key(text)


def test_production_refuses_to_start_without_a_field_key(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("p" * 30 + "Q9x!k2Lm#" + "z" * 30)
    result = _vanphong(["check"], {"VANPHONG_PROFILE": "production", "SECRET_KEY_FILE": str(secret),
                                   "ALLOWED_HOSTS": "vanphong.example.vn", "VANPHONG_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "VANPHONG_FIELD_KEY" in result.stderr


def test_a_field_key_can_come_from_a_file_and_a_bad_one_stops_the_start(tmp_path):
    good = tmp_path / "field-key"
    good.write_text(base64.b64encode(KEY).decode() + "\n")
    ok = _vanphong(["check"], {"VANPHONG_FIELD_KEY_FILE": str(good), "VANPHONG_DATA_DIR": str(tmp_path)})
    assert ok.returncode == 0, ok.stderr
    bad = _vanphong(["check"], {"VANPHONG_FIELD_KEY": "abc", "VANPHONG_DATA_DIR": str(tmp_path)})
    assert bad.returncode != 0
    assert "VANPHONG_FIELD_KEY" in bad.stderr and "32 byte" in bad.stderr
