"""A clerk's and a specialist's day through the services: an urgent incoming document is registered, directed,
answered by an outgoing document that is reviewed, checked, signed, numbered, released and received."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.documents.conftest import PASSPHRASE, make_draft, party_type
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import Notice, User
from vanphong.documents import forms, signing
from vanphong.documents.flows import OUTGOING, may_sign, signers
from vanphong.documents.models import Attachment, Document, DocumentLink, IncomingEntry, NumberSequence
from vanphong.documents.services import Received, check_entry_step, check_register_incoming, check_step
from vanphong.security.classification import Urgency

D = Document.Status
E = IncomingEntry.Status
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
      b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" \
      b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000111 00000 n \n" \
      b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n180\n%%EOF\n"


def register(office, **overrides):
    fields = dict(channel=IncomingEntry.Channel.ELECTRONIC, summary="về việc báo cáo tình hình chuyển đổi số",
                  issuer_name="", symbol_text="Số 125-CV/TU", issued_on=timezone.localdate(),
                  urgency=Urgency.HOA_TOC, files=[("cong-van-125.pdf", PDF)], receiving_unit=office.unit)
    fields.update(overrides)
    return check_register_incoming(office.clerk, Received(**fields))


def step(user, doc, name, **data):
    doc.refresh_from_db()
    return check_step(user, doc.pk, name, doc.version, note=data.pop("note", ""), data=data)


def entry_step(user, entry, name, **data):
    entry.refresh_from_db()
    return check_entry_step(user, entry.pk, name, entry.version, note=data.pop("note", ""), data=data)


def test_an_urgent_incoming_document_is_numbered_and_tells_the_leaders_at_once(office):
    entry = register(office)
    assert entry.status == E.REGISTERED and entry.number == 1
    doc = entry.document
    assert doc.symbol == "125-CV/TU" and doc.doc_type == party_type("CV") and doc.issuer.code == "TU"
    notice = Notice.objects.get(recipient=office.leader)
    assert notice.urgent and "HỎA TỐC" in notice.text
    assert register(office, symbol_text="Số 126-CV/TU").number == 2


def test_the_whole_day_from_incoming_to_answered(office, signing_keys):
    entry = register(office)
    entry = entry_step(office.clerk, entry, "submit", submitted_to=office.leader.pk)
    deadline = timezone.localdate() + timezone.timedelta(days=3)
    entry = entry_step(office.leader, entry, "direct", lead_unit=office.unit.pk, handler=office.thuong.pk,
                       deadline=deadline, comment="Vụ Tổng hợp chủ trì, tham mưu văn bản trả lời.")
    assert (entry.status, entry.handler, entry.deadline) == (E.DIRECTED, office.thuong, deadline)
    entry = entry_step(office.thuong, entry, "start")

    draft = make_draft(office.thuong, code="CV", issuer_code="VPTW", summary="trả lời Công văn 125-CV/TU",
                       signer=office.leader, internal=[office.other_unit], answers=entry)
    assert DocumentLink.objects.filter(source=draft, target=entry.document, kind="tra_loi").exists()
    step(office.thuong, draft, "submit_review")
    with pytest.raises(Forbidden, match="quyền rà soát"):
        step(office.thuong, draft, "pass_review")
    step(office.leader, draft, "pass_review")
    with pytest.raises(Forbidden, match="văn thư"):
        step(office.thuong, draft, "pass_format")
    step(office.clerk, draft, "pass_format")
    with pytest.raises(ServiceError):
        step(office.leader, draft, "sign", passphrase="sai-mat-khau")
    assert not NumberSequence.objects.filter(key__startswith="out:").exists() or \
        NumberSequence.objects.get(key__startswith="out:").last == 0, "a failed signature takes no number"
    signed = step(office.leader, draft, "sign", passphrase=PASSPHRASE)
    assert signed.status == D.ISSUED and signed.number == 1 and signed.symbol == "01-CV/VPTW"
    released = step(office.clerk, signed, "release")
    assert released.status == D.RELEASED and released.released_at is not None

    pdf = released.attachments.filter(kind=Attachment.Kind.SIGNED_PDF).latest("added_at")
    with pdf.file.open() as fh:
        reports = signing.verify_pdf(fh.read(), signing.trust_roots_from_settings())
    assert [r.role for r in reports] == ["person", "organisation"]
    assert all(r.intact and r.trusted for r in reports), [r.summary for r in reports]
    assert reports[0].signer_name == "Phạm Văn Lãnh"

    entry.refresh_from_db()
    assert entry.status == E.ANSWERED
    delivered = IncomingEntry.objects.get(document=released, receiving_unit=office.other_unit)
    assert delivered.channel == IncomingEntry.Channel.INTERNAL and delivered.status == E.RECEIVED
    confirmed = entry_step(office.outsider, delivered, "confirm")
    assert confirmed.status == E.REGISTERED and confirmed.confirmed_by == office.outsider
    assert confirmed.number is None, "a document from inside is confirmed, not given an incoming number"
    assert [s.transition for s in OUTGOING.history(released)] == [
        "create", "submit_review", "pass_review", "pass_format", "sign", "release"]


def test_whoever_sent_a_draft_to_review_cannot_pass_its_review(office):
    draft = make_draft(office.leader, signer=office.leader)
    step(office.leader, draft, "submit_review")
    with pytest.raises(Forbidden, match="hai người"):
        step(office.leader, draft, "pass_review")


def test_a_drafter_cannot_sign_without_the_signing_authority(office, signing_keys):
    draft = make_draft(office.thuong, signer=office.thuong)
    step(office.thuong, draft, "submit_review")
    step(office.leader, draft, "pass_review")
    with pytest.raises(ServiceError, match="thẩm quyền ký"):
        step(office.clerk, draft, "pass_format")


def test_an_administrator_is_not_a_signer_by_superuser_status_alone(office, signing_keys):
    # The admin is a cleared superuser: every right answers yes for him, yet signing goes with a position.
    admin = office.admin
    assert admin.is_superuser and admin.has_perm("documents.sign_document")
    assert not may_sign(admin) and admin not in signers() and admin not in forms.signers()
    assert may_sign(office.leader) and office.leader in forms.signers()
    draft = make_draft(office.thuong, signer=admin)
    step(office.thuong, draft, "submit_review")
    step(office.leader, draft, "pass_review")
    with pytest.raises(ServiceError, match="thẩm quyền ký"):
        step(office.clerk, draft, "pass_format")
    # Chosen as signer and past the clerk (as an old draft might be), he still cannot take the signing step.
    Document.objects.filter(pk=draft.pk).update(status=D.SIGNING)
    draft.refresh_from_db()
    assert "sign" not in {t.name for t in OUTGOING.available(admin, draft)}
    with pytest.raises(Forbidden, match="thẩm quyền ký"):
        step(admin, draft, "sign", passphrase=PASSPHRASE)
    # Given the right in his own name, he is a signer like any other holder.
    admin.user_permissions.add(Permission.objects.get(codename="sign_document", content_type__app_label="documents"))
    assert may_sign(User.objects.get(pk=admin.pk))


def test_issuing_twice_is_refused_and_takes_one_number(office, signing_keys):
    draft = make_draft(office.thuong, signer=office.leader)
    for user, name in ((office.thuong, "submit_review"), (office.leader, "pass_review"), (office.clerk, "pass_format")):
        step(user, draft, name)
    draft.refresh_from_db()
    version = draft.version
    check_step(office.leader, draft.pk, "sign", version, data={"passphrase": PASSPHRASE})
    with pytest.raises(ServiceError):
        check_step(office.leader, draft.pk, "sign", version, data={"passphrase": PASSPHRASE})
    assert NumberSequence.objects.get(key__startswith="out:").last == 1


def test_a_returned_draft_comes_back_as_a_new_draft_round(office):
    draft = make_draft(office.thuong, signer=office.leader)
    step(office.thuong, draft, "submit_review")
    with pytest.raises(ServiceError, match="lý do"):
        step(office.leader, draft, "return_draft")
    step(office.leader, draft, "return_draft", note="Sửa lại mục II cho gọn.")
    step(office.thuong, draft, "submit_review")
    draft.refresh_from_db()
    assert draft.draft_version == 2 and draft.status == D.REVIEW


def test_party_documents_are_numbered_across_the_term_and_state_ones_by_year(office):
    from vanphong.documents import numbering
    from vanphong.documents.models import Issuer

    draft = make_draft(office.thuong)
    day = timezone.localdate()
    party = numbering.outgoing_sequence(draft, day)
    assert ":term-" in party.key and "Khóa" in party.label
    draft.issuer = Issuer.objects.get(system="state", code="VPCP")
    assert numbering.outgoing_sequence(draft, day).key.endswith(f"year-{day.year}")


def issue(office, **draft):
    """A document drafted, reviewed, checked, signed and released, as the office does it."""
    doc = make_draft(office.thuong, signer=office.leader, **draft)
    for user, name, data in ((office.thuong, "submit_review", {}), (office.leader, "pass_review", {}),
                             (office.clerk, "pass_format", {}), (office.leader, "sign", {"passphrase": PASSPHRASE}),
                             (office.clerk, "release", {})):
        doc = step(user, doc, name, **data)
    return doc


def test_the_render_command_writes_the_signed_pdf_and_the_docx(office, signing_keys, tmp_path, capsys):
    from io import BytesIO

    from django.core.management import call_command
    from django.core.management.base import CommandError
    from docx import Document as Docx

    doc = issue(office)
    assert doc.symbol == "01-KL/TW"
    call_command("docs", "render", "--symbol", "Số 1-KL/TW", "--format", "pdf", "--out", str(tmp_path / "kl.pdf"))
    reports = signing.verify_pdf((tmp_path / "kl.pdf").read_bytes(), signing.trust_roots_from_settings())
    assert [r.role for r in reports] == ["person", "organisation"] and all(r.intact for r in reports)
    call_command("docs", "render", "--symbol", "01-KL/TW", "--format", "docx", "--out", str(tmp_path / "kl.docx"))
    text = "\n".join(p.text for p in Docx(BytesIO((tmp_path / "kl.docx").read_bytes())).paragraphs)
    assert "KẾT LUẬN" in text and "chuyển đổi số" in text
    with pytest.raises(CommandError, match="Không có văn bản"):
        call_command("docs", "render", "--symbol", "99-KL/TW", "--out", str(tmp_path / "x.pdf"))


def test_a_document_of_a_state_issuer_is_rendered_in_the_state_format(office):
    from io import BytesIO

    from pypdf import PdfReader

    from vanphong.documents import rendering
    from vanphong.documents.models import Issuer

    draft = make_draft(office.thuong, code="QĐ", issuer_code="TU", summary="về việc ban hành quy chế làm việc",
                       signer=office.leader)
    draft.issuer = Issuer.objects.get(system="state", code="VPCP")
    draft.doc_type = party_type("QĐ").__class__.objects.filter(system="state", code="QĐ").first()
    text = PdfReader(BytesIO(rendering.render(draft, "pdf"))).pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "DỰ THẢO" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" not in text


def test_bad_input_is_refused_with_what_to_fix_and_nothing_is_kept(office):
    from datetime import timedelta

    before = IncomingEntry.objects.count()
    with pytest.raises(ServiceError, match="500 ký tự"):
        register(office, summary="v" * 501)
    with pytest.raises(ServiceError, match="sau ngày đến"):
        register(office, issued_on=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ServiceError, match="Ngày đến"):
        register(office, received_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ServiceError, match="XYZ"):
        register(office, symbol_text="Số 12-XYZ/TU")
    with pytest.raises(ServiceError, match="đính kèm"):
        register(office, files=[])
    assert IncomingEntry.objects.count() == before
    assert not NumberSequence.objects.filter(key__startswith="in:", last__gt=0).exists(), "no number was taken"


def test_the_text_of_an_attached_file_is_found_by_search(office, django_capture_on_commit_callbacks):
    from tests.search.helpers import find
    from vanphong.documents.render import render_pdf
    from vanphong.documents.render.samples import party_letter
    from vanphong.files.extract import extract_now

    letter = party_letter()
    entry = register(office, files=[("cv.pdf", render_pdf(letter))], urgency=Urgency.THUONG,
                     summary="về việc báo cáo định kỳ")
    words = [w.strip(".,;:") for w in letter.body[-1].text.split()]
    phrase = " ".join(words[2:5])
    assert entry.document.pk not in [h.id for h in find(office.thuong, f'"{phrase}"', types=("document",)).hits]
    # What the background task does once the upload is committed: the text is read, then (after its own commit)
    # the documents holding the file are indexed again.
    with django_capture_on_commit_callbacks(execute=True):
        extract_now(entry.document.attachments.get().file)
    assert entry.document.pk in [h.id for h in find(office.thuong, f'"{phrase}"', types=("document",)).hits]


def test_a_classified_draft_of_another_unit_reaches_the_clerks_who_check_it(office, signing_keys):
    from vanphong.documents.queries import awaiting

    draft = make_draft(office.outsider, signer=office.leader, classification=1)
    step(office.outsider, draft, "submit_review")
    step(office.leader, draft, "pass_review")
    assert any(a.record.pk == draft.pk for a in awaiting(office.clerk)), "on the clerk's desk"
    assert step(office.clerk, draft, "pass_format").status == D.SIGNING


def test_a_seal_without_its_passphrase_is_refused_clearly(office, signing_keys, settings):
    settings.VANPHONG_SEAL_PASSPHRASE = ""
    settings.VANPHONG_DEMO_MODE = False
    doc = make_draft(office.thuong, signer=office.leader)
    for user, name, data in ((office.thuong, "submit_review", {}), (office.leader, "pass_review", {}),
                             (office.clerk, "pass_format", {}), (office.leader, "sign", {"passphrase": PASSPHRASE})):
        doc = step(user, doc, name, **data)
    with pytest.raises(ServiceError, match="VANPHONG_SEAL_PASSPHRASE"):
        step(office.clerk, doc, "release")
    doc.refresh_from_db()
    assert doc.status == D.ISSUED


def test_the_issuing_body_printed_is_the_one_chosen_or_else_the_issuer_s_body(office):
    from vanphong.documents import rendering

    plain = make_draft(office.thuong)
    assert plain.issuer_name == "Ban Chấp hành Trung ương Đảng"
    chosen = make_draft(office.thuong, signer=office.leader, issuer_name="Bộ Chính trị")
    assert rendering.layout_of(chosen).issuer == "BỘ CHÍNH TRỊ"
