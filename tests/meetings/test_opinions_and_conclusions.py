"""Opinions answered tiếp thu / giải trình, the summary table, draft versions, and the conclusion issued as a
Party document through the documents' flow, which decides the proposal and its programme item."""

from __future__ import annotations

import pytest
from django.http import Http404

from tests.conftest import PASSPHRASE
from tests.meetings.conftest import new_meeting
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.documents.models import Document
from vanphong.documents.services import check_step
from vanphong.meetings import conclusions, queries, services
from vanphong.meetings.models import Conclusion, Opinion
from vanphong.programs.models import ProgramItem, Proposal

pytestmark = pytest.mark.django_db

TEXT = """I. Đánh giá tình hình
Bộ Chính trị cơ bản tán thành Tờ trình của Ban Tổ chức Trung ương.
II. Nhiệm vụ, giải pháp
1. Tiếp tục sắp xếp tổ chức bộ máy tinh gọn, hiệu lực, hiệu quả.
2. Hoàn thiện thể chế về phân cấp, phân quyền.
a) Rà soát quy định hiện hành.
b) Sửa đổi quy chế làm việc."""


def _prepared(cycle):
    m = new_meeting(cycle, days=-0.2)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=cycle.proposal.pk)
    m = services.check_step(cycle.organiser, m.pk, "prepare", r.meeting.version)
    assert r.item is not None
    return m, r.item


def test_opinions_are_answered_and_summed_up(cycle):
    m, item = _prepared(cycle)
    member = cycle.office.users["toimat"]
    op = services.check_add_opinion(cycle.organiser, item.pk, text="Đề nghị làm rõ lộ trình.",
                                    author_person_id=member.person.pk)
    written = services.check_add_opinion(cycle.organiser, item.pk, text="Thống nhất, đề nghị bổ sung nguồn lực.",
                                         author_body_id=cycle.proposal.lead_body_id)
    assert set(queries.opinions_to_answer(cycle.colleague)) == {op, written}
    rows = [r for r in queries.desk(cycle.colleague, m.starts_at.date()) if r.kind.startswith("Ý kiến")]
    assert len(rows) == 2
    services.check_answer_opinion(cycle.colleague, op.pk, op.version, response="tiep_thu",
                                  answer="Đã bổ sung lộ trình tại mục II.")
    services.check_answer_opinion(cycle.colleague, written.pk, written.version, response="giai_trinh",
                                  answer="Nguồn lực đã nêu tại Phụ lục 2.")
    op.refresh_from_db()
    assert op.response == "tiep_thu" and op.answered_by == cycle.colleague and op.answered_at is not None
    row = queries.summary(m)[0]
    assert (row.accepted, row.explained, row.open) == (1, 1, 0)
    assert list(queries.opinions_to_answer(cycle.colleague)) == []


def test_answers_need_a_choice_and_a_text_and_conflict_when_stale(cycle):
    _m, item = _prepared(cycle)
    op = services.check_add_opinion(cycle.organiser, item.pk, text="Ý kiến", author_body_id=cycle.bct.pk)
    with pytest.raises(ServiceError, match="tiếp thu hoặc giải trình"):
        services.check_answer_opinion(cycle.colleague, op.pk, op.version, response="dong_y", answer="x")
    with pytest.raises(ServiceError, match="nội dung tiếp thu"):
        services.check_answer_opinion(cycle.colleague, op.pk, op.version, response="tiep_thu", answer=" ")
    services.check_answer_opinion(cycle.colleague, op.pk, op.version, response="tiep_thu", answer="Tiếp thu")
    with pytest.raises(Conflict):
        services.check_answer_opinion(cycle.organiser, op.pk, op.version, response="giai_trinh", answer="Khác")
    op.refresh_from_db()
    assert op.response == "tiep_thu" and op.answer == "Tiếp thu"


def test_a_participant_gives_only_their_own_opinion_and_outsiders_none(cycle):
    m, item = _prepared(cycle)
    member = cycle.office.users["outsider"]  # of another unit: not an organiser
    services.check_add_participant(cycle.organiser, m.pk, m.version, person_id=member.person.pk)
    op = services.check_add_opinion(member, item.pk, text="Ý kiến của tôi", author_body_id=cycle.bct.pk)
    assert op.author_person_id == member.person.pk and op.author_body_id is None
    with pytest.raises(Forbidden):
        services.check_answer_opinion(member, op.pk, op.version, response="tiep_thu", answer="Tự trả lời")
    with pytest.raises(Http404):
        services.check_add_opinion(cycle.office.users["thuong"], item.pk, text="Không thấy phiên họp")
    assert Opinion.objects.filter(agenda_item=item).count() == 1


def test_draft_versions_are_kept_and_diffed(cycle):
    m, item = _prepared(cycle)
    d1 = conclusions.check_add_draft(cycle.organiser, m.pk, TEXT.replace("2. Hoàn thiện", "2. Xây dựng"),
                                     agenda_item_id=item.pk)
    d2 = conclusions.check_add_draft(cycle.organiser, m.pk, TEXT, agenda_item_id=item.pk, note="Sau khi họp")
    assert (d1.number, d2.number) == (1, 2)
    lines = conclusions.diff(d1, d2)
    assert any(x.kind == "added" and x.text.startswith("2. Hoàn thiện") for x in lines)
    assert any(x.kind == "removed" and x.text.startswith("2. Xây dựng") for x in lines)


def test_the_conclusion_is_issued_through_the_documents_flow_and_decides_the_proposal(cycle, signing_keys):
    office = cycle.office
    m, item = _prepared(cycle)
    m = services.check_step(cycle.organiser, m.pk, "hold", m.version)
    draft = conclusions.check_add_draft(cycle.organiser, m.pk, TEXT, agenda_item_id=item.pk)
    c = conclusions.check_issue_conclusion(cycle.organiser, m.pk, draft.pk, doc_type_code="KL",
                                           summary="về tổ chức bộ máy", signer=office.leader)
    doc = c.document
    assert doc.status == Document.Status.DRAFT and doc.doc_type.code == "KL" and doc.issuer.code == "TW"
    assert doc.body == TEXT and doc.issuer_name == "Bộ Chính trị" and doc.classification == m.classification
    assert c.proposal == cycle.proposal and c.agenda_item == item and c.meeting == m
    with pytest.raises(ServiceError, match="đã có văn bản kết luận"):
        conclusions.check_issue_conclusion(cycle.organiser, m.pk, draft.pk, summary="lần hai")
    points = {a.anchor: a.label for a in conclusions.conclusion_points(doc)}
    assert points["muc-II/diem-2"] == "điểm 2, mục II"
    assert "muc-II/diem-2/a" in points
    for actor, name, data in ((cycle.organiser, "submit_review", {}), (office.leader, "pass_review", {}),
                              (office.clerk, "pass_format", {})):
        doc.refresh_from_db()
        check_step(actor, doc.pk, name, doc.version, data=data)
    cycle.proposal.refresh_from_db()
    assert cycle.proposal.status == Proposal.Status.SCHEDULED
    doc.refresh_from_db()
    check_step(office.leader, doc.pk, "sign", doc.version, data={"passphrase": PASSPHRASE})
    cycle.proposal.refresh_from_db()
    cycle.item.refresh_from_db()
    assert cycle.proposal.status == Proposal.Status.DECIDED
    assert cycle.item.status == ProgramItem.Status.DECIDED
    assert Conclusion.objects.get(document=doc).document.symbol.endswith("-KL/TW")


def test_a_draft_without_numbered_points_cannot_be_issued(cycle):
    m, item = _prepared(cycle)
    m = services.check_step(cycle.organiser, m.pk, "hold", m.version)
    draft = conclusions.check_add_draft(cycle.organiser, m.pk, "Bộ Chính trị đồng ý.", agenda_item_id=item.pk)
    with pytest.raises(ServiceError, match="mục, điểm"):
        conclusions.check_issue_conclusion(cycle.organiser, m.pk, draft.pk, summary="về việc")
    assert not Conclusion.objects.exists()


def test_issuing_before_the_meeting_is_refused(cycle):
    m, item = _prepared(cycle)
    draft = conclusions.check_add_draft(cycle.organiser, m.pk, TEXT, agenda_item_id=item.pk)
    with pytest.raises(ServiceError, match="sau khi họp"):
        conclusions.check_issue_conclusion(cycle.organiser, m.pk, draft.pk, summary="về việc")
