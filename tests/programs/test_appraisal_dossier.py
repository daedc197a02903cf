"""The dossier from the proposal's page: an uploaded file becomes a document of the dossier with its role, or is
refused with a reason and leaves nothing behind; who may not see the proposal gets 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user
from tests.files.samples import pdf
from tests.programs.appraisal_office_part import lead_body, unit_head
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.documents.models import Attachment, Document, DocumentType
from vanphong.files.models import StoredFile
from vanphong.programs import appraisal as svc
from vanphong.programs import dossier
from vanphong.programs.appraisal import ProposalForm
from vanphong.programs.models import Kind, Proposal, ProposalDocument
from vanphong.security import policy
from vanphong.security.audit import AuditEvent
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db

R = ProposalDocument.Role


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _proposal(office, level: int = Classification.MAT) -> Proposal:
    return svc.check_create_proposal(office.users["mat"], ProposalForm(
        title="Đề án về phát triển khoa học, công nghệ", lead_body=lead_body(), office_unit=office.unit,
        due=timezone.localdate() + timedelta(days=30), classification=level))


def _upload(c: Client, p: Proposal, role: str = R.SUBMISSION, content: bytes | None = None,
            name: str = "to-trinh.pdf", summary: str = "", doc_type: object = "") -> object:
    data: dict[str, object] = {"role": role, "summary": summary, "doc_type": doc_type}
    if content is not None or name:
        data["file"] = SimpleUploadedFile(name, content if content is not None else pdf("Tờ trình Bộ Chính trị"))
    return c.post(reverse("programs:proposal_upload", args=[p.pk]), data, follow=True)


def test_an_uploaded_file_becomes_a_document_of_the_dossier_with_its_role(office):
    p = _proposal(office)
    page = _upload(_client(office.users["mat"]), p).content.decode()
    assert "Đã tải tài liệu lên và thêm vào hồ sơ." in page
    row = ProposalDocument.objects.get(proposal=p)
    doc = row.document
    assert row.role == R.SUBMISSION and list(p.documents.all()) == [doc]
    # A draft of the lead body's tờ trình, at the proposal's level, with the file attached and text to search.
    assert doc.doc_type.code == "TTr" and doc.status == Document.Status.DRAFT
    assert doc.classification == Classification.MAT and doc.issuer_name == p.lead_body.name
    assert doc.summary == "về Đề án về phát triển khoa học, công nghệ"
    attachment = Attachment.objects.get(document=doc)
    assert attachment.name == "to-trinh.pdf" and attachment.file.page_count == 1
    # The file is the tờ trình itself, not an appendix of it, and its page says so.
    assert attachment.kind == Attachment.Kind.MAIN
    assert "Tờ trình" in page and "về Đề án về phát triển khoa học" in page
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"documents.draft_created", "documents.attached", "programs.dossier_added"} <= events
    # With its tờ trình in the dossier the proposal may now be submitted.
    p = svc.check_proposal_step(office.users["mat"], p.pk, "submit", Proposal.objects.get(pk=p.pk).version)
    assert p.status == Proposal.Status.SUBMITTED


def test_the_dossier_is_read_by_the_office_unit_and_by_the_appraisers_it_assigns(office):
    p = _proposal(office)
    _upload(_client(office.users["mat"]), p, R.PROPOSAL, name="de-an.pdf", summary="Đề án chi tiết")
    doc = ProposalDocument.objects.get(proposal=p).document
    assert doc.doc_type.code == "ĐA" and doc.summary == "Đề án chi tiết"
    _upload(_client(office.users["mat"]), p, R.PROPOSAL, name="de-an-2.pdf", content=pdf("Bản 2"))
    # Without a summary the đề án is "về …": its type already names it ("Đề án về phát triển …").
    assert ProposalDocument.objects.filter(proposal=p).last().document.summary == "về phát triển khoa học, công nghệ"
    doc = ProposalDocument.objects.filter(proposal=p).first().document
    assert policy.can_view(office.users["toimat"], doc)  # of the office unit that appraises it
    assert not policy.can_view(office.users["outsider"], doc)
    _upload(_client(office.users["mat"]), p, R.SUBMISSION)
    p = svc.check_proposal_step(office.users["mat"], p.pk, "submit", Proposal.objects.get(pk=p.pk).version)
    head = unit_head(office)
    p = svc.check_proposal_step(head, p.pk, "start_appraisal", p.version)
    a = p.appraisals.get()
    svc.check_assign(head, a.pk, a.version, appraisers=[office.users["outsider"]])
    assert policy.can_view(office.users["outsider"], doc)


def test_a_program_is_refused_and_nothing_is_kept(office):
    p = _proposal(office)
    documents, files = Document.objects.count(), StoredFile.objects.count()
    page = _upload(_client(office.users["mat"]), p, content=b"MZ\x90\x00" + b"\x00" * 200, name="to-trinh.pdf")
    assert "chương trình Windows" in page.content.decode()
    assert not ProposalDocument.objects.exists() and not Attachment.objects.exists()
    assert Document.objects.count() == documents and StoredFile.objects.count() == files


def test_an_empty_file_and_a_missing_file_are_refused(office):
    p = _proposal(office)
    c = _client(office.users["mat"])
    assert "rỗng" in _upload(c, p, content=b"", name="trong.pdf").content.decode()
    assert "Hãy chọn tệp" in _upload(c, p, name="").content.decode()
    assert not ProposalDocument.objects.filter(proposal=p).exists()


def test_a_missing_or_unknown_role_is_refused_and_nothing_is_kept(office):
    p = _proposal(office)
    c = _client(office.users["mat"])
    for role in ("", "bien_ban"):
        assert "Hãy chọn vai trò" in _upload(c, p, role=role).content.decode()
    assert not ProposalDocument.objects.exists()
    assert not Attachment.objects.exists()


def test_a_person_who_may_not_see_the_proposal_gets_404_and_changes_nothing(office):
    p = _proposal(office)
    response = _client(office.users["outsider"]).post(
        reverse("programs:proposal_upload", args=[p.pk]),
        {"role": R.SUBMISSION, "file": SimpleUploadedFile("x.pdf", pdf("x"))})
    assert response.status_code == 404
    assert _client(office.users["mat"]).get(reverse("programs:proposal_upload", args=[p.pk])).status_code == 405
    assert not ProposalDocument.objects.exists() and not Attachment.objects.exists()


def test_only_its_preparers_add_to_the_dossier_and_only_before_it_is_submitted(office):
    p = _proposal(office, Classification.THUONG)
    # The outsider sees an unclassified proposal but neither created it nor is of its office unit.
    refused = _upload(_client(office.users["outsider"]), p).content.decode()
    assert "Chỉ người lập đề án hoặc đơn vị theo dõi" in refused
    assert not ProposalDocument.objects.exists()
    with pytest.raises(Forbidden, match="Chỉ người lập"):
        dossier.check_upload_document(office.users["outsider"], p.pk, role=R.SUBMISSION, summary="",
                                      name="a.pdf", content=pdf("a"))
    _upload(_client(office.users["mat"]), p)
    p = svc.check_proposal_step(office.users["mat"], p.pk, "submit", Proposal.objects.get(pk=p.pk).version)
    late = _upload(_client(office.users["mat"]), p, R.OTHER).content.decode()
    assert "khi đề án đang xây dựng hoặc bị trả lại" in late
    assert ProposalDocument.objects.filter(proposal=p).count() == 1


def test_the_page_offers_the_upload_form_only_to_its_preparers(office):
    p = _proposal(office, Classification.THUONG)
    url = reverse("programs:proposal", args=[p.pk])
    assert "Tải lên hồ sơ" in _client(office.users["mat"]).get(url).content.decode()
    assert "Tải lên hồ sơ" not in _client(office.users["outsider"]).get(url).content.decode()


def test_the_document_page_of_an_uploaded_part_shows_its_file_as_the_text(office):
    p = _proposal(office)
    c = _client(office.users["mat"])
    _upload(c, p)
    doc = ProposalDocument.objects.get(proposal=p).document
    page = c.get(doc.get_absolute_url()).content.decode()
    files = page.split('id="tep"', 1)[1].split("</section>", 1)[0]
    attachment = doc.attachments.get()
    assert "to-trinh.pdf</a> <span class=\"muted\">· Tệp văn bản" in files
    assert "· Phụ lục" not in files
    # The text is the file: it opens from the page; there is no empty rendering of a body nobody typed.
    assert f"/van-ban/{doc.pk}/tep/{attachment.pk}/?xem=1" in files and "Xem tệp văn bản" in files
    assert "Xem bản trình bày PDF" not in files


def _types(code: str, name: str = "") -> DocumentType:
    qs = DocumentType.objects.filter(system="party", code=code).valid_on()
    return (qs.filter(name=name) if name else qs).get()


def test_each_part_is_of_the_type_that_fits_it_and_the_draft_decision_of_the_type_chosen(office):
    p = _proposal(office)  # a đề án
    c = _client(office.users["mat"])
    _upload(c, p, R.SUBMISSION)
    _upload(c, p, R.PROPOSAL, name="de-an.pdf", content=pdf("Đề án"))
    _upload(c, p, R.DRAFT_DECISION, name="du-thao.pdf", content=pdf("Dự thảo nghị quyết"))
    _upload(c, p, R.DRAFT_DECISION, name="du-thao-kl.pdf", content=pdf("Dự thảo kết luận"),
            doc_type=_types("KL").pk)
    _upload(c, p, R.DRAFT_DECISION, name="du-thao-qd.pdf", content=pdf("Dự thảo quy định"),
            doc_type=_types("QĐ", "Quy định").pk)
    _upload(c, p, R.OPINIONS, name="tong-hop.pdf", content=pdf("Tổng hợp ý kiến"))
    kinds = [(d.role, d.document.doc_type.code, d.document.doc_type.name)
             for d in ProposalDocument.objects.filter(proposal=p).order_by("pk")]
    assert kinds == [(R.SUBMISSION, "TTr", "Tờ trình"), (R.PROPOSAL, "ĐA", "Đề án"),
                     (R.DRAFT_DECISION, "NQ", "Nghị quyết"), (R.DRAFT_DECISION, "KL", "Kết luận"),
                     (R.DRAFT_DECISION, "QĐ", "Quy định"), (R.OPINIONS, "BC", "Báo cáo")]
    # The page offers the types by part, and says which one each part takes when none is chosen.
    page = c.get(p.get_absolute_url()).content.decode()
    assert '<optgroup label="Dự thảo nghị quyết, kết luận">' in page
    assert "dự thảo nghị quyết, kết luận là Nghị quyết" in page


def test_what_a_report_s_body_decides_on_is_a_conclusion(office):
    p = _proposal(office)
    Proposal.objects.filter(pk=p.pk).update(kind=Kind.BAO_CAO)
    c = _client(office.users["mat"])
    _upload(c, p, R.PROPOSAL, name="bao-cao.pdf", content=pdf("Báo cáo"))
    _upload(c, p, R.DRAFT_DECISION, name="du-thao.pdf", content=pdf("Dự thảo kết luận"))
    assert [d.document.doc_type.code for d in ProposalDocument.objects.filter(proposal=p).order_by("pk")] == \
        ["BC", "KL"]


def test_a_type_that_does_not_fit_the_part_is_refused_and_nothing_is_kept(office):
    p = _proposal(office)
    c = _client(office.users["mat"])
    documents = Document.objects.count()
    wrong = _upload(c, p, R.DRAFT_DECISION, doc_type=_types("TTr").pk).content.decode()
    assert "Dự thảo nghị quyết, kết luận là văn bản loại: Nghị quyết, Kết luận" in wrong
    assert "hãy chọn một trong các loại đó" in _upload(c, p, R.SUBMISSION, doc_type=999_999).content.decode()
    assert "hãy chọn một trong các loại đó" in _upload(c, p, R.SUBMISSION, doc_type="abc").content.decode()
    assert not ProposalDocument.objects.exists() and Document.objects.count() == documents
    assert not Attachment.objects.exists()


def test_attaching_keeps_its_appendix_default_and_refuses_the_kinds_the_system_makes(office):
    from tests.documents.conftest import make_draft
    from vanphong.documents.services import check_attach

    draft = make_draft(office.thuong)
    assert check_attach(office.thuong, draft.pk, "phu-luc.pdf", pdf("Phụ lục")).kind == Attachment.Kind.APPENDIX
    assert check_attach(office.thuong, draft.pk, "van-ban.pdf", pdf("Văn bản"),
                        kind=Attachment.Kind.MAIN).kind == Attachment.Kind.MAIN
    with pytest.raises(ServiceError, match="do hệ thống tạo"):
        check_attach(office.thuong, draft.pk, "ky-so.pdf", pdf("Giả chữ ký"), kind=Attachment.Kind.SIGNED_PDF)
    assert draft.attachments.count() == 2


def test_a_dossier_document_page_leads_back_to_its_proposal_only_for_who_may_see_it(office):
    p = _proposal(office)
    _upload(_client(office.users["mat"]), p)
    doc = ProposalDocument.objects.get(proposal=p).document
    page = _client(office.users["mat"]).get(reverse("documents:detail", args=[doc.pk])).content.decode()
    assert "Trong hồ sơ đề án" in page and p.get_absolute_url() in page
    # Someone the document (not the proposal) was shared with sees the document without its proposal.
    other = make_user("ngoai-vu", clearance=Classification.MAT, unit=office.other_unit)
    doc.shared_with_users.add(other)
    assert policy.can_view(other, doc) and not policy.can_view(other, p)
    page = _client(other).get(reverse("documents:detail", args=[doc.pk])).content.decode()
    assert "Trong hồ sơ đề án" not in page and p.get_absolute_url() not in page
