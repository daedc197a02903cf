"""The văn thư's pages: registering with clear errors, the registers and their exports, signatures on receipt."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.conftest import PASSPHRASE
from tests.documents.test_flows import issue
from vanphong.documents import pki, signing
from vanphong.documents.models import Attachment, IncomingEntry
from vanphong.documents.render import render_pdf
from vanphong.documents.render.samples import party_letter


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form(**extra):
    data = {
        "channel": "dien_tu",
        "symbol": "Số 30-CV/TU",
        "summary": "về việc báo cáo sơ kết",
        "classification": "0",
        "urgency": "0",
    }
    data.update(extra)
    return data


def test_a_register_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(office, client):
    client.force_login(office.clerk)
    response = client.post(
        "/van-ban/den/vao-so/", form(symbol="Số 30-XYZ/TU", attachments=upload("a.pdf", render_pdf(party_letter())))
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "XYZ" in page and "Cần sửa trước khi gửi" in page
    assert "về việc báo cáo sơ kết" in page, "what was typed comes back"
    assert not IncomingEntry.objects.filter(document__summary="về việc báo cáo sơ kết").exists()


def test_a_disguised_upload_is_refused_and_nothing_is_registered(office, client):
    client.force_login(office.clerk)
    before = IncomingEntry.objects.count()
    response = client.post(
        "/van-ban/den/vao-so/", form(attachments=upload("van-ban.pdf", b"MZ\x90\x00" + b"\x00" * 200))
    )
    assert response.status_code == 400 and "van-ban.pdf" in response.content.decode()
    assert IncomingEntry.objects.count() == before


def test_only_clerks_register_and_others_get_404(office, client):
    client.force_login(office.thuong)
    assert client.get("/van-ban/den/vao-so/").status_code == 404


def test_the_register_exports_hold_the_columns_of_decree_30_and_only_what_one_may_see(office, client):
    client.force_login(office.thuong)
    xlsx = client.get("/van-ban/so-den.xlsx")
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Ngày đến", "Số đến") and rows[0][5] == "Tên loại và trích yếu nội dung"
    sheet = " ".join(str(v) for row in rows for v in row if v)
    assert "LEAKDOCDENTHUONGQ" in sheet and "LEAKDOCDENMATQ" not in sheet
    pdf = client.get("/van-ban/so-den.pdf")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text and "LEAKDOCDENMATQ" not in text


def test_the_register_page_filters_by_words_without_diacritics(office, client):
    client.force_login(office.tuyetmat)
    page = client.get("/van-ban/den/", {"q": "viec thu dentoimat"}).content.decode()
    assert "LEAKDOCDENTOIMATQ" in page and "LEAKDOCDENTHUONGQ" not in page


def test_signatures_of_a_received_pdf_are_verified_and_a_changed_file_is_flagged(office, client, authority, settings):
    from vanphong.documents.signing import LOCAL_CA_FILE

    settings.VANPHONG_PKI_DIR.mkdir(parents=True, exist_ok=True)
    (settings.VANPHONG_PKI_DIR / LOCAL_CA_FILE).write_bytes(pki.to_pem(authority.certificate))
    sender = pki.issue_certificate(authority, "Bí thư Tỉnh ủy", "Tỉnh ủy Thử nghiệm", "person", key_type="ec")
    signed = signing.sign_pdf(render_pdf(party_letter()), sender, "person", reason="Ban hành", location="Huế")
    client.force_login(office.clerk)
    ok = client.post("/van-ban/den/vao-so/", form(attachments=upload("125.pdf", signed)), follow=True)
    page = ok.content.decode()
    assert "Ký bởi Bí thư Tỉnh ủy (Tỉnh ủy Thử nghiệm)" in page and "is-valid" in page
    tampered = bytearray(signed)
    at = tampered.find(b"/MediaBox")
    tampered[at + 1 : at + 2] = b"m"
    bad = client.post(
        "/van-ban/den/vao-so/", form(symbol="Số 31-CV/TU", attachments=upload("126.pdf", bytes(tampered))), follow=True
    )
    assert "KHÔNG còn nguyên vẹn" in bad.content.decode()


def test_an_issued_document_opens_as_its_signed_pdf(office, signing_keys, client):
    doc = issue(office)
    client.force_login(office.thuong)
    response = client.get(f"/van-ban/{doc.pk}/ban-trinh-bay.pdf")
    pdf = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf" and "01-KL-TW.pdf" in response["Content-Disposition"]
    stored = doc.attachments.filter(kind=Attachment.Kind.SIGNED_PDF).latest("id")
    with stored.file.open() as fh:
        assert fh.read() == pdf
    assert PASSPHRASE.encode() not in pdf


def test_a_draft_that_amends_an_issued_document_is_linked_both_ways(office, signing_keys, client):
    from tests.documents.conftest import issuer, party_type

    issued = issue(office)
    client.force_login(office.thuong)
    data = {"issuer": issuer("TW").pk, "doc_type": party_type("KL").pk, "summary": "sửa đổi, bổ sung Kết luận 01",
            "body": "Sửa đổi điểm 1.", "recipients_text": "- Lưu Văn phòng.", "classification": "0", "urgency": "0",
            "related_kind": "sua_doi", "related_symbol": "Số 01-KL/TW"}
    response = client.post("/van-ban/soan-thao/", data, follow=True)
    assert "Sửa đổi, bổ sung: " in response.content.decode() and "01-KL/TW" in response.content.decode()
    assert "Được sửa đổi, bổ sung bởi" in client.get(issued.get_absolute_url()).content.decode()
    missing = client.post("/van-ban/soan-thao/", {**data, "related_symbol": "Số 77-KL/TW"})
    assert missing.status_code == 400 and "77-KL/TW" in missing.content.decode()
    from vanphong.documents.models import Document

    assert Document.objects.filter(summary="sửa đổi, bổ sung Kết luận 01").count() == 1, "the refused draft is gone"


def test_an_appendix_is_attached_to_a_draft_and_a_bad_file_is_refused(office, client):
    from tests.documents.conftest import make_draft

    draft = make_draft(office.thuong)
    client.force_login(office.thuong)
    pdf = render_pdf(party_letter())
    ok = client.post(f"/van-ban/{draft.pk}/dinh-kem/", {"attachment": upload("phu-luc.pdf", pdf)}, follow=True)
    assert "Đã đính kèm phu-luc.pdf" in ok.content.decode()
    assert draft.attachments.get().kind == Attachment.Kind.APPENDIX
    bad = client.post(f"/van-ban/{draft.pk}/dinh-kem/", {"attachment": upload("x.pdf", b"MZ" + b"\0" * 100)},
                      follow=True)
    assert "x.pdf" in bad.content.decode() and draft.attachments.count() == 1
    client.force_login(office.outsider)
    assert client.post(f"/van-ban/{draft.pk}/dinh-kem/", {"attachment": upload("y.pdf", pdf)},
                       follow=True).status_code == 200
    assert draft.attachments.count() == 1, "only the drafter's unit attaches"
