"""Field encryption: AES-256-GCM for values the law keeps secret inside records (a denouncer's identity).

A sealed value is bytes: a format byte, the id of the key that sealed it, a 96-bit random nonce, then the
ciphertext with its tag. Each value is bound to where it belongs (`context`, e.g. "petitions.identity:12"): the
context is authenticated with it, so a sealed value copied into another row does not open there. The key is
`settings.VANPHONG_FIELD_KEY` (32 bytes, base64; VANPHONG_FIELD_KEY_FILE for container secrets), read by
settings, which refuse to start in production without it. This module imports nothing of Django at import time,
so settings can use `parse_key` to check the key's form.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = 1
NONCE_BYTES = 12
KEY_BYTES = 32
KEY_ID_BYTES = 4
HEADER = 1 + KEY_ID_BYTES + NONCE_BYTES


class CryptoError(Exception):
    """A sealed value that does not open: damaged, sealed for another place, or under another key."""


def parse_key(text: str) -> bytes:
    """The 32 key bytes from their base64 text, or ValueError saying what is wrong (in Vietnamese)."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("khóa phải là 32 byte viết bằng base64 (ví dụ tạo bằng: openssl rand -base64 32)") from None
    if len(key) != KEY_BYTES:
        raise ValueError(f"khóa phải dài đúng {KEY_BYTES} byte sau khi giải mã base64 (hiện là {len(key)} byte)")
    return key


def key_id(key: bytes) -> bytes:
    """A short, non-secret name of a key, stored with each value so a changed key is told from damage."""
    return hashlib.sha256(b"vanphong.field-key-id|" + key).digest()[:KEY_ID_BYTES]


def _key() -> bytes:
    from django.conf import settings

    return parse_key(settings.VANPHONG_FIELD_KEY)


def current_key_id() -> str:
    """The id (hex) of the key values are sealed with now."""
    return key_id(_key()).hex()


def token_key_id(token: bytes | memoryview) -> str:
    """The id (hex) of the key a sealed value was sealed with."""
    return bytes(token)[1:1 + KEY_ID_BYTES].hex()


def _key_for(token: bytes) -> bytes:
    """The configured key that sealed `token`: the current one, or during a rotation one of the earlier keys
    (VANPHONG_FIELD_OLD_KEYS)."""
    from django.conf import settings

    current = _key()
    wanted = token[1:1 + KEY_ID_BYTES]
    if wanted == key_id(current):
        return current
    for text in getattr(settings, "VANPHONG_FIELD_OLD_KEYS", ()):
        old = parse_key(text)
        if key_id(old) == wanted:
            return old
    return current


def seal(plain: bytes, context: str, *, key: bytes | None = None) -> bytes:
    key = key or _key()
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(key).encrypt(nonce, plain, context.encode())
    return bytes([FORMAT]) + key_id(key) + nonce + body


def unseal(token: bytes | memoryview, context: str, *, key: bytes | None = None) -> bytes:
    token = bytes(token)
    key = key or _key_for(token)
    if len(token) < HEADER + 16 or token[0] != FORMAT:
        raise CryptoError("Dữ liệu mã hóa bị hỏng (sai định dạng).")
    if token[1:1 + KEY_ID_BYTES] != key_id(key):
        raise CryptoError("Dữ liệu được mã hóa bằng một khóa khác khóa đang cấu hình (VANPHONG_FIELD_KEY).")
    nonce = token[1 + KEY_ID_BYTES:HEADER]
    try:
        return AESGCM(key).decrypt(nonce, token[HEADER:], context.encode())
    except InvalidTag:
        raise CryptoError("Dữ liệu mã hóa bị sửa đổi hoặc không thuộc về bản ghi này.") from None


def seal_json(value: Any, context: str) -> bytes:
    return seal(json.dumps(value, ensure_ascii=False, sort_keys=True).encode(), context)


def unseal_json(token: bytes | memoryview, context: str) -> Any:
    return json.loads(unseal(token, context).decode())
