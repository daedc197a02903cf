"""The meeting page's issuing of the conclusion: the signer chosen on the form, refused when they may not sign;
once the conclusion is issued, its organisers go on from it to giving its points to bodies and provinces."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSPHRASE
from tests.factories import make_user
from tests.meetings.test_opinions_and_conclusions import TEXT, _prepared
from vanphong.core.models import User
from vanphong.core.roles import Role
from vanphong.documents.services import check_step
from vanphong.meetings import conclusions, services
from vanphong.meetings.models import Conclusion
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _held_with_draft(cycle):
    m, item = _prepared(cycle)
    m = services.check_step(cycle.organiser, m.pk, "hold", m.version)
    draft = conclusions.check_add_draft(cycle.organiser, m.pk, TEXT, agenda_item_id=item.pk)
    return m, draft


def _issue(cycle, m, draft, signer: object) -> object:
    return _client(cycle.organiser).post(reverse("meetings:issue", args=[m.pk]), {
        "draft": draft.pk, "doc_type": "KL", "summary": "về tổ chức bộ máy", "signer": signer}, follow=True)


def test_the_form_offers_only_signers_cleared_for_the_meeting(cycle):
    m, _draft = _held_with_draft(cycle)
    low = make_user("lanh-dao-thap", clearance=Classification.THUONG, roles=(Role.OFFICE_LEADER,),
                    full_name="Đinh Văn Thấp")
    page = _client(cycle.organiser).get(reverse("meetings:meeting", args=[m.pk])).content.decode()
    offered = page.split('name="signer"', 1)[1].split("</select>", 1)[0]
    assert cycle.office.leader.display_name in offered
    assert low.display_name not in offered  # a leader not cleared for Mật
    assert cycle.colleague.display_name not in offered and cycle.organiser.display_name not in offered  # no right
    signers = conclusions.signers_for(m)
    assert cycle.office.leader in signers and low not in signers and cycle.colleague not in signers


def test_a_cleared_administrator_is_neither_offered_nor_accepted_as_signer(cycle):
    # The office's admin is a superuser cleared for Mật: all rights answer yes for him, signing is not his.
    m, draft = _held_with_draft(cycle)
    admin = cycle.office.admin
    assert admin.is_superuser and admin.clearance >= m.classification
    assert admin not in conclusions.signers_for(m)
    page = _client(cycle.organiser).get(reverse("meetings:meeting", args=[m.pk])).content.decode()
    offered = page.split('name="signer"', 1)[1].split("</select>", 1)[0]
    assert f'value="{admin.pk}"' not in offered and f'value="{cycle.office.leader.pk}"' in offered
    assert "không có thẩm quyền ký ban hành" in _issue(cycle, m, draft, admin.pk).content.decode()
    assert not Conclusion.objects.exists()


def test_the_chosen_signer_goes_on_the_document(cycle):
    m, draft = _held_with_draft(cycle)
    page = _issue(cycle, m, draft, cycle.office.leader.pk)
    assert "Đã tạo dự thảo văn bản kết luận" in page.content.decode()
    assert Conclusion.objects.get(meeting=m).document.signer == cycle.office.leader


def test_a_signer_without_the_right_or_unknown_is_refused_and_nothing_is_made(cycle):
    m, draft = _held_with_draft(cycle)
    page = _issue(cycle, m, draft, cycle.colleague.pk).content.decode()
    assert "không có thẩm quyền ký ban hành" in page
    assert "Không có người ký này" in _issue(cycle, m, draft, 999_999).content.decode()
    assert "Không có người ký này" in _issue(cycle, m, draft, "abc").content.decode()
    assert not Conclusion.objects.exists()


def test_an_issued_conclusion_leads_its_organisers_to_giving_its_points(cycle, signing_keys):
    office = cycle.office
    m, draft = _held_with_draft(cycle)
    _issue(cycle, m, draft, office.leader.pk)
    doc = Conclusion.objects.get(meeting=m).document
    url = reverse("meetings:meeting", args=[m.pk])
    give = reverse("followup:assign", args=[doc.pk])
    assert give not in _client(cycle.organiser).get(url).content.decode()  # still a draft: nothing to give
    for actor, name, data in ((cycle.organiser, "submit_review", {}), (office.leader, "pass_review", {}),
                              (office.clerk, "pass_format", {}), (office.leader, "sign", {"passphrase": PASSPHRASE})):
        doc.refresh_from_db()
        check_step(actor, doc.pk, name, doc.version, data=data)
    assert give in _client(cycle.organiser).get(url).content.decode()
    # Someone of another unit who may see the meeting and its conclusion sees the conclusion, not the button.
    outsider = office.users["outsider"]
    m.shared_with_users.add(outsider)
    doc.shared_with_users.add(outsider)
    page = _client(outsider).get(url).content.decode()
    assert doc.symbol in page and give not in page


def _issued(cycle, m, draft):
    office = cycle.office
    _issue(cycle, m, draft, office.leader.pk)
    doc = Conclusion.objects.get(meeting=m).document
    for actor, name, data in ((cycle.organiser, "submit_review", {}), (office.leader, "pass_review", {}),
                              (office.clerk, "pass_format", {}), (office.leader, "sign", {"passphrase": PASSPHRASE})):
        doc.refresh_from_db()
        check_step(actor, doc.pk, name, doc.version, data=data)
    doc.refresh_from_db()
    return doc


def _panel(page: str) -> str:
    return page.split('id="tu-phien-hop"', 1)[1].split("</section>", 1)[0] if 'id="tu-phien-hop"' in page else ""


def test_a_conclusion_s_own_page_leads_back_to_its_meeting_proposal_and_item_and_on_to_its_points(cycle,
                                                                                                 signing_keys):
    m, draft = _held_with_draft(cycle)
    _issue(cycle, m, draft, cycle.office.leader.pk)
    doc = Conclusion.objects.get(meeting=m).document
    give = reverse("followup:assign", args=[doc.pk])
    drafted = _panel(_client(cycle.organiser).get(doc.get_absolute_url()).content.decode())
    assert m.get_absolute_url() in drafted and give not in drafted  # the way back already; nothing to give yet
    doc = _issued(cycle, m, draft)
    panel = _panel(_client(cycle.organiser).get(doc.get_absolute_url()).content.decode())
    for rec in (m, cycle.proposal, cycle.item):
        assert f'href="{rec.get_absolute_url()}">{rec.title}</a>' in panel
    assert give in panel and "Giao nhiệm vụ thực hiện kết luận" in panel
    # The leader who signed sees the way back and, holding the right to organise meetings, the way on.
    assert give in _panel(_client(cycle.office.leader).get(doc.get_absolute_url()).content.decode())


def test_the_conclusion_s_page_shows_only_the_steps_one_may_see_and_the_button_only_to_organisers(cycle,
                                                                                                 signing_keys):
    m, draft = _held_with_draft(cycle)
    doc = _issued(cycle, m, draft)
    give = reverse("followup:assign", args=[doc.pk])
    # Of another unit, sent the conclusion alone: its page says nothing of the meeting or the proposal.
    outsider = cycle.office.users["outsider"]
    doc.shared_with_users.add(outsider)
    page = _client(outsider).get(doc.get_absolute_url())
    assert page.status_code == 200 and 'id="tu-phien-hop"' not in page.content.decode()
    assert m.title not in page.content.decode() and cycle.proposal.get_absolute_url() not in page.content.decode()
    # Shown the meeting too: the meeting, still not the proposal nor the item, and no button (not an organiser).
    m.shared_with_users.add(outsider)
    panel = _panel(_client(outsider).get(doc.get_absolute_url()).content.decode())
    assert m.get_absolute_url() in panel
    assert cycle.proposal.get_absolute_url() not in panel and cycle.item.get_absolute_url() not in panel
    assert give not in panel
    # A colleague of the unit that prepares the meeting is an organiser: she may go on to giving its points.
    assert give in _panel(_client(cycle.colleague).get(doc.get_absolute_url()).content.decode())
    # Someone who holds the right to organise meetings but may not open this one gets no button either.
    other = make_user("to-chuc-khac", clearance=Classification.TOI_MAT, unit=cycle.office.other_unit)
    other.user_permissions.add(Permission.objects.get(codename="organise_meeting"))
    doc.shared_with_users.add(other)
    page = _client(User.objects.get(pk=other.pk)).get(doc.get_absolute_url()).content.decode()
    assert doc.symbol in page and give not in page
