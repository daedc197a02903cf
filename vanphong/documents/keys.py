"""The certificates that sign issued documents: adding them, and unlocking them at the moment of signing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.models import User
from vanphong.documents import pki
from vanphong.documents.models import Issuer, SigningKey
from vanphong.security.audit import record_event


def _fingerprint(identity: pki.Identity) -> str:
    return hashlib.sha256(identity.certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def do_add_signing_key(actor: User | None, pkcs12: bytes, passphrase: str, *, owner: User | None = None,
                       issuer: Issuer | None = None) -> SigningKey:
    """Store a PKCS#12 file (checked by opening it) as the person's key, or as the issuer's seal."""
    identity = pki.load_pkcs12(pkcs12, passphrase)
    role = pki.role_of(identity.certificate)
    kind = SigningKey.Kind.PERSON if owner is not None else SigningKey.Kind.ORGANISATION
    if (owner is None) == (issuer is None):
        raise ServiceError("Chứng thư ký số phải thuộc về đúng một người hoặc một cơ quan.")
    if role is not None and role != kind:
        what = "cá nhân" if role == "person" else "cơ quan"
        raise ServiceError(f"Tệp này là chứng thư ký số của {what}; hãy chọn đúng loại chứng thư.")
    cert = identity.certificate
    with transaction.atomic():
        key = SigningKey.objects.create(
            kind=kind, owner=owner, issuer=issuer, subject=cert.subject.rfc4514_string()[:300],
            serial=format(cert.serial_number, "x")[:80], fingerprint=_fingerprint(identity),
            certificate_pem=pki.to_pem(cert).decode(), pkcs12=pkcs12,
            valid_from=cert.not_valid_before_utc, valid_to=cert.not_valid_after_utc,
        )
        record_event("documents.signing_key_added", actor=actor, obj=key,
                     new={"kind": kind, "owner": owner.pk if owner else None, "issuer": issuer.code if issuer else None,
                          "serial": key.serial, "valid_to": key.valid_to})
    return key


def active_key(*, owner: User | None = None, issuer: Issuer | None = None,
               at: datetime | None = None) -> SigningKey | None:
    at = at or timezone.now()
    qs = SigningKey.objects.filter(is_active=True, valid_from__lte=at, valid_to__gte=at)
    qs = qs.filter(owner=owner) if owner is not None else qs.filter(issuer=issuer, kind=SigningKey.Kind.ORGANISATION)
    return qs.order_by("-valid_to").first()


def person_identity(user: User, passphrase: str) -> pki.Identity:
    key = active_key(owner=user)
    if key is None:
        raise ServiceError(f"{user.display_name} chưa có chứng thư ký số còn hiệu lực: hãy nhờ quản trị hệ thống "
                           "nạp tệp chứng thư (PKCS#12) trước khi ký.")
    if not passphrase:
        raise ServiceError("Hãy nhập mật khẩu của chứng thư ký số để ký.", field="passphrase")
    return pki.load_pkcs12(bytes(key.pkcs12), passphrase)


def seal_identity(issuer: Issuer) -> pki.Identity:
    key = active_key(issuer=issuer)
    if key is None:
        raise ServiceError(f"{issuer.name} chưa có chứng thư ký số của cơ quan còn hiệu lực: hãy nhờ quản trị hệ thống "
                           "nạp tệp chứng thư của cơ quan trước khi phát hành.")
    passphrase = settings.VANPHONG_SEAL_PASSPHRASE or (settings.VANPHONG_DEMO_PASSWORD if settings.VANPHONG_DEMO_MODE
                                                       else "")
    if not passphrase:
        raise ServiceError("Máy chủ chưa có mật khẩu chứng thư ký số của cơ quan (VANPHONG_SEAL_PASSPHRASE hoặc "
                           "VANPHONG_SEAL_PASSPHRASE_FILE): hãy nhờ quản trị hệ thống đặt rồi phát hành lại.")
    return pki.load_pkcs12(bytes(key.pkcs12), passphrase)


def now_utc() -> datetime:
    return datetime.now(UTC)
