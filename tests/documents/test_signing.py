"""PAdES signing and offline verification: the person signs, the organisation seals, tampering shows."""

from __future__ import annotations

import datetime as dt
import re
import socket
from io import BytesIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from vanphong.documents import pki
from vanphong.documents.signing import SigningError, sign_pdf, trust_roots_from_settings, verify_pdf

OFFICE = "Văn phòng Trung ương Đảng"
BODY_TEXT = b"KET LUAN cua Bo Chinh tri ve thu nghiem chu ky so"
# Near the signer block at the bottom right; the seal near the issuer name at the top left (A4 is 595 x 842).
PERSON_BOX = (330.0, 90.0, 560.0, 150.0)
SEAL_BOX = (40.0, 740.0, 270.0, 800.0)


def make_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for _ in range(pages):
        page = writer.add_blank_page(595, 842)
        content = DecodedStreamObject()
        content.set_data(b"BT /F1 14 Tf 72 600 Td (" + BODY_TEXT + b") Tj ET")
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


class Keys:
    def __init__(self) -> None:
        # The root dates from long ago so that a certificate may be issued for any signing time a test states.
        self.ca = pki.make_root_ca("CA thử nghiệm VănPhòng", not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        self.other_ca = pki.make_root_ca("CA khác")
        self.seal = pki.issue_certificate(self.ca, OFFICE, OFFICE, "organisation")
        self.leader = pki.issue_certificate(self.ca, "Nguyễn Văn A", OFFICE, "person")
        self.deputy = pki.issue_certificate(self.ca, "Trần Thị Bích Ngọc", OFFICE, "person")


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys()  # RSA keys take a while: made once for the module


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="module")
def signed(keys: Keys, pdf: bytes) -> bytes:
    by_person = sign_pdf(pdf, keys.leader, "person", reason="Ký ban hành", location="Hà Nội", box=PERSON_BOX)
    return sign_pdf(by_person, keys.seal, "organisation", reason="Đóng dấu", location="Hà Nội", box=SEAL_BOX)


def foreign_certificate(authority: pki.Authority, key_usage: x509.KeyUsage, **dates: dt.datetime) -> pki.Identity:
    # A certificate as another authority would make it: none of our role policies, the key usage given.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Lê Văn Ngoại")]))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dates.get("not_before", now - dt.timedelta(days=1)))
        .not_valid_after(dates.get("not_after", now + dt.timedelta(days=30)))
        .add_extension(key_usage, critical=True)
        .sign(authority.key, hashes.SHA256())
    )
    return pki.Identity(key=key, certificate=certificate, chain=(authority.certificate,))


def usage(**bits: bool) -> x509.KeyUsage:
    names = ["digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement"]
    flags = {name: bits.get(name, False) for name in names}
    return x509.KeyUsage(**flags, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)


# --- Signing and verifying -------------------------------------------------------------------------------


def test_the_person_signs_then_the_organisation_seals_and_both_verify(keys: Keys, signed: bytes) -> None:
    person, seal = verify_pdf(signed, [keys.ca.certificate])

    assert (person.role, person.signer_name, person.organisation) == ("person", "Nguyễn Văn A", OFFICE)
    assert (seal.role, seal.signer_name) == ("organisation", OFFICE)
    assert person.role_from_certificate and seal.role_from_certificate
    assert person.intact and person.trusted and seal.intact and seal.trusted
    assert (person.covers_whole_file, person.modified_after) == (False, "signatures")
    assert (seal.covers_whole_file, seal.modified_after) == (True, "none")
    assert person.field_name == "ChuKySo_CaNhan" and seal.field_name == "ChuKySo_CoQuan"
    assert person.summary.startswith(f"Ký bởi Nguyễn Văn A ({OFFICE}) lúc ")
    assert "chỉ được thêm chữ ký số khác" in person.summary
    assert seal.summary.endswith("tệp không bị thay đổi sau khi ký.")


def test_the_summary_gives_the_signing_time_in_vietnam(keys: Keys, pdf: bytes) -> None:
    at = dt.datetime(2026, 4, 3, 7, 5, tzinfo=dt.UTC)
    leader = pki.issue_certificate(keys.ca, "Nguyễn Văn A", OFFICE, not_before=at - dt.timedelta(days=1))
    signed = sign_pdf(pdf, leader, "person", reason="Ký", location="Hà Nội", signed_at=at)

    (report,) = verify_pdf(signed, [keys.ca.certificate])

    assert report.signed_at == at
    assert report.summary == (
        f"Ký bởi Nguyễn Văn A ({OFFICE}) lúc 14:05 ngày 03/4/2026; tệp không bị thay đổi sau khi ký."
    )


def test_the_organisation_may_seal_a_document_no_person_signed(keys: Keys, pdf: bytes) -> None:
    sealed = sign_pdf(pdf, keys.seal, "organisation", reason="Sao y", location="Hà Nội")

    (report,) = verify_pdf(sealed, [keys.ca.certificate])

    assert report.role == "organisation" and report.trusted and report.covers_whole_file


def test_an_ecdsa_certificate_signs_too(keys: Keys, pdf: bytes) -> None:
    ecdsa = pki.issue_certificate(keys.ca, "Hoàng Minh Đức", OFFICE, key_type="ec")
    signed = sign_pdf(pdf, ecdsa, "person", reason="Ký", location="Hà Nội", box=PERSON_BOX)

    (report,) = verify_pdf(signed, [keys.ca.certificate])

    assert report.intact and report.trusted and report.signer_name == "Hoàng Minh Đức"


def test_a_pdf_without_signatures_has_no_reports(keys: Keys, pdf: bytes) -> None:
    assert verify_pdf(pdf, [keys.ca.certificate]) == []


def test_a_byte_changed_inside_the_signed_range_breaks_the_signature(keys: Keys, signed: bytes) -> None:
    at = signed.index(BODY_TEXT)
    tampered = signed[:at] + b"X" + signed[at + 1 :]

    first = verify_pdf(tampered, [keys.ca.certificate])[0]

    assert not first.intact and not first.trusted
    assert "KHÔNG còn nguyên vẹn" in first.summary


def test_content_drawn_on_the_page_after_signing_is_flagged(keys: Keys, signed: bytes) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 400 Td (DA SUA SAU KHI KY) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = BytesIO()
    writer.write(out)

    person, seal = verify_pdf(out.getvalue(), [keys.ca.certificate])

    assert person.intact and seal.intact  # the signed bytes are still there, unchanged
    assert seal.modified_after == "other" and person.modified_after == "other"
    assert not seal.covers_whole_file
    assert "CẢNH BÁO: tệp đã bị thay đổi sau khi ký" in seal.summary


def test_an_annotation_added_after_signing_is_flagged(keys: Keys, signed: bytes) -> None:
    writer = PdfWriter(BytesIO(signed), incremental=True)
    writer.add_annotation(0, FreeText(text="Đã duyệt", rect=(50, 300, 250, 340)))
    out = BytesIO()
    writer.write(out)

    reports = verify_pdf(out.getvalue(), [keys.ca.certificate])

    assert [r.modified_after for r in reports] == ["other", "other"]


def test_a_signature_from_another_authority_is_intact_but_not_trusted(keys: Keys, signed: bytes) -> None:
    reports = verify_pdf(signed, [keys.other_ca.certificate])

    assert all(r.intact and not r.trusted for r in reports)
    assert "chưa xác thực được người ký" in reports[0].summary


def test_no_trust_roots_trusts_nothing(keys: Keys, signed: bytes) -> None:
    assert not any(r.trusted for r in verify_pdf(signed, []))


def test_a_certificate_on_a_supplied_revocation_list_is_not_trusted(keys: Keys, pdf: bytes) -> None:
    revoked = pki.issue_certificate(keys.ca, "Đỗ Văn Thôi", OFFICE, crl_url="http://ca.vanphong.invalid/root.crl")
    signed = sign_pdf(pdf, revoked, "person", reason="Ký", location="Hà Nội")
    crl = pki.make_crl(keys.ca, [revoked.certificate])

    (without_crl,) = verify_pdf(signed, [keys.ca.certificate])
    (report,) = verify_pdf(signed, [keys.ca.certificate], crls=[crl])

    assert without_crl.trusted  # offline, nothing says otherwise
    assert report.intact and not report.trusted and "thu hồi" in report.summary


def test_verifying_after_the_certificate_expired_says_so(keys: Keys, signed: bytes) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=800)

    person = verify_pdf(signed, [keys.ca.certificate], at=later)[0]

    assert person.intact and not person.trusted and "hết hạn" in person.summary


def test_a_foreign_certificate_reports_the_role_claimed_in_the_signature(keys: Keys, pdf: bytes) -> None:
    foreign = foreign_certificate(keys.ca, usage(content_commitment=True))
    signed = sign_pdf(pdf, foreign, "person", reason="Ký", location="Huế")

    (report,) = verify_pdf(signed, [keys.ca.certificate])

    assert (report.role, report.role_from_certificate, report.trusted) == ("person", False, True)
    with pytest.raises(SigningError, match="chữ ký số của cá nhân"):
        sign_pdf(signed, keys.deputy, "person", reason="Ký", location="Huế")


def test_signing_and_verifying_never_touch_the_network(keys: Keys, pdf: bytes, monkeypatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access during signing or verification")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    revocable = pki.issue_certificate(keys.ca, "Vũ Thị Mạng", OFFICE, crl_url="http://ca.vanphong.invalid/root.crl")
    signed = sign_pdf(pdf, revocable, "person", reason="Ký", location="Hà Nội", box=PERSON_BOX)

    assert verify_pdf(signed, [keys.ca.certificate])[0].trusted


# --- Refusals --------------------------------------------------------------------------------------------


def test_a_second_person_signature_is_refused(keys: Keys, pdf: bytes) -> None:
    once = sign_pdf(pdf, keys.leader, "person", reason="Ký", location="Hà Nội")

    with pytest.raises(SigningError, match="đã có chữ ký số của cá nhân"):
        sign_pdf(once, keys.deputy, "person", reason="Ký", location="Hà Nội", field_name="ChuKy2")


def test_the_person_may_not_sign_after_the_organisation(keys: Keys, pdf: bytes) -> None:
    sealed = sign_pdf(pdf, keys.seal, "organisation", reason="Đóng dấu", location="Hà Nội")

    with pytest.raises(SigningError, match="phải ký trước khi cơ quan ký"):
        sign_pdf(sealed, keys.leader, "person", reason="Ký", location="Hà Nội")


def test_a_second_organisation_signature_is_refused(keys: Keys, signed: bytes) -> None:
    with pytest.raises(SigningError, match="không đóng dấu số lần thứ hai"):
        sign_pdf(signed, keys.seal, "organisation", reason="Đóng dấu", location="Hà Nội", field_name="Dau2")


def test_a_person_certificate_cannot_sign_for_the_organisation(keys: Keys, pdf: bytes) -> None:
    with pytest.raises(SigningError, match="là của cá nhân"):
        sign_pdf(pdf, keys.leader, "organisation", reason="Đóng dấu", location="Hà Nội")


def test_an_expired_certificate_is_refused(keys: Keys, pdf: bytes) -> None:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    expired = pki.issue_certificate(keys.ca, "Phạm Văn Cũ", OFFICE, valid_days=30, not_before=long_ago)

    with pytest.raises(SigningError, match="đã hết hạn"):
        sign_pdf(pdf, expired, "person", reason="Ký", location="Hà Nội")


def test_a_certificate_not_yet_valid_is_refused(keys: Keys, pdf: bytes) -> None:
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=1000)

    with pytest.raises(SigningError, match="chỉ có hiệu lực từ"):
        sign_pdf(pdf, keys.leader, "person", reason="Ký", location="Hà Nội", signed_at=at)


def test_a_certificate_whose_key_usage_does_not_allow_signing_is_refused(keys: Keys, pdf: bytes) -> None:
    encipher_only = foreign_certificate(keys.ca, usage(key_encipherment=True))

    with pytest.raises(SigningError, match="không được phép dùng để ký"):
        sign_pdf(pdf, encipher_only, "person", reason="Ký", location="Hà Nội")


def test_a_key_that_does_not_match_the_certificate_is_refused(keys: Keys, pdf: bytes) -> None:
    mismatched = pki.Identity(key=keys.deputy.key, certificate=keys.leader.certificate, chain=keys.leader.chain)

    with pytest.raises(SigningError, match="không khớp"):
        sign_pdf(pdf, mismatched, "person", reason="Ký", location="Hà Nội")


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"])
def test_a_file_that_is_not_a_pdf_is_refused(keys: Keys, data: bytes) -> None:
    with pytest.raises(SigningError, match="không phải PDF hợp lệ"):
        sign_pdf(data, keys.leader, "person", reason="Ký", location="Hà Nội")
    with pytest.raises(SigningError, match="không phải PDF hợp lệ"):
        verify_pdf(data, [keys.ca.certificate])


def test_an_encrypted_pdf_is_refused(keys: Keys, pdf: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    writer.encrypt("mat-khau", algorithm="AES-256")
    out = BytesIO()
    writer.write(out)

    with pytest.raises(SigningError, match="mã hóa"):
        sign_pdf(out.getvalue(), keys.leader, "person", reason="Ký", location="Hà Nội")


def test_a_box_on_a_page_the_document_lacks_is_refused(keys: Keys, pdf: bytes) -> None:
    with pytest.raises(SigningError, match="có 1 trang"):
        sign_pdf(pdf, keys.leader, "person", reason="Ký", location="Hà Nội", box=PERSON_BOX, page=3)


# --- Visible stamps --------------------------------------------------------------------------------------


def stamp_texts(pdf: bytes) -> list[str]:
    # The text of each signature appearance, as a PDF reader copies it: draw the appearance on a blank page
    # and extract the page's text through the embedded font's ToUnicode map.
    reader = PdfReader(BytesIO(pdf))
    texts = []
    for annotation in reader.pages[0]["/Annots"]:
        appearance = annotation.get_object()["/AP"]["/N"]
        writer = PdfWriter()
        page = writer.add_blank_page(595, 842)
        content = DecodedStreamObject()
        content.set_data(b"/Stamp Do")
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Stamp"): writer._add_object(appearance)})}
        )
        texts.append(page.extract_text())
    return texts


def test_visible_stamps_show_the_vietnamese_names_and_time(keys: Keys, signed: bytes) -> None:
    person, seal = stamp_texts(signed)

    assert "Người ký: Nguyễn Văn A" in person
    assert f"Cơ quan: {OFFICE}" in person
    assert f"Cơ quan: {OFFICE}" in seal and "Chữ ký số của cơ quan, tổ chức" in seal
    assert re.search(r"Thời gian ký: \d\d:\d\d ngày \d\d/\d{1,2}/\d{4}", seal)


def test_invisible_signatures_have_no_appearance_on_the_page(keys: Keys, pdf: bytes) -> None:
    signed = sign_pdf(pdf, keys.leader, "person", reason="Ký", location="Hà Nội")
    widget = PdfReader(BytesIO(signed)).pages[0]["/Annots"][0].get_object()

    assert [float(v) for v in widget["/Rect"]] == [0, 0, 0, 0]


# --- Key files and settings ------------------------------------------------------------------------------


def test_a_pkcs12_file_round_trips(keys: Keys) -> None:
    loaded = pki.load_pkcs12(pki.to_pkcs12(keys.leader, "Mật khẩu 2026"), "Mật khẩu 2026")

    assert loaded.certificate == keys.leader.certificate
    assert loaded.chain == (keys.ca.certificate,)
    assert (loaded.common_name, pki.role_of(loaded.certificate)) == ("Nguyễn Văn A", "person")


def test_a_wrong_pkcs12_passphrase_gets_a_clear_message(keys: Keys) -> None:
    data = pki.to_pkcs12(keys.leader, "đúng")

    with pytest.raises(pki.PKIError, match="Mật khẩu của tệp chứng thư số không đúng"):
        pki.load_pkcs12(data, "sai")


def test_a_damaged_pkcs12_file_gets_a_clear_message(keys: Keys) -> None:
    data = pki.to_pkcs12(keys.leader, "đúng")

    with pytest.raises(pki.PKIError, match="không phải tệp chứng thư số PKCS#12"):
        pki.load_pkcs12(data[: len(data) // 2], "đúng")


def test_trust_roots_come_from_the_pem_bundle_in_settings(keys: Keys, settings, tmp_path) -> None:
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(pki.to_pem(keys.ca.certificate, keys.other_ca.certificate))
    settings.VANPHONG_TRUST_ROOTS = bundle

    assert trust_roots_from_settings() == [keys.ca.certificate, keys.other_ca.certificate]

    settings.VANPHONG_TRUST_ROOTS = None
    assert trust_roots_from_settings() == []
    settings.VANPHONG_TRUST_ROOTS = tmp_path / "missing.pem"
    with pytest.raises(SigningError, match="VANPHONG_TRUST_ROOTS"):
        trust_roots_from_settings()


def test_signing_and_verifying_work_inside_a_running_event_loop(keys):
    import asyncio

    async def inside() -> list:
        signed = sign_pdf(make_pdf(), keys.leader, "person", reason="Ký", location="Hà Nội")
        return verify_pdf(signed, [keys.ca.certificate])

    # The loop runs in a thread of its own: this one may already run one (Playwright's, in the browser suite).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        reports = pool.submit(asyncio.run, inside()).result()
    assert [r.intact for r in reports] == [True]
