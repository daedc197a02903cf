"""Letters that come in by themselves: the public form and e-mails wait, sealed, in a queue; a handler registers
each as an ordinary letter (with its files, protected if it is a denunciation) or sets it aside with a reason."""

from __future__ import annotations

import hashlib
import mailbox

import pytest
from django.core.management import call_command
from django.test import Client

from tests.files.samples import pdf
from tests.files.test_refusing_programs import MZ as EXE
from tests.petitions.helpers import letter
from tests.petitions.mail_samples import letter_eml
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.files.models import StoredFile
from vanphong.petitions import inbox, protection
from vanphong.petitions.models import Petition, PetitionAttachment, SealedItem, Submission, SubmissionFile
from vanphong.petitions.services import Intake, SenderIn
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db
NAME = "Lê Thị Tốcáo"
SCAN = pdf("Đơn tố cáo có chữ ký Lê Thị Tốcáo")


def online(**extra):
    values = {"content": "Tố cáo ông Trần Văn B, cán bộ địa chính xã, nhận tiền khi cấp sổ đỏ.", "kind": "to_cao",
              "name": NAME, "address": "Thôn 3, xã Đông Hưng", "province": "Thái Bình", "contact": "0987654321"}
    return inbox.check_submit_online(inbox.Online(**{**values, **extra}))


def intake_for(opened: inbox.Opened, **extra) -> Intake:
    d = opened.draft
    values = {"content": d.content, "title": d.title, "anonymous": d.anonymous, "senders": d.sender_rows(),
              "kind": d.kind}
    return Intake(channel="", **{**values, **extra})


def register(officer, sub, **extra):
    opened = inbox.open_submission(officer, sub.pk)
    return inbox.check_register_submission(officer, sub.pk, sub.version, intake_for(opened, **extra))


# --- the public form -------------------------------------------------------------------------------------------
def test_a_letter_sent_online_waits_sealed_with_its_files(store):
    sub = online(files=[("don.pdf", SCAN)])
    assert sub.status == Submission.Status.WAITING and len(sub.reference) == inbox.REFERENCE_LENGTH
    raw = bytes(Submission.objects.get(pk=sub.pk).data)
    assert NAME.encode() not in raw and b"0987654321" not in raw  # sealed, not in the clear
    item = SubmissionFile.objects.get(submission=sub)
    assert SCAN not in bytes(item.data) and inbox.file_bytes(item) == SCAN
    assert not StoredFile.objects.exists()  # nothing in the file store before a person has looked
    event = AuditEvent.objects.get(event_type="petitions.submission_received")
    assert NAME not in str(event.new) and event.actor is None


@pytest.mark.parametrize(("extra", "field", "words"), [
    ({"name": "  ", "anonymous": False}, "name", "Gửi không ghi tên"),
    ({"address": "", "contact": ""}, "address", "để cơ quan có thể trả lời"),
    ({"content": "   "}, "content", "nội dung đơn"),
    ({"province": "Xứ Sở Thần Tiên"}, "province", "Không tìm thấy tỉnh"),
    ({"kind": "khen_thuong"}, "kind", "loại đơn"),
    ({"files": [("chay.pdf", EXE)]}, "files", "chương trình"),
    ({"files": [(f"{n}.pdf", pdf(str(n))) for n in range(inbox.PORTAL_MAX_FILES + 1)]}, "files", "tối đa"),
])
def test_bad_input_on_the_public_form_is_refused_and_nothing_is_kept(extra, field, words):
    with pytest.raises(ServiceError) as caught:
        online(**extra)
    assert caught.value.field == field and words in caught.value.message
    assert not Submission.objects.exists()


def test_an_anonymous_letter_may_be_sent_and_the_same_file_twice_is_kept_once():
    sub = online(anonymous=True, files=[("a.pdf", SCAN), ("b.pdf", SCAN)])  # what was typed is dropped
    assert inbox.draft_of(sub).anonymous and inbox.draft_of(sub).senders == []
    assert sub.files.count() == 1


def test_the_public_form_in_the_browser_gives_a_reference_that_answers(office):
    client = Client()
    page = client.get("/gui-don/")
    assert page.status_code == 200 and "Gửi đơn" in page.content.decode()
    response = client.post("/gui-don/", {
        "kind": "kien_nghi", "name": "PHẠM VĂN KIẾN", "address": "12 Trần Phú, tỉnh Hải Dương",
        "province": "", "contact": "kien@example.vn", "title": "Kiến nghị về đường làng",
        "content": "Đường làng xuống cấp, đề nghị sửa.", "pledge": "on"}, follow=True)
    sub = Submission.objects.get()
    assert sub.channel == Petition.Channel.WEB and sub.reference in response.content.decode()
    lookup = client.get(f"/gui-don/tra-cuu/?ma={sub.reference.lower()[:5]}-{sub.reference.lower()[5:]}")
    assert "Chờ vào sổ" in lookup.content.decode()
    assert "Kiến nghị về đường làng" not in lookup.content.decode()  # status only, never the letter
    assert client.get("/gui-don/tra-cuu/?ma=AAAAAAAAAA").status_code == 404


def test_the_public_form_refuses_robots_and_floods(office, settings):
    settings.VANPHONG_PETITION_PORTAL_PER_HOUR = 2
    client = Client()
    post = {"name": "Phạm Văn Kiến", "address": "12 Trần Phú, Hải Phòng", "content": "Đề nghị sửa đường.",
            "pledge": "on"}
    assert "Không gửi được" in client.post("/gui-don/", {**post, "website": "http://spam"}).content.decode()
    assert client.post("/gui-don/", post).status_code == 302
    assert client.post("/gui-don/", post).status_code == 302
    assert "nhiều đơn" in client.post("/gui-don/", post).content.decode()
    assert Submission.objects.count() == 2
    assert "cam đoan" in client.post("/gui-don/", {**post, "pledge": ""}).content.decode()


def test_the_public_form_can_be_turned_off(settings):
    settings.VANPHONG_PETITION_PORTAL = False
    assert Client().get("/gui-don/").status_code == 404


# --- registering ---------------------------------------------------------------------------------------------------
def test_a_denunciation_sent_online_is_registered_protected_with_its_files_sealed(officer, store):
    sub = online(files=[("don.pdf", SCAN)])
    done = register(officer, sub)
    letter_ = done.letter
    assert letter_.channel == Petition.Channel.WEB and letter_.protected
    assert NAME not in letter_.content
    assert protection.identities(letter_)[0].name == NAME
    sealed = letter_.sealed.get(kind=SealedItem.Kind.SCAN)
    assert protection.open_scan(sealed)[1] == SCAN
    assert not StoredFile.objects.exists()  # a protected letter's files never reach the file store in the clear
    sub.refresh_from_db()
    assert sub.status == Submission.Status.REGISTERED and sub.letter == letter_
    assert not sub.files.exists() and inbox.draft_of(sub) == inbox.Draft()  # the queue keeps nothing behind
    assert inbox.lookup(sub.reference).letter.startswith(f"số {letter_.number}/{letter_.year}")


def test_an_open_letter_registered_from_the_queue_keeps_its_files_in_the_store(officer, store):
    sub = online(kind="kien_nghi", files=[("giay-to.pdf", SCAN)])
    done = register(officer, sub)
    att = PetitionAttachment.objects.get(petition=done.letter)
    assert att.role == PetitionAttachment.Role.SCAN and att.file.open().read() == SCAN  # an original of the letter


def test_registering_checks_rights_versions_and_status(officer, office, store):
    before = Petition.objects.count()  # the office's own letters (tests.petitions.office_part)
    sub = online()
    opened = inbox.open_submission(officer, sub.pk)
    with pytest.raises(Forbidden):
        inbox.check_register_submission(office.outsider, sub.pk, sub.version, intake_for(opened))
    with pytest.raises(Conflict):
        inbox.check_register_submission(officer, sub.pk, sub.version + 1, intake_for(opened))
    register(officer, sub)
    with pytest.raises(ServiceError, match="không vào sổ lại"):
        inbox.check_register_submission(officer, sub.pk, sub.version + 1, intake_for(opened))
    assert Petition.objects.count() == before + 1


def test_a_failed_registration_leaves_the_submission_waiting_whole(officer, store):
    sub = online(files=[("don.pdf", SCAN)])
    opened = inbox.open_submission(officer, sub.pk)
    with pytest.raises(ServiceError):
        inbox.check_register_submission(officer, sub.pk, sub.version, intake_for(opened, case_id=999_999))
    sub.refresh_from_db()
    assert sub.status == Submission.Status.WAITING and sub.files.count() == 1
    assert inbox.draft_of(sub).senders[0]["name"] == NAME and not Petition.objects.exists()


def test_a_repeat_writer_online_is_offered_as_a_repeat(officer, store):
    earlier = letter(officer, name="Lê Thị Tốcáo", address="Thôn 3, xã Đông Hưng, tỉnh Thái Bình",
                     content="Tố cáo cán bộ địa chính xã nhận tiền.")
    done = register(officer, online(kind="phan_anh"))
    assert earlier.case.pk in [c.case.pk for c in done.repeats]


def test_setting_aside_needs_a_reason_and_can_be_undone(officer):
    sub = online()
    with pytest.raises(ServiceError, match="lý do"):
        inbox.check_set_aside(officer, sub.pk, sub.version, "  ")
    sub = inbox.check_set_aside(officer, sub.pk, sub.version, "Thư quảng cáo")
    assert inbox.waiting(officer) == [] and inbox.lookup(sub.reference).status == "Không vào sổ"
    client = Client()
    client.force_login(officer)
    page = client.get("/don-thu/cho-vao-so/?da-loai=1").content.decode()
    assert sub.reference in page and "Thư quảng cáo" in page and NAME not in page
    sub = inbox.check_restore(officer, sub.pk, sub.version)
    assert [s.pk for s, _, _ in inbox.waiting(officer)] == [sub.pk]
    assert sub.handled_by is None and sub.reason == ""
    events = list(AuditEvent.objects.filter(object_id=str(sub.pk), event_type__startswith="petitions.submission_s")
                  .order_by("seq").values_list("event_type", "actor", "new"))
    assert events == [("petitions.submission_set_aside", officer.pk, {"reason": "Thư quảng cáo"})]
    assert AuditEvent.objects.filter(event_type="petitions.submission_restored", actor=officer).count() == 1


# --- e-mail ---------------------------------------------------------------------------------------------------------
def test_an_email_is_imported_with_its_original_and_attachments(officer, store):
    eml = letter_eml(attachments=[("giay-to.pdf", SCAN)])
    sub = inbox.check_import_email(officer, eml, "thu-don.eml")
    assert sub.channel == Petition.Channel.EMAIL
    roles = {f.role: f for f in sub.files.all()}
    assert inbox.file_bytes(roles[SubmissionFile.Role.ORIGINAL]) == eml  # the message exactly as received
    draft = inbox.draft_of(sub)
    assert draft.senders[0]["name"] == "Nguyễn Văn An" and draft.senders[0]["contact"] == "an.nguyen@example.vn"
    done = register(officer, sub)
    files = [a.file for a in PetitionAttachment.objects.filter(petition=done.letter, role=PetitionAttachment.Role.SCAN)]
    assert files[0].mime_type == "message/rfc822" and files[0].open().read() == eml  # kept with its fixity
    assert files[0].sha256 == hashlib.sha256(eml).hexdigest()
    assert files[1].open().read() == SCAN
    assert done.letter.channel == Petition.Channel.EMAIL


def test_an_email_found_later_to_be_a_denunciation_has_all_its_files_sealed(officer, store):
    from vanphong.petitions.services import Classified, check_classify

    sub = inbox.check_import_email(officer, letter_eml(name=NAME, attachments=[("ban-quet.pdf", SCAN)]), "x.eml")
    done = register(officer, sub, kind="kien_nghi")
    assert PetitionAttachment.objects.filter(petition=done.letter).count() == 2
    case = done.case
    check_classify(officer, case.pk, case.version, Classified(kind="to_cao"))
    assert not PetitionAttachment.objects.filter(petition=done.letter).exists()
    assert done.letter.sealed.filter(kind=SealedItem.Kind.SCAN).count() == 2
    assert not StoredFile.objects.exists()  # the plain copies are purged from the store


def test_the_same_email_twice_is_recognised_and_not_imported_again(officer):
    eml = letter_eml()
    first = inbox.check_import_email(officer, eml, "a.eml")
    with pytest.raises(inbox.AlreadyTaken, match=first.reference):
        inbox.check_import_email(officer, eml, "b.eml")
    resent = eml.replace(b"Subject:", b"X-Forwarded-Again: 1\r\nSubject:", 1)  # other bytes, same Message-ID
    with pytest.raises(inbox.AlreadyTaken):
        inbox.check_import_email(officer, resent, "c.eml")
    assert Submission.objects.count() == 1


def test_an_email_denunciation_seals_the_original_and_its_attachments(officer, store):
    sub = inbox.check_import_email(officer, letter_eml(name=NAME, attachments=[("ban-quet.pdf", SCAN)]), "x.eml")
    done = register(officer, sub, kind="to_cao")
    assert done.letter.protected and not StoredFile.objects.exists()
    kinds = sorted(i.mime_type for i in done.letter.sealed.filter(kind=SealedItem.Kind.SCAN))
    assert kinds == ["application/pdf", "message/rfc822"]


def test_a_refused_attachment_is_listed_and_stays_in_the_original(officer, store):
    sub = inbox.check_import_email(officer, letter_eml(attachments=[("setup.exe", EXE)]), "x.eml")
    draft = inbox.draft_of(sub)
    assert [name for name, _ in draft.refused] == ["setup.exe"]
    assert any("setup.exe" in n and "thư gốc" in n for n in draft.notices)
    assert [f.role for f in sub.files.all()] == [SubmissionFile.Role.ORIGINAL]


def test_what_is_not_an_email_is_refused_with_what_to_do(officer):
    with pytest.raises(ServiceError) as caught:
        inbox.check_import_email(officer, "Chỉ là một ghi chú.\n".encode(), "ghi-chu.eml")
    assert caught.value.field == "eml" and ".eml" in caught.value.message
    assert not Submission.objects.exists()


def test_only_handlers_import_and_see_the_queue(office, store):
    with pytest.raises(Forbidden):
        inbox.check_import_email(office.outsider, letter_eml(), "x.eml")
    sub = online(files=[("don.pdf", SCAN)])
    item = sub.files.get()
    client = Client()
    for user in (office.outsider, office.clerk, office.users["tuyetmat"]):
        client.force_login(user)
        for url in ("/don-thu/cho-vao-so/", f"/don-thu/cho-vao-so/{sub.pk}/",
                    f"/don-thu/cho-vao-so/{sub.pk}/tep/{item.pk}/"):
            response = client.get(url)
            assert response.status_code == 404 and NAME not in response.content.decode(errors="replace"), url
        assert client.post(f"/don-thu/cho-vao-so/{sub.pk}/de-rieng/", {"version": sub.version,
                                                                       "reason": "x"}).status_code == 404
    sub.refresh_from_db()
    assert sub.status == Submission.Status.WAITING


def test_importing_emails_in_the_browser_one_bad_one_good(officer, store):
    client = Client()
    client.force_login(officer)
    good = letter_eml(subject="Kiến nghị về trường học")
    from django.core.files.uploadedfile import SimpleUploadedFile
    response = client.post("/don-thu/cho-vao-so/", {"eml": [
        SimpleUploadedFile("tot.eml", good), SimpleUploadedFile("hong.eml", b"\x00\x01 not a mail")]}, follow=True)
    page = response.content.decode()
    assert "Đã nhập 1 thư" in page and "hong.eml" in page and "Kiến nghị về trường học" in page
    sub = Submission.objects.get()
    form = client.get(f"/don-thu/cho-vao-so/{sub.pk}/").content.decode()
    assert "Nguyễn Văn An" in form and "an.nguyen@example.vn" in form
    assert AuditEvent.objects.filter(event_type="petitions.submission_opened").count() == 1
    response = client.post(f"/don-thu/cho-vao-so/{sub.pk}/", {
        "version": sub.version, "channel": "buu_chinh", "content": "Kiến nghị về trường học xã.",
        "classification": 1, "sender_name": ["Nguyễn Văn An"], "sender_address": ["Xã Tân Lập, Hà Nội"],
        "sender_contact": ["an.nguyen@example.vn"], "sender_province": [""]})
    assert response.status_code == 302
    letter_ = Petition.objects.get()
    assert letter_.channel == Petition.Channel.EMAIL  # the channel is the submission's, whatever is posted


def test_the_mailbox_is_read_once(tmp_path, store):
    box = mailbox.Maildir(str(tmp_path / "hop-thu"), create=True)
    box.add(letter_eml(subject="Đơn thứ nhất"))
    box.add(letter_eml(subject="Đơn thứ hai", message_id="<hai@example.vn>"))
    box.add(b"not a message at all\x00")
    with pytest.raises(SystemExit):  # one message could not be taken: the run says so
        call_command("import_letters", str(tmp_path / "hop-thu"))
    assert Submission.objects.count() == 2
    run = inbox.import_mailbox(tmp_path / "hop-thu")
    assert run.imported == 0 and run.refused == [] and Submission.objects.count() == 2  # seen, not read again
    box.add(letter_eml(subject="Đơn thứ ba", message_id="<ba@example.vn>"))
    assert inbox.import_mailbox(tmp_path / "hop-thu").imported == 1


def test_submissions_are_resealed_when_the_field_key_rotates(officer, settings, store):
    import base64
    import os

    from vanphong.petitions import rotation

    sub = online(files=[("don.pdf", SCAN)])
    old = settings.VANPHONG_FIELD_KEY
    settings.VANPHONG_FIELD_KEY = base64.b64encode(os.urandom(32)).decode()
    settings.VANPHONG_FIELD_OLD_KEYS = [old]
    rotation.do_rotate()
    settings.VANPHONG_FIELD_OLD_KEYS = []
    sub.refresh_from_db()
    assert inbox.draft_of(sub).senders[0]["name"] == NAME
    assert inbox.file_bytes(sub.files.get()) == SCAN
    assert rotation.pending() == 0


def test_senders_typed_in_capitals_are_tidied_on_registration(officer, store):
    sub = online(kind="kien_nghi", name="LÊ VĂN HOA")
    opened = inbox.open_submission(officer, sub.pk)
    done = inbox.check_register_submission(officer, sub.pk, sub.version, intake_for(opened))
    assert protection.identities(done.letter)[0].name == "Lê Văn Hoa"
    assert all(isinstance(s, SenderIn) for s in opened.draft.sender_rows())


def test_the_api_imports_an_email_and_lists_the_queue_without_what_it_says(officer, office, store):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(officer)
    response = client.post("/api/v1/petitions/inbox/email", {"file": SimpleUploadedFile("thu.eml", letter_eml())})
    assert response.status_code == 201 and response.json()["channel"] == Petition.Channel.EMAIL
    again = client.post("/api/v1/petitions/inbox/email", {"file": SimpleUploadedFile("thu.eml", letter_eml())})
    assert again.status_code == 400 and again.json()["field"] == "eml" and "đã được nhập" in again.json()["detail"]
    listed = client.get("/api/v1/petitions/inbox")
    assert [s["reference"] for s in listed.json()] == [response.json()["reference"]]
    assert "Nguyễn Văn An" not in listed.content.decode() and "an.nguyen" not in listed.content.decode()
    client.force_login(office.outsider)
    assert client.get("/api/v1/petitions/inbox").status_code == 403


def test_two_imports_of_one_message_at_once_make_one_submission(officer, monkeypatch):
    eml = letter_eml()
    inbox.check_import_email(officer, eml, "a.eml")
    # The other import checked for an earlier one before this one was saved: the database still refuses it.
    monkeypatch.setattr(inbox.Submission.objects, "filter", lambda **kw: Submission.objects.none())
    with pytest.raises(inbox.AlreadyTaken, match="vừa được nhập"):
        inbox.check_import_email(officer, eml, "b.eml")
    monkeypatch.undo()
    assert Submission.objects.count() == 1


def test_a_very_long_email_is_cut_to_the_letter_limit_and_still_registers(officer, store):
    from vanphong.petitions.services import CONTENT_MAX

    long_body = "Kính gửi Văn phòng. " + "Nội dung trình bày rất dài. " * (CONTENT_MAX // 20)
    sub = inbox.check_import_email(officer, letter_eml(body=long_body), "dai.eml")
    draft = inbox.draft_of(sub)
    assert len(draft.content) == CONTENT_MAX and any("toàn văn còn trong thư gốc" in n for n in draft.notices)
    done = register(officer, sub)
    assert done.letter.content.startswith("Kính gửi Văn phòng.")
