"""A denouncer's identity: sealed, redacted for handlers, revealed only to the asker of a request another person
approved, after a fresh second factor, audited. The tests try to find the identity everywhere else."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.files.samples import pdf
from tests.petitions.helpers import code, enrol, letter
from tests.search.helpers import find
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.files.models import StoredFile
from vanphong.petitions import protection
from vanphong.petitions.models import PetitionCase, RevealRequest, SealedItem
from vanphong.petitions.services import Classified, SenderIn, check_classify
from vanphong.security.audit import AuditEvent
from vanphong.workflow.models import Step

pytestmark = pytest.mark.django_db

NAME, ADDRESS, CONTACT = "Nguyễn Văn Tốcáo", "Số 12 ngõ Mậtdanh, tỉnh Hải Dương", "0987 654 321"
WORDS = ("Tốcáo", "tocao", "Mậtdanh", "matdanh", "654 321", "0987")


def denunciation(actor, **extra):
    return letter(actor, name=NAME, address=ADDRESS, contact=CONTACT, kind="to_cao",
                  content="Tôi là NGUYỄN VĂN TỐCÁO, ở số 12 ngõ Mậtdanh, gọi 0987.654.321 hoặc tocao@vidu.invalid. "
                          "Tôi tố cáo ông Trần Văn Bị về việc nhận tiền.", title=f"Tố cáo của {NAME}", **extra)


def assert_hidden(text: str, where: str) -> None:
    low = text.lower()
    for word in WORDS:
        assert word.lower() not in low, f"{where}: lộ “{word}”"


def test_handlers_work_on_a_redacted_letter_and_the_original_is_sealed(officer):
    done = denunciation(officer)
    assert done.letter.protected
    assert_hidden(done.letter.content + done.case.title, "nội dung")
    assert "Trần Văn Bị" in done.letter.content and protection.REDACTED in done.letter.content
    sealed = done.letter.sealed.get(kind=SealedItem.Kind.CONTENT)
    assert b"T\xe1\xbb\x91c" not in bytes(sealed.data)


def test_no_page_list_api_search_or_audit_event_shows_the_denouncer(officer, office):
    done = denunciation(officer, shared_with=[office.leader])
    case = done.case
    client = Client()
    for user in (officer, office.leader, office.admin):
        client.force_login(user)
        for url in ("/don-thu/", f"/don-thu/{case.pk}/", "/api/v1/petitions", f"/api/v1/petitions/{case.pk}",
                    "/bao-mat/", "/api/v1/search?q=Tr%E1%BA%A7n"):
            response = client.get(url)
            assert response.status_code in (200, 302, 404), url
            assert_hidden(response.content.decode(), f"{url} ({user.username})")
        for word in ("Tốcáo", "tocao", "Mậtdanh", "0987"):
            # The search page repeats what was typed; nothing else of the denouncer may be on it.
            page = client.get("/tim-kiem/", {"q": word}).content.decode().replace(word, "").replace(word.lower(), "")
            assert_hidden(page, f"tìm kiếm “{word}” ({user.username})")
        for word in ("Tốcáo", "tocao", "Mậtdanh"):
            assert find(user, word).total == 0
    client.force_login(office.leader)
    detail = client.get(f"/api/v1/petitions/{case.pk}").json()
    assert detail["letters"][0]["senders"] == [{"classification": "THUONG", "sender_name": "***",
                                                "sender_address": "***", "sender_contact": "***",
                                                "province": "Hải Phòng"}]
    assert find(office.leader, "Trần Văn Bị").total == 1  # the case itself is found, by what is not secret
    for event in AuditEvent.objects.all():
        assert_hidden(json.dumps([event.object_repr, event.old, event.new], ensure_ascii=False), event.event_type)
    for step in Step.objects.all():
        assert_hidden(step.note + json.dumps(step.data, ensure_ascii=False), "lịch sử các bước")


def test_a_complaint_classified_as_a_denunciation_is_protected_from_then_on(officer, store):
    done = letter(officer, name=NAME, address=ADDRESS, contact=CONTACT, content=f"Tôi là {NAME}. Khiếu nại.",
                  scans=[("don.pdf", pdf("Chữ ký Nguyễn Văn Tốcáo"))])
    assert not done.letter.protected and done.letter.attachments.count() == 1
    case = check_classify(officer, done.case.pk, done.case.version, Classified(kind="to_cao"))
    letter_ = case.letters.get()
    assert letter_.protected and not letter_.attachments.exists()
    assert_hidden(letter_.content, "nội dung")
    scan = letter_.sealed.get(kind=SealedItem.Kind.SCAN)
    assert protection.open_scan(scan)[0] == "don.pdf"
    assert protection.shown_identity(letter_, letter_.senders.get()) == protection.HIDDEN_IDENTITY
    # Classifying again changes nothing more.
    case = check_classify(officer, case.pk, case.version, Classified(kind="to_cao"))
    assert case.letters.get().sealed.filter(kind=SealedItem.Kind.CONTENT).count() == 1
    assert StoredFile.objects.count() == 0  # the plain copy is purged from the store (petitions.sealed_files)


def test_a_complaints_sender_is_shown_to_those_who_see_the_case(officer):
    done = letter(officer, name="Lê Thị Công Khai", address="Số 3 Trần Phú, Hà Nội", contact="0901 000 111")
    rows = __import__("vanphong.petitions.queries", fromlist=["senders_of"]).senders_of(done.letter)
    assert rows[0].name == "Lê Thị Công Khai" and not rows[0].hidden


def test_revealing_needs_two_people_and_a_fresh_code(heads, officer):
    asker, approver = heads
    done = denunciation(officer)
    case = done.case
    totp = enrol(asker)
    with pytest.raises(Forbidden, match="Chỉ người được giao quyền"):
        protection.check_request_reveal(officer, case, "Cần xác minh với người tố cáo.")
    request = protection.check_request_reveal(asker, case, "Cần làm việc trực tiếp với người tố cáo để xác minh.")
    with pytest.raises(Forbidden, match="không được tự duyệt"):
        protection.check_decide_reveal(asker, request, True)
    with pytest.raises(Forbidden, match="chưa được duyệt"):
        protection.check_open_identity(asker, request, code(totp))
    request = protection.check_decide_reveal(approver, request, True)
    assert request.status == RevealRequest.Status.APPROVED and request.decided_by == approver
    with pytest.raises(Forbidden, match="Chỉ người đề nghị"):
        protection.check_open_identity(approver, request, "000000")
    with pytest.raises(ServiceError, match="Mã xác thực hai lớp không đúng"):
        protection.check_open_identity(asker, request, "000000")
    assert AuditEvent.objects.filter(event_type="petitions.identity_reveal_refused").count() == 1
    revealed = protection.check_open_identity(asker, request, code(totp))
    assert revealed[0].people[0].name == NAME and "NGUYỄN VĂN TỐCÁO" in revealed[0].content
    event = AuditEvent.objects.get(event_type="petitions.identity_revealed")
    assert event.actor == asker and event.new == {"request": request.pk, "letters": [done.letter.pk]}
    # The same code again is a replay, refused.
    with pytest.raises(ServiceError, match="không đúng hoặc đã dùng"):
        protection.check_open_identity(asker, request, code(totp))


def test_an_asker_without_two_factor_or_with_an_expired_approval_sees_nothing(heads, officer):
    asker, approver = heads
    case = denunciation(officer).case
    request = protection.check_request_reveal(asker, case, "Cần làm việc trực tiếp với người tố cáo.")
    request = protection.check_decide_reveal(approver, request, True)
    with pytest.raises(ServiceError, match="bật xác thực hai lớp"):
        protection.check_open_identity(asker, request, "123456")
    totp = enrol(asker)
    RevealRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    request.refresh_from_db()
    with pytest.raises(Forbidden, match="hết hạn"):
        protection.check_open_identity(asker, request, code(totp))


def test_the_reveal_page_shows_the_identity_only_after_the_code(heads, officer):
    asker, approver = heads
    case = denunciation(officer).case
    totp = enrol(asker)
    client = Client()
    client.force_login(asker)
    response = client.post(f"/don-thu/{case.pk}/de-nghi-xem-danh-tinh/", {"reason": "Cần đối chất trực tiếp."})
    assert response.status_code == 302
    request = RevealRequest.objects.get(case=case)
    response = client.post(f"/don-thu/de-nghi/{request.pk}/duyet/", {"decision": "approve"}, follow=True)
    assert "không được tự duyệt" in response.content.decode()
    client.force_login(approver)
    client.post(f"/don-thu/de-nghi/{request.pk}/duyet/", {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RevealRequest.Status.APPROVED
    assert client.get(f"/don-thu/de-nghi/{request.pk}/xem/").status_code == 302  # not the asker: back to the case
    client.force_login(asker)
    page = client.get(f"/don-thu/de-nghi/{request.pk}/xem/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert_hidden(page.content.decode(), "trang nhập mã")
    wrong = client.post(f"/don-thu/de-nghi/{request.pk}/xem/", {"code": "111111"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()
    assert_hidden(wrong.content.decode(), "mã sai")
    shown = client.post(f"/don-thu/de-nghi/{request.pk}/xem/", {"code": code(totp)})
    assert shown.status_code == 200 and NAME in shown.content.decode()
    # The case page still shows "***" afterwards: nothing of the opening is kept.
    assert_hidden(client.get(f"/don-thu/{case.pk}/").content.decode(), "trang vụ việc sau khi xem")


def test_a_person_who_may_not_see_the_case_gets_404_everywhere(officer, office):
    done = denunciation(officer, classification=1)
    client = Client()
    client.force_login(office.outsider)
    for url in (f"/don-thu/{done.case.pk}/", f"/api/v1/petitions/{done.case.pk}"):
        assert client.get(url).status_code == 404
    assert client.post(f"/don-thu/{done.case.pk}/buoc/", {"step": "classify", "version": "1"}).status_code == 404
    assert PetitionCase.objects.get(pk=done.case.pk).status == "tiep_nhan"


def test_a_sealed_identity_copied_to_another_sender_does_not_open(officer):
    first = letter(officer, senders=[SenderIn("Phan Văn Một")]).letter.senders.get()
    second = letter(officer, senders=[SenderIn("Phan Văn Hai")]).letter.senders.get()
    SealedItem.objects.filter(pk=second.sealed.pk).update(data=first.sealed.data)
    second.refresh_from_db()
    from vanphong.security.crypto import CryptoError

    with pytest.raises(CryptoError):
        protection.identity_of(second)


def test_no_senders_name_or_contact_is_searchable_even_of_a_complaint(officer):
    letter(officer, name="Lê Thị Côngkhai", address="Số 9 phố Riêngtư, Hà Nội", contact="lethi@vidu.invalid",
           title="Khiếu nại của Lê Thị Côngkhai", content="Tôi là LÊ THỊ CÔNGKHAI (lethi@vidu.invalid), khiếu nại "
           "việc đền bù giải phóng mặt bằng.")
    for word in ("Côngkhai", "congkhai", "Riêngtư", "lethi"):
        assert find(officer, word).total == 0, word
    assert find(officer, "đền bù giải phóng").total == 1
