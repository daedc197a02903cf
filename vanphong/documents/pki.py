"""A small local certificate authority (root CA, person and organisation certificates, PKCS#12, PEM, CRLs).

The demo office and the tests sign with it; real offices load the PKCS#12 files the Government CA issued them
with `load_pkcs12`. Key material is passed around as `Identity` values: nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from asn1crypto import cms
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from vanphong.core.errors import ServiceError

Role = Literal["person", "organisation"]
KeyType = Literal["rsa", "ec"]
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

# Our own OID arc, derived from a UUID (ITU-T X.667: any UUID is an OID under 2.25, no registration needed).
# A certificate policy under it says whose signature a certificate makes: a person's or an organisation's seal
# (Nghị định 30/2020: an electronic document carries both). Signing also claims the role in the signature.
VANPHONG_OID_ARC = "2.25.312426581237120104402918322697986808765"
ROLE_OIDS: dict[Role, str] = {
    "person": f"{VANPHONG_OID_ARC}.1.1",
    "organisation": f"{VANPHONG_OID_ARC}.1.2",
}
# RFC 9336 id-kp-documentSigning; cryptography has no name for it yet.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
# Certificates made a few minutes in the past still verify on a machine whose clock runs slightly behind.
_CLOCK_SKEW = dt.timedelta(minutes=5)


class PKIError(ServiceError):
    """A key or certificate file that cannot be used; `message` says what to do."""

    code = "pki"


@dataclass(frozen=True)
class Authority:
    """A certificate authority that can issue certificates: its key and its (self-signed) certificate."""

    key: PrivateKey
    certificate: x509.Certificate


@dataclass(frozen=True)
class Identity:
    """What a signer holds: a private key, its certificate and the issuing CA certificates, nearest first."""

    key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def common_name(self) -> str:
        return subject_value(self.certificate, NameOID.COMMON_NAME)

    @property
    def organisation(self) -> str:
        return subject_value(self.certificate, NameOID.ORGANIZATION_NAME)


def subject_value(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = certificate.subject.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def role_of(certificate: x509.Certificate) -> Role | None:
    """The role our certificate policy marks, or None for a certificate from another authority."""
    try:
        policies = certificate.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        return None
    found = {policy.policy_identifier.dotted_string for policy in policies}
    for role, oid in ROLE_OIDS.items():
        if oid in found:
            return role
    return None


def role_claim(role: Role) -> cms.AttCertAttribute:
    """The role as a signer claims it inside a CAdES signature (signer-attributes-v2): our role OID as a name."""
    role_name = asn1_x509.GeneralName(name="registered_id", value=ROLE_OIDS[role])
    return cms.AttCertAttribute({"type": "role", "values": [cms.RoleSyntax({"role_name": role_name})]})


def claimed_role(signer_info: cms.SignerInfo) -> Role | None:
    """The role a signature claims (see role_claim), or None: the fallback for certificates from other CAs."""
    by_oid = {oid: role for role, oid in ROLE_OIDS.items()}
    for attribute in signer_info["signed_attrs"]:
        if attribute["type"].native != "signer_attributes_v2":
            continue
        for value in attribute["values"].native:
            for claimed in value.get("claimed_attributes") or ():
                if claimed.get("type") != "role":
                    continue
                for role_syntax in claimed.get("values") or ():
                    role = by_oid.get(str(role_syntax.get("role_name")))
                    if role is not None:
                        return role
    return None


def _new_key(key_type: KeyType) -> PrivateKey:
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _start(not_before: dt.datetime | None) -> dt.datetime:
    if not_before is None:
        return dt.datetime.now(dt.UTC) - _CLOCK_SKEW
    if not_before.tzinfo is None:
        raise ValueError("not_before must be timezone-aware")
    return not_before


def make_root_ca(
    name: str,
    *,
    valid_days: int = 3650,
    key_type: KeyType = "rsa",
    not_before: dt.datetime | None = None,
) -> Authority:
    """A self-signed root certificate authority named `name` (used as both CN and O)."""
    key = _new_key(key_type)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    start = _start(not_before)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key=key, certificate=certificate)


def issue_certificate(
    authority: Authority,
    common_name: str,
    organisation: str,
    kind: Role = "person",
    valid_days: int = 730,
    *,
    unit: str | None = None,
    email: str | None = None,
    crl_url: str | None = None,
    key_type: KeyType = "rsa",
    not_before: dt.datetime | None = None,
) -> Identity:
    """A document-signing certificate for a person (CN = the name) or an organisation (CN = O = its name).

    `crl_url` names where the authority publishes its revocation list. Nothing fetches it, but verification
    checks a certificate against the CRLs an office copied in only if the certificate names such a place.
    """
    if kind not in ROLE_OIDS:
        raise ValueError(f"kind must be 'person' or 'organisation', not {kind!r}")
    key = _new_key(key_type)
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
    ]
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    start = _start(not_before)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(x509.ObjectIdentifier(ROLE_OIDS[kind]), None)]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    certificate = builder.sign(authority.key, hashes.SHA256())
    return Identity(key=key, certificate=certificate, chain=(authority.certificate,))


def make_crl(
    authority: Authority,
    revoked: Iterable[x509.Certificate],
    *,
    next_update_days: int = 7,
    this_update: dt.datetime | None = None,
) -> bytes:
    """A DER certificate revocation list listing `revoked`: offices copy CRLs in, nothing is fetched."""
    start = _start(this_update)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(authority.certificate.subject)
        .last_update(start)
        .next_update(start + dt.timedelta(days=next_update_days))
    )
    for certificate in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(certificate.serial_number).revocation_date(start).build()
        )
    return builder.sign(authority.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def to_pkcs12(identity: Identity, passphrase: str) -> bytes:
    """The identity as a passphrase-protected PKCS#12 file (.p12), the form signers keep their key in."""
    if not passphrase:
        raise PKIError("Hãy đặt mật khẩu cho tệp chứng thư số: tệp chứa khóa bí mật không được để trống mật khẩu.")
    return pkcs12.serialize_key_and_certificates(
        name=identity.common_name.encode("utf-8"),
        key=identity.key,
        cert=identity.certificate,
        cas=list(identity.chain) or None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def _is_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return bool(pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native)
    except (ValueError, TypeError, KeyError):
        return False


def _ordered_chain(certificate: x509.Certificate, others: list[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    # PKCS#12 files list CA certificates in any order; a chain reads from the issuer of the signer upwards.
    chain: list[x509.Certificate] = []
    remaining = list(others)
    current = certificate
    while remaining:
        issuer = next((c for c in remaining if c.subject == current.issuer), None)
        if issuer is None or issuer is current:
            break
        chain.append(issuer)
        remaining.remove(issuer)
        if issuer.subject == issuer.issuer:
            break
        current = issuer
    return (*chain, *remaining)


def load_pkcs12(data: bytes, passphrase: str) -> Identity:
    """Open a PKCS#12 file (.p12/.pfx); a wrong passphrase and a damaged file get different messages."""
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except (ValueError, UnsupportedAlgorithm):
        if _is_pkcs12(data):
            raise PKIError(
                "Mật khẩu của tệp chứng thư số không đúng (hoặc tệp đã bị sửa). Hãy nhập lại đúng mật khẩu được giao "
                "cùng tệp .p12; nếu vẫn không mở được, hãy xin lại tệp."
            ) from None
        raise PKIError(
            "Tệp đã chọn không phải tệp chứng thư số PKCS#12 (.p12, .pfx) hoặc đã bị hỏng. "
            "Hãy chọn lại tệp gốc do tổ chức cung cấp dịch vụ chứng thực cấp."
        ) from None
    if key is None or certificate is None:
        raise PKIError("Tệp chứng thư số không chứa khóa bí mật và chứng thư của người ký. Hãy chọn tệp .p12 đầy đủ.")
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise PKIError("Khóa trong tệp chứng thư số thuộc loại chưa hỗ trợ; chỉ dùng được khóa RSA hoặc ECDSA.")
    return Identity(key=key, certificate=certificate, chain=_ordered_chain(certificate, list(others)))


def to_pem(*certificates: x509.Certificate) -> bytes:
    """Certificates in PEM, one after another (a bundle, as `VANPHONG_TRUST_ROOTS` expects)."""
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def certificates_from_pem(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle; a bundle without any is an error."""
    try:
        certificates = x509.load_pem_x509_certificates(data)
    except ValueError:
        certificates = []
    if not certificates:
        raise PKIError("Tệp không chứa chứng thư số dạng PEM nào (-----BEGIN CERTIFICATE-----). Hãy kiểm tra lại tệp.")
    return certificates
