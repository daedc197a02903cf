"""PAdES signatures on issued documents: the person signs, the organisation seals, and both verify offline.

Nghị định 30/2020 and 63/2026 ask an electronic document to carry the digital signature of the person who signs
it and then of the organisation (its seal). Each signature is a PAdES baseline B-B signature (ETSI.CAdES.detached)
added as an incremental update, so the earlier one stays valid. Functions here take key material and bytes and
return bytes or reports; the documents app stores certificates and files and calls them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, Literal, TypeVar

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.ades.api import CAdESSignedAttrSpec, SignerAttrSpec
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import InvalidCertificateError, PathError, ValidationError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from vanphong.core.errors import ServiceError
from vanphong.documents import pki
from vanphong.documents.stamp import VN_TIME, StampFont, font_for, stamp_text, vn_date

Role = pki.Role
T = TypeVar("T")
ModifiedAfter = Literal["none", "signatures", "other"]

_DEFAULT_FIELDS: dict[Role, str] = {"person": "ChuKySo_CaNhan", "organisation": "ChuKySo_CoQuan"}
# RFC 5280 lets either bit stand for document signing; absent key usage counts as not allowed, as in pyHanko.
# Extended key usage is not enforced: certificates issued in Việt Nam often carry only client authentication.
_SIGNING_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
class SigningError(ServiceError):
    """A signature that cannot be made or a file that cannot be checked; `message` says what to do."""

    code = "signing"


@dataclass(frozen=True)
class SignatureReport:
    """What a page shows about one signature in a PDF, in signing order."""

    field_name: str
    role: Role | Literal["unknown"]
    role_from_certificate: bool  # False: the role is only claimed inside the signature (foreign certificate)
    signer_name: str
    organisation: str
    signed_at: dt.datetime | None  # as the signer's computer stated it: no timestamp authority offline
    intact: bool  # the signed bytes are unchanged and the signature value is valid
    trusted: bool  # the certificate chains to a trust root, valid at verification time, not on a supplied CRL
    covers_whole_file: bool
    modified_after: ModifiedAfter  # "signatures": only later signatures were added (allowed); "other": suspicious
    certificate_sha256: str  # to match the signer against the certificates the office stores
    summary: str


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


# --- Reading ---------------------------------------------------------------------------------------------


def _open(pdf: bytes) -> IncrementalPdfFileWriter:
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise SigningError(
            "Tệp không phải PDF hợp lệ hoặc đã bị hỏng. Hãy xuất lại văn bản ra PDF rồi thử lại."
        ) from exc
    if writer.prev.encrypted:
        raise SigningError("Tệp PDF được đặt mật khẩu (mã hóa): không ký hay kiểm tra được. Hãy dùng bản không mã hóa.")
    return writer


def _signatures(reader: PdfFileReader) -> list[EmbeddedPdfSignature]:
    try:
        return list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError("Không đọc được các chữ ký số có trong tệp: tệp bị hỏng. Hãy lấy lại bản gốc.") from exc


def _role(signature: EmbeddedPdfSignature) -> tuple[Role | Literal["unknown"], bool]:
    certificate = x509.load_der_x509_certificate(signature.signer_cert.dump())
    by_certificate = pki.role_of(certificate)
    if by_certificate is not None:
        return by_certificate, True
    return pki.claimed_role(signature.signer_info) or "unknown", False


# --- Signing ---------------------------------------------------------------------------------------------


def _check_identity(identity: pki.Identity, role: Role, signed_at: dt.datetime) -> None:
    certificate = identity.certificate
    public = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if identity.key.public_key().public_bytes(*public) != certificate.public_key().public_bytes(*public):
        raise SigningError("Khóa bí mật không khớp với chứng thư số đã chọn. Hãy nạp lại tệp .p12 đúng của người ký.")
    for cert, whose in [(certificate, "của người ký"), *((c, "của tổ chức cấp") for c in identity.chain)]:
        if signed_at < cert.not_valid_before_utc:
            raise SigningError(
                f"Chứng thư số {whose} chỉ có hiệu lực từ {vn_date(cert.not_valid_before_utc.astimezone(VN_TIME))}. "
                "Hãy ký sau thời điểm đó hoặc dùng chứng thư khác."
            )
        if signed_at > cert.not_valid_after_utc:
            raise SigningError(
                f"Chứng thư số {whose} đã hết hạn từ {vn_date(cert.not_valid_after_utc.astimezone(VN_TIME))}. "
                "Hãy xin cấp chứng thư mới rồi ký lại."
            )
    try:
        _SIGNING_USAGE.validate(_asn1_certificate(certificate))
    except InvalidCertificateError:
        raise SigningError(
            "Chứng thư số này không được phép dùng để ký (thiếu mục đích chữ ký số / chống chối bỏ). "
            "Hãy dùng chứng thư số ký văn bản do tổ chức chứng thực cấp."
        ) from None
    certified = pki.role_of(certificate)
    if certified is not None and certified != role:
        raise SigningError(
            "Chứng thư số này là của cá nhân, không dùng để ký thay cơ quan, tổ chức."
            if certified == "person"
            else "Chứng thư số này là của cơ quan, tổ chức, không dùng để ký với tư cách cá nhân."
        )


def _check_order(existing: Sequence[EmbeddedPdfSignature], role: Role) -> None:
    roles = [_role(signature)[0] for signature in existing]
    if "unknown" in roles:
        raise SigningError(
            "Văn bản đã có chữ ký số không xác định được là của cá nhân hay của cơ quan, nên không ký thêm được. "
            "Hãy ký trên bản chưa ký của văn bản."
        )
    if role in roles:
        raise SigningError(
            "Văn bản đã có chữ ký số của cá nhân; mỗi văn bản chỉ có một chữ ký cá nhân."
            if role == "person"
            else "Văn bản đã có chữ ký số của cơ quan, tổ chức; không đóng dấu số lần thứ hai."
        )
    if role == "person" and "organisation" in roles:
        raise SigningError(
            "Văn bản đã có chữ ký số của cơ quan; người có thẩm quyền phải ký trước khi cơ quan ký. "
            "Hãy ký trên bản chưa ký của văn bản."
        )


class _PdfSignerAt(signers.PdfSigner):
    # pyHanko takes the signing time from the clock; documents sometimes need a stated time (and tests do).
    def __init__(self, *args: Any, signed_at: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signed_at = signed_at

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signed_at
        return session


def off_the_event_loop(fn: Callable[..., T]) -> Callable[..., T]:
    """Run `fn` in a worker thread when this thread already runs an asyncio event loop.

    pyHanko's synchronous API calls asyncio.run(), which refuses to start inside a running loop (an ASGI server,
    or a browser test driving Playwright from the same thread); elsewhere `fn` runs directly."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> T:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return fn(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(fn, *args, **kwargs).result()

    return run


@off_the_event_loop
def sign_pdf(
    pdf: bytes,
    identity: pki.Identity,
    role: Role,
    *,
    reason: str,
    location: str,
    field_name: str | None = None,
    box: tuple[float, float, float, float] | None = None,
    page: int = 0,
    signed_at: dt.datetime | None = None,
) -> bytes:
    """Add a PAdES B-B signature as an incremental update: the person's first, then the organisation's.

    `box` (x1, y1, x2, y2 in PDF points on `page`) makes the signature visible as a text stamp; without it the
    signature is invisible. Raises SigningError when the signature would break the order or cannot be trusted.
    """
    if role not in _DEFAULT_FIELDS:
        raise ValueError(f"role must be 'person' or 'organisation', not {role!r}")
    moment = signed_at or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        raise ValueError("signed_at must be timezone-aware")
    _check_identity(identity, role, moment)
    writer = _open(pdf)
    _check_order(_signatures(writer.prev), role)
    name = field_name or _DEFAULT_FIELDS[role]
    spec_box: tuple[int, int, int, int] | None = None
    style = None
    if box is not None:
        try:
            pages = int(writer.root["/Pages"]["/Count"])
        except (PdfError, KeyError, TypeError, ValueError):
            raise SigningError("Tệp PDF không có danh sách trang đọc được. Hãy xuất lại văn bản ra PDF.") from None
        if not 0 <= page < pages:
            raise SigningError(f"Văn bản có {pages} trang; không đặt được chữ ký ở trang {page + 1}.")
        x1, y1, x2, y2 = (round(v) for v in box)
        if x2 <= x1 or y2 <= y1:
            raise ValueError("box must be (x1, y1, x2, y2) with x1 < x2 and y1 < y2")
        spec_box = (x1, y1, x2, y2)
        text = stamp_text(identity, role, moment)
        font = StampFont(font_for(text), 9)
        style = TextStampStyle(
            stamp_text=text.replace("%", "%%"),
            border_width=1,
            text_box_style=TextBoxStyle(font=font, font_size=9),
        )
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=identity.common_name,
        cades_signed_attr_spec=CAdESSignedAttrSpec(
            signer_attributes=SignerAttrSpec(claimed_attrs=[pki.role_claim(role)], certified_attrs=[])
        ),
    )
    key = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=_asn1_certificate(identity.certificate),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([_asn1_certificate(c) for c in identity.chain]),
    )
    pdf_signer = _PdfSignerAt(
        meta,
        signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=name, on_page=page, box=spec_box),
        signed_at=moment,
    )
    try:
        output = pdf_signer.sign_pdf(writer)
    except PyHankoSigningError as exc:
        raise SigningError(f"Không ký được vào ô chữ ký “{name}”: ô này đã có chữ ký hoặc không dùng được.") from exc
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(
            "Không ký được tệp PDF này: cấu trúc tệp có lỗi. Hãy xuất lại văn bản ra PDF rồi thử lại."
        ) from exc
    return bytes(output.getvalue())


# --- Verifying -------------------------------------------------------------------------------------------


def _validation_context(
    trust_roots: Sequence[x509.Certificate], crls: Sequence[bytes], at: dt.datetime | None
) -> ValidationContext:
    # Offline: nothing is fetched. "soft-fail": a certificate is judged revoked only from the CRLs supplied
    # here; without any, revocation cannot be checked and is not held against the signer. An empty list of
    # roots stays empty (pyHanko would otherwise fall back to the operating system's web trust list).
    return ValidationContext(
        trust_roots=[_asn1_certificate(c) for c in trust_roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
        crls=list(crls) or None,
        moment=at,
    )


def _modified_after(
    signature: EmbeddedPdfSignature, status: PdfSignatureStatus, signed_revisions: set[int], total: int
) -> ModifiedAfter:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return "none"
    later_are_signatures = all(r in signed_revisions for r in range(signature.signed_revision + 1, total))
    diff = status.diff_result
    harmless = isinstance(diff, DiffResult) and diff.modification_level <= ModificationLevel.FORM_FILLING
    if status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and later_are_signatures and harmless:
        return "signatures"
    return "other"


def _untrusted_reason(status: PdfSignatureStatus) -> str:
    indication = getattr(status.trust_problem_indic, "name", "")
    if status.revoked or "REVOKED" in indication:
        return "chứng thư số đã bị thu hồi"
    if indication in {"EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"}:
        return "chứng thư số đã hết hạn"
    if indication == "NOT_YET_VALID":
        return "chứng thư số chưa đến ngày có hiệu lực"
    if indication == "SIG_CONSTRAINTS_FAILURE":
        return "chứng thư số không được phép dùng để ký"
    return "chứng thư số không do tổ chức chứng thực mà cơ quan tin cậy cấp"


def _summary(signer: str, status: PdfSignatureStatus | None, modified: ModifiedAfter) -> str:
    if status is None or not (status.intact and status.valid):
        return (
            f"{signer}: chữ ký KHÔNG còn nguyên vẹn, nội dung đã bị sửa sau khi ký. "
            "Không dùng bản này; hãy lấy lại bản gốc từ nơi phát hành."
        )
    parts = [signer]
    if modified == "none":
        parts.append("tệp không bị thay đổi sau khi ký")
    elif modified == "signatures":
        parts.append("sau chữ ký này tệp chỉ được thêm chữ ký số khác")
    else:
        parts.append("CẢNH BÁO: tệp đã bị thay đổi sau khi ký, ngoài các chữ ký số; hãy đối chiếu với bản gốc")
    if not status.trusted:
        parts.append(f"chưa xác thực được người ký: {_untrusted_reason(status)}")
    return "; ".join(parts) + "."


def _report(
    signature: EmbeddedPdfSignature, context: ValidationContext, signed_revisions: set[int], total: int
) -> SignatureReport:
    certificate = x509.load_der_x509_certificate(signature.signer_cert.dump())
    name = pki.subject_value(certificate, x509.NameOID.COMMON_NAME)
    organisation = pki.subject_value(certificate, x509.NameOID.ORGANIZATION_NAME)
    role, certified = _role(signature)
    signed_at = signature.self_reported_timestamp
    status: PdfSignatureStatus | None
    try:
        status = validate_pdf_signature(signature, context, key_usage_settings=_SIGNING_USAGE)
    except (PdfError, ValueError, KeyError, TypeError, PathError, ValidationError):
        status = None  # a signature whose bytes no longer parse is as broken as one whose digest differs
    modified: ModifiedAfter = "other" if status is None else _modified_after(signature, status, signed_revisions, total)
    if role == "organisation":
        signer = f"Chữ ký số của {organisation or name}"
    else:
        signer = f"Ký bởi {name} ({organisation})" if organisation and organisation != name else f"Ký bởi {name}"
    if signed_at is not None:
        signer += f" lúc {vn_date(signed_at.astimezone(VN_TIME))}"
    return SignatureReport(
        field_name=str(signature.field_name),
        role=role,
        role_from_certificate=certified,
        signer_name=name,
        organisation=organisation,
        signed_at=signed_at,
        intact=bool(status and status.intact and status.valid),
        trusted=bool(status and status.trusted),
        covers_whole_file=bool(status and status.coverage == SignatureCoverageLevel.ENTIRE_FILE),
        modified_after=modified,
        certificate_sha256=hashlib.sha256(signature.signer_cert.dump()).hexdigest(),
        summary=_summary(signer, status, modified),
    )


@off_the_event_loop
def verify_pdf(
    pdf: bytes,
    trust_roots: list[x509.Certificate],
    *,
    crls: Sequence[bytes] = (),
    at: dt.datetime | None = None,
) -> list[SignatureReport]:
    """Check every signature in the PDF, in signing order; a PDF without signatures gives [].

    Offline: certificates are judged against `trust_roots` and the DER `crls` given, at `at` (default now).
    """
    reader = _open(pdf).prev
    signatures = _signatures(reader)
    signed_revisions = {s.signed_revision for s in signatures}
    total = reader.xrefs.total_revisions
    context = _validation_context(trust_roots, crls, at)
    return [_report(s, context, signed_revisions, total) for s in signatures]


def trust_roots_from_settings() -> list[x509.Certificate]:
    """The certificate authorities the offices trust: the PEM bundle named by VANPHONG_TRUST_ROOTS, plus this
    installation's own local CA if it has one (VANPHONG_PKI_DIR/local-ca.pem, made by the demo office)."""
    from django.conf import settings

    roots: list[x509.Certificate] = []
    local = Path(settings.VANPHONG_PKI_DIR) / LOCAL_CA_FILE
    if local.exists():
        roots += _read_roots(local, "VANPHONG_PKI_DIR")
    path: Path | None = settings.VANPHONG_TRUST_ROOTS
    if path is not None:
        roots += _read_roots(path, "VANPHONG_TRUST_ROOTS")
    return roots


LOCAL_CA_FILE = "local-ca.pem"


def _read_roots(path: Path, setting: str) -> list[x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(
            f"Không đọc được tệp chứng thư gốc tin cậy {path} ({exc.strerror}): hãy sửa {setting}."
        ) from None
    try:
        return pki.certificates_from_pem(data)
    except pki.PKIError:
        raise SigningError(f"Tệp {path} ({setting}) không chứa chứng thư số PEM nào: hãy sửa tệp.") from None
