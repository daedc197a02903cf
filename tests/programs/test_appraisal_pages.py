"""Pages and API of proposals: what each person sees (private notes), the forms, reminders and the desk."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.programs.appraisal_office_part import lead_body, unit_head, with_dossier
from vanphong.core.models import Notice
from vanphong.programs import appraisal as svc
from vanphong.programs.appraisal import ProposalForm
from vanphong.programs.appraisal_queries import desk, late_q
from vanphong.programs.appraisal_tasks import send_proposal_reminders, stage_for
from vanphong.programs.models import ChecklistCriterion, Proposal, ProposalReminder

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Ghi chú kín về nguồn lực XYZNOTE"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _round_with_note(office):
    creator = office.users["thuong"]
    p = with_dossier(svc.check_create_proposal(creator, ProposalForm(
        title="Đề án về chuyển đổi số quốc gia", lead_body=lead_body(), office_unit=office.unit,
        due=timezone.localdate() + timedelta(days=20))), creator)
    p = svc.check_proposal_step(creator, p.pk, "submit", p.version)
    p = svc.check_proposal_step(office.users["mat"], p.pk, "start_appraisal", p.version)
    a = p.appraisals.get()
    svc.check_add_note(office.users["mat"], a.pk, SECRET_NOTE)
    return p, a


def test_notes_hidden_on_page_and_api_from_lead_body_and_other_specialists(office):
    p, _a = _round_with_note(office)
    url = reverse("programs:proposal", args=[p.pk])
    api = f"/api/v1/proposals/{p.pk}/appraisals/1/notes"
    assert SECRET_NOTE in _client(office.users["mat"]).get(url).content.decode()
    assert _client(office.users["mat"]).get(api).json()[0]["text"] == SECRET_NOTE
    for who in (office.users["thuong"], office.users["toimat"]):
        c = _client(who)
        page = c.get(url)
        assert page.status_code == 200 and SECRET_NOTE not in page.content.decode()
        assert c.get(api).status_code == 404
        assert SECRET_NOTE not in c.get(f"/api/v1/proposals/{p.pk}/appraisals/1").content.decode()
        posted = c.post(reverse("programs:appraisal_note", args=[p.pk, 1]), {"text": "xen vào"})
        assert posted.status_code == 404
    assert _client(office.users["leader"]).get(api).status_code == 200


def test_page_shows_dossier_rounds_checklist_and_forms(office):
    p, _a = _round_with_note(office)
    page = _client(office.users["mat"]).get(reverse("programs:proposal", args=[p.pk])).content.decode()
    assert "Tờ trình" in page and "Thẩm định lần 1" in page and "ND1" in page
    assert "Lưu kết quả tiêu chí" in page and "Trình duyệt báo cáo thẩm định" in page
    listing = _client(office.users["thuong"]).get(reverse("programs:proposals")).content.decode()
    assert "chuyển đổi số quốc gia" in listing


def test_checklist_form_and_report_through_pages(office):
    p, a = _round_with_note(office)
    c = _client(office.users["mat"])
    crit = ChecklistCriterion.objects.get(code="ND1")
    c.post(reverse("programs:appraisal_checks", args=[p.pk, 1]),
           {"version": a.version, f"kq_{crit.pk}": "dat", f"gc_{crit.pk}": "Rõ ràng"})
    a.refresh_from_db()
    assert a.checks.get().result == "dat"
    # A stale form is refused and changes nothing.
    stale = c.post(reverse("programs:appraisal_report", args=[p.pk, 1]),
                   {"version": a.version - 1, "report": "Báo cáo", "result": "du_dieu_kien"}, follow=True)
    assert "tải lại" in stale.content.decode() or "thay đổi" in stale.content.decode()
    a.refresh_from_db()
    assert a.report == ""
    printed = c.get(reverse("programs:appraisal_print", args=[p.pk, 1])).content.decode()
    assert "BÁO CÁO THẨM ĐỊNH" in printed


def test_create_from_page_validates(office):
    c = _client(office.users["thuong"])
    bad = c.post(reverse("programs:proposal_new"), {"title": "", "lead_body": lead_body().pk})
    assert bad.status_code == 400 and "Hãy ghi tên" in bad.content.decode()
    assert not Proposal.objects.filter(created_by=office.users["thuong"]).exists()
    good = c.post(reverse("programs:proposal_new"), {"title": "Tờ trình về quy hoạch", "kind": "to_trinh",
                                                     "lead_body": lead_body().pk, "office_unit": office.unit.pk})
    assert good.status_code == 302
    assert Proposal.objects.get(title="Tờ trình về quy hoạch").status == Proposal.Status.PREPARING


def test_api_submit_and_conflict(office):
    creator = office.users["thuong"]
    p = with_dossier(svc.check_create_proposal(creator, ProposalForm(
        title="Báo cáo tổng kết", lead_body=lead_body(), office_unit=office.unit)), creator)
    c = _client(creator)
    r = c.post(f"/api/v1/proposals/{p.pk}/steps/submit", {"version": p.version}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == Proposal.Status.SUBMITTED
    again = c.post(f"/api/v1/proposals/{p.pk}/steps/withdraw", {"version": p.version, "note": "Rút"},
                   content_type="application/json")
    assert again.status_code == 409
    assert _client(office.users["outsider"]).get(f"/api/v1/proposals/{p.pk}").status_code in (200, 404)


def test_lateness_and_reminders_are_sent_once_per_stage(office):
    creator = office.users["thuong"]
    today = timezone.localdate()
    p = svc.check_create_proposal(creator, ProposalForm(title="Đề án chậm", lead_body=lead_body(),
                                                        office_unit=office.unit, due=today - timedelta(days=8)))
    assert Proposal.objects.filter(late_q(today), pk=p.pk).exists()
    assert stage_for(p.due, today) == ProposalReminder.Stage.AFTER_7
    head = unit_head(office)
    before = Notice.objects.count()
    assert send_proposal_reminders.call(today.isoformat()) >= 1
    row = ProposalReminder.objects.get(proposal=p)
    assert row.stage == ProposalReminder.Stage.AFTER_7 and row.recipients >= 1
    assert Notice.objects.filter(recipient=head).exists()  # escalated to the unit's head
    sent = Notice.objects.count()
    assert sent > before
    assert send_proposal_reminders.call(today.isoformat()) == 0
    assert Notice.objects.count() == sent and ProposalReminder.objects.filter(proposal=p).count() == 1
    page = _client(creator).get(reverse("programs:proposal", args=[p.pk])).content.decode()
    assert "Quá hạn 7 ngày" in page
    # Seven days before: the first stage; submitted proposals are not reminded.
    q = svc.check_create_proposal(creator, ProposalForm(title="Đề án sắp đến hạn", lead_body=lead_body(),
                                                        office_unit=office.unit, due=today + timedelta(days=7)))
    send_proposal_reminders.call(today.isoformat())
    assert ProposalReminder.objects.get(proposal=q).stage == ProposalReminder.Stage.BEFORE_7


def test_desk_rows(office):
    head = unit_head(office)
    _p, a = _round_with_note(office)
    drafter = office.users["mat"]
    today = timezone.localdate()
    assert [r.kind for r in desk(drafter, today, 10)] == ["Thẩm định"]
    a = svc.check_save_report(drafter, a.pk, a.version, report="Đủ điều kiện.", result="du_dieu_kien")
    svc.check_appraisal_step(drafter, a.pk, "submit_report", a.version)
    assert "Duyệt thẩm định" in [r.kind for r in desk(head, today, 10)]
    assert "Duyệt thẩm định" not in [r.kind for r in desk(drafter, today, 10)]
    svc.check_create_proposal(office.users["thuong"], ProposalForm(
        title="Đề án quá hạn", lead_body=lead_body(), office_unit=office.unit, due=today - timedelta(days=2)))
    rows = desk(office.users["toimat"], today, 10)
    assert any(r.kind == "Đề án chậm" and r.overdue for r in rows)
    assert not any(r.kind == "Đề án chậm" for r in desk(office.users["outsider"], today, 10))


def test_item_title_hidden_from_those_who_may_not_see_the_item(office):
    from vanphong.core.models import Body, Term
    from vanphong.programs.models import ProgramItem, WorkProgram

    today = timezone.localdate()
    body = Body.objects.filter(kind=Body.Kind.LEADERSHIP).first()
    term = Term.objects.filter(body=body).first() or Term.objects.create(body=body, number=99, name="Khóa thử",
                                                                         start=today - timedelta(days=400))
    program = WorkProgram.objects.create(body=body, term=term, period="nam", year=today.year, start=today,
                                         end=today + timedelta(days=300), title="Chương trình năm",
                                         created_by=office.users["leader"])
    item = ProgramItem.objects.create(program=program, title="Mục kín HIDDENITEMQ", lead_body=lead_body(),
                                      planned_start=today, planned_end=today + timedelta(days=30),
                                      created_by=office.users["leader"], classification=1)
    item.shared_with_users.add(office.users["mat"])
    p = svc.check_create_proposal(office.users["mat"], ProposalForm(title="Đề án theo mục", item=item,
                                                                    office_unit=office.unit))
    assert p.due == item.planned_end and p.lead_body == item.lead_body and p.classification == 1
    url = reverse("programs:proposal", args=[p.pk])
    assert "HIDDENITEMQ" in _client(office.users["mat"]).get(url).content.decode()
    # toimat sees the proposal (shared with the office unit) but not the item.
    page = _client(office.users["toimat"]).get(url)
    assert page.status_code == 200 and "HIDDENITEMQ" not in page.content.decode()


def test_api_round_steps_four_eyes_and_checks(office):
    p, a = _round_with_note(office)
    drafter = _client(office.users["mat"])
    base = f"/api/v1/proposals/{p.pk}/appraisals/1"
    r = drafter.post(f"{base}/checks", {"version": a.version, "results": {"ND1": "dat", "XX9": "dat"}},
                     content_type="application/json")
    assert r.status_code == 400 and "XX9" in r.json()["detail"]
    r = drafter.post(f"{base}/checks", {"version": a.version, "results": {"ND1": "dat"}},
                     content_type="application/json")
    assert r.status_code == 200 and r.json()["checks"][0]["code"] == "ND1"
    version = r.json()["version"]
    r = drafter.post(f"{base}/report", {"version": version, "report": "Đủ điều kiện.", "result": "du_dieu_kien"},
                     content_type="application/json")
    version = r.json()["version"]
    r = drafter.post(f"{base}/steps/submit_report", {"version": version}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "cho_duyet"
    version = r.json()["version"]
    # The drafter holds no approval right here; the leader does, and approves.
    assert drafter.post(f"{base}/steps/approve", {"version": version},
                        content_type="application/json").status_code == 403
    r = _client(office.users["leader"]).post(f"{base}/steps/approve", {"version": version},
                                             content_type="application/json")
    assert r.status_code == 200 and r.json()["approved_by_id"] == office.users["leader"].pk
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.APPRAISED


def test_the_form_opened_from_an_item_starts_with_its_title_and_kind(office):
    item = office.cycle["cycitemthuong"]
    page = _client(office.users["thuong"]).get(reverse("programs:proposal_new") + f"?item={item.pk}").content.decode()
    assert f'value="{item.title}"' in page and 'value="de_an" selected' in page
    # An item the person may not see gives nothing away, not even its title.
    hidden = office.cycle["cycitemmat"]
    page = _client(office.users["thuong"]).get(reverse("programs:proposal_new") + f"?item={hidden.pk}")
    assert page.status_code == 200 and hidden.title not in page.content.decode()


def test_the_proposal_page_names_its_meeting_and_conclusion_to_those_who_may_see_them(office):
    from vanphong.meetings.models import AgendaItem, Conclusion

    p = office.cycle["cycpropthuong"]
    meeting = office.cycle["cycmeetmat"]
    AgendaItem.objects.create(meeting=meeting, order=2, title=p.title, proposal=p, planned_minutes=30)
    decision = office.cycle["cycasgmat"].decision
    Conclusion.objects.create(meeting=meeting, proposal=p, document=decision)
    url = reverse("programs:proposal", args=[p.pk])
    seen = _client(office.users["tuyetmat"]).get(url).content.decode()
    assert meeting.get_absolute_url() in seen and decision.get_absolute_url() in seen
    hidden = _client(office.users["thuong"]).get(url).content.decode()
    assert meeting.title not in hidden and meeting.get_absolute_url() not in hidden
    assert decision.get_absolute_url() not in hidden
