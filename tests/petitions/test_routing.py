"""Forwarding to the competent body makes a forwarding letter in the documents' flow, rendered to PDF, that never
carries who wrote; the result is recorded with the resolving body's document; the sender is informed by a notice
addressed only at printing, and a protected sender's address only inside the sealed path."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.documents.test_flows import PDF, register
from tests.petitions.helpers import letter
from tests.petitions.test_protection import assert_hidden, denunciation
from tests.search.helpers import find
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import Body
from vanphong.documents.models import Document
from vanphong.petitions import protection, routing
from vanphong.petitions.models import CaseDocument, PetitionCase, RevealRequest
from vanphong.petitions.services import check_step

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def forwarded(officer, case):
    body = Body.objects.filter(kind="tinh_uy").first()
    case = check_step(officer, case.pk, "classify", case.version)
    return check_step(officer, case.pk, "forward", case.version, data={"body": body}), body


def test_forwarding_a_denunciation_drafts_a_redacted_forwarding_letter_rendered_to_pdf(officer, office):
    case, body = forwarded(officer, denunciation(officer).case)
    item = CaseDocument.objects.get(case=case, role=CaseDocument.Role.FORWARDING)
    doc = item.document
    assert doc.status == Document.Status.DRAFT and doc.doc_type.code == "PC" and doc.issuer.code == "VPTW"
    assert doc.addressees == body.name and "Trần Văn Bị" in doc.body and "giữ bí mật" in doc.body
    assert_hidden(" ".join([doc.summary, doc.body, doc.addressees, doc.recipients_text]), "phiếu chuyển")
    client = Client()
    client.force_login(officer)
    page = client.get(f"/don-thu/{case.pk}/").content.decode()
    assert "Phiếu chuyển đơn" in page and f"/van-ban/{doc.pk}/ban-trinh-bay.pdf" in page
    rendered = client.get(f"/van-ban/{doc.pk}/ban-trinh-bay.pdf")
    assert rendered.status_code == 200 and rendered["Content-Type"] == "application/pdf"
    text = pdf_text(rendered.content)
    assert "PHIẾU CHUYỂN" in text.upper() or body.name.split()[0] in text
    assert_hidden(text, "bản PDF phiếu chuyển")
    assert find(officer, "Tốcáo").total == 0 and find(officer, "Mậtdanh").total == 0


def test_the_result_needs_the_resolving_bodys_document(officer, office, store):
    done = letter(officer, kind="khieu_nai")
    case = check_step(officer, done.case.pk, "classify", done.case.version)
    case = check_step(officer, case.pk, "accept", case.version)
    with pytest.raises(ServiceError, match="số đến của văn bản giải quyết"):
        routing.check_result(officer, case.pk, case.version, "Đã giải quyết.")
    with pytest.raises(ServiceError, match="số/năm"):
        routing.check_result(officer, case.pk, case.version, "Đã giải quyết.", entry="mười lăm")
    with pytest.raises(ServiceError, match="Không có văn bản đến số 9999"):
        routing.check_result(officer, case.pk, case.version, "Đã giải quyết.", entry="9999/2026")
    assert PetitionCase.objects.get(pk=case.pk).status == "thu_ly"
    entry = register(office)
    if entry.number is None:
        type(entry).objects.filter(pk=entry.pk).update(number=77)
        entry.refresh_from_db()
    case = routing.check_result(officer, case.pk, case.version, "Giữ nguyên quyết định.",
                                entry=f"{entry.number}/{entry.year}")
    assert case.status == "da_giai_quyet" and case.result == "Giữ nguyên quyết định."
    item = CaseDocument.objects.get(case=case, role=CaseDocument.Role.RESULT)
    assert item.document == entry.document and item.added_by == officer


def test_a_result_may_be_an_uploaded_scan_through_the_page(officer, store):
    done = letter(officer, kind="khieu_nai")
    case = check_step(officer, done.case.pk, "classify", done.case.version)
    case = check_step(officer, case.pk, "accept", case.version)
    client = Client()
    client.force_login(officer)
    client.post(f"/don-thu/{case.pk}/ket-qua/", {"version": case.version, "note": "Đã giải quyết xong.",
                                                 "file": SimpleUploadedFile("kq.pdf", PDF, "application/pdf")})
    item = CaseDocument.objects.get(case=case, role=CaseDocument.Role.RESULT)
    assert item.file is not None and PetitionCase.objects.get(pk=case.pk).status == "da_giai_quyet"
    response = client.get(f"/don-thu/van-ban/{item.pk}/tep/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_forwarded_case_is_accepted_by_the_body_extended_and_resolved(officer):
    case, _ = forwarded(officer, denunciation(officer).case)
    case = check_step(officer, case.pk, "accept", case.version)
    assert case.status == "thu_ly" and case.deadline is not None
    case = check_step(officer, case.pk, "extend", case.version, note="Vụ việc phức tạp, cần xác minh thêm.")
    assert case.status == "gia_han" and case.extensions == 1
    # The result goes with the resolving body's document: the bare step, even posted by hand, is refused.
    with pytest.raises(ServiceError, match="văn bản giải quyết"):
        check_step(officer, case.pk, "resolve", case.version, note="Đã giải quyết.")
    client = Client()
    client.force_login(officer)
    client.post(f"/don-thu/{case.pk}/buoc/", {"step": "resolve", "version": case.version, "note": "Đã giải quyết."})
    case.refresh_from_db()
    assert case.status == "gia_han"
    assert not CaseDocument.objects.filter(case=case, role=CaseDocument.Role.RESULT).exists()


def test_the_notice_to_a_complainant_is_addressed_only_when_printed(officer, office):
    done = letter(officer, name="Lê Thị Khiếu", address="Số 3 Trần Phú, Hà Nội", kind="khieu_nai")
    case, _ = forwarded(officer, done.case)
    case = check_step(officer, case.pk, "answer", case.version)
    item = CaseDocument.objects.get(case=case, role=CaseDocument.Role.NOTICE)
    doc = item.document
    assert doc.doc_type.code == "TB" and "Khiếu" not in doc.addressees + doc.body and "đã chuyển đơn" in doc.body
    text = pdf_text(routing.notice_pdf(officer, item))
    assert "Lê Thị Khiếu" in text and "Trần Phú" in text
    assert "Khiếu" not in Document.objects.get(pk=doc.pk).addressees  # the printing changed nothing stored


def test_a_protected_senders_notice_is_printed_only_by_an_approved_requester(officer, heads, office):
    asker, approver = heads
    case, _ = forwarded(officer, denunciation(officer, shared_with=[asker, approver]).case)
    case = check_step(officer, case.pk, "answer", case.version)
    item = CaseDocument.objects.get(case=case, role=CaseDocument.Role.NOTICE)
    assert_hidden(item.document.body + item.document.addressees, "thông báo")
    for user in (officer, asker, approver):
        with pytest.raises(Forbidden, match="bảo vệ danh tính"):
            routing.notice_pdf(user, item)
    client = Client()
    client.force_login(officer)
    response = client.get(f"/don-thu/van-ban/{item.pk}/thong-bao.pdf")
    assert response.status_code == 302 and "thong-bao.pdf" not in client.get(f"/don-thu/{case.pk}/").content.decode()
    request = protection.check_request_reveal(asker, case, "Cần gửi thông báo kết quả cho người tố cáo.")
    protection.check_decide_reveal(approver, request, True)
    text = pdf_text(routing.notice_pdf(asker, item))
    assert "Tốcáo" in text and "Mậtdanh" in text
    RevealRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(Forbidden):
        routing.notice_pdf(asker, item)


def test_an_anonymous_letter_gets_no_notice(officer):
    done = letter(officer, anonymous=True, kind="kien_nghi", content="Kiến nghị không ký tên về đường làng.")
    case, _ = forwarded(officer, done.case)
    with pytest.raises(ServiceError, match="nặc danh"):
        check_step(officer, case.pk, "answer", case.version)
    assert not CaseDocument.objects.filter(role=CaseDocument.Role.NOTICE).exists()
