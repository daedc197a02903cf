"""Proposals and their appraisal: the lifecycle, the checklist, four eyes, private notes, conflicts, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from tests.factories import make_user
from tests.programs.appraisal_office_part import lead_body, unit_head, with_dossier
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.programs import appraisal as svc
from vanphong.programs.appraisal import ProposalForm
from vanphong.programs.flows import PROPOSAL
from vanphong.programs.models import Appraisal, AppraisalCheck, ChecklistCriterion, Proposal
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db

P = Proposal.Status


def _proposal(office, creator=None, **kw):
    creator = creator or office.users["thuong"]
    f = ProposalForm(title="Đề án về phát triển kinh tế tư nhân", lead_body=lead_body(), office_unit=office.unit,
                     due=timezone.localdate() + timedelta(days=30), **kw)
    return with_dossier(svc.check_create_proposal(creator, f), creator)


def _submitted_round(office):
    p = _proposal(office)
    p = svc.check_proposal_step(office.users["thuong"], p.pk, "submit", p.version)
    p = svc.check_proposal_step(office.users["mat"], p.pk, "start_appraisal", p.version)
    return p, p.appraisals.get()


def test_checklist_is_loaded_from_data_and_restored():
    assert ChecklistCriterion.objects.filter(group="noi_dung").count() >= 4
    codes = {c.code for c in svc.criteria_on(timezone.localdate())}
    assert {"ND1", "TQ1", "DK1", "TT1"} <= codes
    # TT3 changed on 1/1/2026: only one version applies on a day.
    assert len([c for c in svc.criteria_on(timezone.localdate()) if c.code == "TT3"]) == 1
    ChecklistCriterion.objects.all().delete()
    svc.ensure_checklist()
    assert ChecklistCriterion.objects.count() == len(svc.checklist_rows())


def test_create_requires_title_and_bodies(office):
    with pytest.raises(ServiceError) as e:
        svc.check_create_proposal(office.users["thuong"], ProposalForm(title="  ", lead_body=lead_body(),
                                                                       office_unit=office.unit))
    assert e.value.field == "title"
    with pytest.raises(ServiceError) as e:
        svc.check_create_proposal(office.users["thuong"], ProposalForm(title="Đề án", office_unit=office.unit))
    assert e.value.field == "lead_body"
    assert not Proposal.objects.filter(title="Đề án").exists()


def test_submit_needs_a_submission_document(office):
    creator = office.users["thuong"]
    p = svc.check_create_proposal(creator, ProposalForm(title="Báo cáo sơ kết", lead_body=lead_body(),
                                                        office_unit=office.unit))
    with pytest.raises(ServiceError, match="tờ trình"):
        svc.check_proposal_step(creator, p.pk, "submit", p.version)
    p.refresh_from_db()
    assert p.status == P.PREPARING and p.submitted_at is None


def test_lifecycle_return_resubmit_then_appraised(office):
    head = unit_head(office)
    drafter = office.users["mat"]
    p, a1 = _submitted_round(office)
    assert p.status == P.APPRAISING and p.submitted_at is not None
    assert list(a1.appraisers.all()) == [drafter]
    crit = ChecklistCriterion.objects.get(code="ND1")
    a1 = svc.check_set_check(drafter, a1.pk, a1.version, {crit.pk: ("chua_dat", "Chưa nêu rõ sự cần thiết")})
    a1 = svc.check_save_report(drafter, a1.pk, a1.version, report="Đề án chưa đủ điều kiện.", result="tra_lai",
                               reasons="Bổ sung đánh giá thực trạng, số liệu năm 2025.")
    a1 = svc.check_appraisal_step(drafter, a1.pk, "submit_report", a1.version)
    a1 = svc.check_appraisal_step(head, a1.pk, "approve", a1.version)
    p.refresh_from_db()
    assert p.status == P.RETURNED and a1.approved_by == head
    # Re-submission: a new round, the first stays as it was.
    p = svc.check_proposal_step(office.users["thuong"], p.pk, "submit", p.version)
    p = svc.check_proposal_step(drafter, p.pk, "start_appraisal", p.version)
    a2 = p.appraisals.get(round=2)
    assert Appraisal.objects.get(pk=a1.pk).result == "tra_lai"
    assert AppraisalCheck.objects.filter(appraisal=a1).count() == 1
    a2 = svc.check_save_report(drafter, a2.pk, a2.version, report="Đủ điều kiện trình.", result="du_dieu_kien")
    a2 = svc.check_appraisal_step(drafter, a2.pk, "submit_report", a2.version)
    svc.check_appraisal_step(head, a2.pk, "approve", a2.version)
    p.refresh_from_db()
    assert p.status == P.APPRAISED
    steps = [s.transition for s in PROPOSAL.timeline(p)]
    assert steps == ["create", "submit", "start_appraisal", "return", "submit", "start_appraisal", "appraised"]
    assert AuditEvent.objects.filter(event_type="programs.appraisal_report").count() == 2


def test_four_eyes_drafter_cannot_approve(office):
    # The drafter holds the approval right too: still refused.
    head = unit_head(office)
    p = _proposal(office)
    p = svc.check_proposal_step(office.users["thuong"], p.pk, "submit", p.version)
    p = svc.check_proposal_step(head, p.pk, "start_appraisal", p.version)
    a = p.appraisals.get()
    a = svc.check_save_report(head, a.pk, a.version, report="Đủ điều kiện.", result="du_dieu_kien")
    a = svc.check_appraisal_step(head, a.pk, "submit_report", a.version)
    with pytest.raises(Forbidden, match="hai người"):
        svc.check_appraisal_step(head, a.pk, "approve", a.version)
    a.refresh_from_db()
    assert a.status == Appraisal.Status.REVIEW
    # Another approver may; a specialist without the right may not.
    with pytest.raises(Forbidden):
        svc.check_appraisal_step(office.users["toimat"], a.pk, "approve", a.version)
    svc.check_appraisal_step(office.users["leader"], a.pk, "approve", a.version)
    assert Proposal.objects.get(pk=p.pk).status == P.APPRAISED


def test_approval_is_its_own_right_not_the_right_to_review_drafts(office):
    from django.contrib.auth.models import Permission

    p = _proposal(office)
    p = svc.check_proposal_step(office.users["thuong"], p.pk, "submit", p.version)
    p = svc.check_proposal_step(office.users["mat"], p.pk, "start_appraisal", p.version)
    a = p.appraisals.get()
    a = svc.check_save_report(office.users["mat"], a.pk, a.version, report="Đủ điều kiện.", result="du_dieu_kien")
    a = svc.check_appraisal_step(office.users["mat"], a.pk, "submit_report", a.version)
    reviewer = make_user("ra-soat", unit=office.unit, clearance=3)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_document"))
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # a fresh permission cache
    with pytest.raises(Forbidden, match="quyền duyệt"):
        svc.check_appraisal_step(reviewer, a.pk, "approve", a.version)
    assert Appraisal.objects.get(pk=a.pk).status == Appraisal.Status.REVIEW
    approver = make_user("duyet", unit=office.unit, clearance=3)
    approver.user_permissions.add(Permission.objects.get(codename="approve_appraisal"))
    approver = type(approver).objects.get(pk=approver.pk)
    svc.check_appraisal_step(approver, a.pk, "approve", a.version)
    assert Proposal.objects.get(pk=p.pk).status == P.APPRAISED


def test_report_needs_result_and_reasons(office):
    _p, a = _submitted_round(office)
    drafter = office.users["mat"]
    with pytest.raises(ServiceError, match="lý do"):
        svc.check_save_report(drafter, a.pk, a.version, report="Trả lại.", result="tra_lai", reasons=" ")
    with pytest.raises(ServiceError, match="báo cáo"):
        svc.check_appraisal_step(drafter, a.pk, "submit_report", a.version)
    a.refresh_from_db()
    assert a.status == Appraisal.Status.OPEN and a.report == ""


def test_only_appraisers_record_checks(office):
    _p, a = _submitted_round(office)
    crit = ChecklistCriterion.objects.get(code="TQ1")
    with pytest.raises(Forbidden):
        svc.check_set_check(office.users["toimat"], a.pk, a.version, {crit.pk: ("dat", "")})
    with pytest.raises(ServiceError, match="vì sao"):
        svc.check_set_check(office.users["mat"], a.pk, a.version, {crit.pk: ("chua_dat", "")})
    with pytest.raises(ServiceError):
        svc.check_set_check(office.users["mat"], a.pk, a.version, {crit.pk: ("tot", "")})
    assert not AppraisalCheck.objects.exists()


def test_version_conflict_on_concurrent_edits(office):
    p, a = _submitted_round(office)
    drafter = office.users["mat"]
    crit = ChecklistCriterion.objects.get(code="ND2")
    stale = a.version
    svc.check_set_check(drafter, a.pk, stale, {crit.pk: ("dat", "")})
    with pytest.raises(Conflict):
        svc.check_save_report(drafter, a.pk, stale, report="Báo cáo", result="du_dieu_kien")
    with pytest.raises(Conflict):
        svc.check_proposal_step(office.users["thuong"], p.pk, "withdraw", p.version - 1, note="Rút")
    assert Appraisal.objects.get(pk=a.pk).report == ""


def test_private_notes_only_for_appraisers_approver_and_leaders(office):
    head = unit_head(office)
    _p, a = _submitted_round(office)
    drafter = office.users["mat"]
    root = svc.check_add_note(drafter, a.pk, "Cần hỏi thêm Bộ Tài chính về nguồn lực.")
    svc.check_add_note(head, a.pk, "Đồng ý, đề nghị mời chuyên gia.", parent_id=root.pk)
    thread = svc.notes_for(drafter, a)
    assert len(thread) == 1 and len(thread[0].children) == 1
    assert svc.notes_for(head, a) and svc.notes_for(office.users["leader"], a)
    # The creator of the proposal (the lead body's side) and another specialist of the unit: nothing.
    for who in (office.users["thuong"], office.users["toimat"]):
        assert svc.notes_for(who, a) == []
        with pytest.raises(Http404):
            svc.check_add_note(who, a.pk, "thử")
    # A unit head of another unit neither.
    other_head = unit_head(office, office.other_unit, "truong-vu-khac")
    assert svc.notes_for(other_head, a) == []


def test_assign_appraisers_and_experts(office):
    head = unit_head(office)
    _p, a = _submitted_round(office)
    tm = office.users["tuyetmat"]
    with pytest.raises(Forbidden):
        svc.check_assign(office.users["mat"], a.pk, a.version, appraisers=[tm])
    a = svc.check_assign(head, a.pk, a.version, appraisers=[tm, office.users["mat"]],
                         experts=[("PGS.TS Nguyễn Văn An", "Học viện Chính trị quốc gia Hồ Chí Minh")])
    assert set(a.appraisers.all()) == {tm, office.users["mat"]}
    assert a.experts.get().organisation.startswith("Học viện")
    with pytest.raises(ServiceError):
        svc.check_assign(head, a.pk, a.version, appraisers=[])


def test_withdraw_closes_open_round(office):
    p, a = _submitted_round(office)
    with pytest.raises(ServiceError, match="lý do"):
        svc.check_proposal_step(office.users["thuong"], p.pk, "withdraw", p.version)
    svc.check_proposal_step(office.users["thuong"], p.pk, "withdraw", p.version, note="Cơ quan chủ trì xin rút")
    a.refresh_from_db()
    assert a.status == Appraisal.Status.CLOSED


def test_appraiser_needs_clearance_of_the_proposal(office):
    head = unit_head(office)
    p = _proposal(office, creator=office.users["mat"], classification=1)
    p = svc.check_proposal_step(office.users["mat"], p.pk, "submit", p.version)
    p = svc.check_proposal_step(head, p.pk, "start_appraisal", p.version)
    a = p.appraisals.get()
    low = make_user("cv-thap", unit=office.unit)
    with pytest.raises(ServiceError, match="tiếp cận"):
        svc.check_assign(head, a.pk, a.version, appraisers=[low])
    assert list(a.appraisers.all()) == [head]


def test_outsider_cannot_open_classified_proposal(office):
    p = _proposal(office, creator=office.users["mat"], classification=1)
    with pytest.raises(Http404):
        svc.access_proposal(office.users["outsider"], p.pk)
    with pytest.raises(Http404):
        svc.check_proposal_step(office.users["outsider"], p.pk, "submit", p.version)


def test_checklist_is_editable_in_the_admin(office):
    from django.test import Client

    c = Client()
    c.force_login(office.users["admin"])
    from django.urls import reverse

    page = c.get(reverse("admin:programs_checklistcriterion_changelist"))
    assert page.status_code in (200, 302)  # 302: the admin asks for the second factor first
