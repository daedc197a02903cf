"""The meeting page's issuing of the conclusion: the signer chosen on the form, refused when they may not sign;
once the conclusion is issued, its organisers go on from it to giving its points to bodies and provinces."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSPHRASE
from tests.factories import make_user
from tests.meetings.test_opinions_and_conclusions import TEXT, _prepared
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
