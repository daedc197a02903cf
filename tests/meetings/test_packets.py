"""Each participant's packet holds only what their clearance and role allow: not listed, not counted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_user
from tests.meetings.conftest import make_doc, new_meeting
from vanphong.core.errors import ServiceError
from vanphong.core.models import Person
from vanphong.meetings import services
from vanphong.meetings.models import Participant
from vanphong.meetings.packets import packet_for
from vanphong.security import policy
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db
C = Classification


@pytest.fixture
def prepared(cycle):
    office = cycle.office
    m = new_meeting(cycle, level=C.MAT)
    plain = make_doc(office, "Tờ trình đề án PLAINDOC", C.THUONG)
    secret = make_doc(office, "Dự thảo đề án SECRETDOC", C.MAT)
    top = make_doc(office, "Phụ lục TOPDOC", C.TOI_MAT)
    cycle.proposal.documents.add(plain, secret, top)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=cycle.proposal.pk)
    own = make_doc(office, "Báo cáo riêng MEMBERSDOC", C.MAT)
    own.shared_with_users.add(cycle.organiser)
    services.check_add_meeting_document(cycle.organiser, m.pk, r.meeting.version, document_id=own.pk,
                                        members_only=True)
    m.refresh_from_db()
    member = make_user("tv-mat", clearance=C.MAT, full_name="Hoàng Văn Thành Viên")
    high = make_user("tv-toimat", clearance=C.TOI_MAT, full_name="Ngô Thị Tối Mật")
    guest = make_user("khach", clearance=C.TOI_MAT, full_name="Lý Văn Khách")
    low = make_user("thap", clearance=C.THUONG, full_name="Thấp")
    for user, role in ((member, "thanh_vien"), (high, "thanh_vien"), (guest, "moi_du")):
        services.check_add_participant(cycle.organiser, m.pk, m.version, person_id=user.person.pk, role=role)
        m.refresh_from_db()
    with pytest.raises(ServiceError, match="chưa được tiếp cận"):
        services.check_add_participant(cycle.organiser, m.pk, m.version, person_id=low.person.pk)
    m = services.check_step(cycle.organiser, m.pk, "prepare", m.version)
    return m, member, high, guest, (plain, secret, top, own)


def _summaries(p):
    return {e.document.summary.split()[-1] for e in packet_for(p)}


def test_packets_follow_clearance_and_role(prepared):
    m, member, high, guest, _ = prepared
    parts = {p.person_id: p for p in m.participants.all()}
    assert _summaries(parts[member.person_id]) == {"PLAINDOC", "SECRETDOC", "MEMBERSDOC"}
    # A Tối mật member gets the Tối mật appendix too, but never above the meeting's participant level given.
    assert _summaries(parts[high.person_id]) == {"PLAINDOC", "SECRETDOC", "TOPDOC", "MEMBERSDOC"}
    # The invited guest gets no document kept for members.
    assert _summaries(parts[guest.person_id]) == {"PLAINDOC", "SECRETDOC", "TOPDOC"}


def test_sending_shares_exactly_the_packet(prepared):
    m, member, high, guest, (_plain, secret, top, own) = prepared
    assert policy.can_view(member, secret)
    assert not policy.can_view(member, top)
    assert policy.can_view(high, top)
    assert not policy.can_view(guest, own)
    assert all(p.packet_sent_at for p in m.participants.all())


def test_the_packet_page_lists_and_counts_only_what_the_participant_gets(prepared, client):
    m, member, *_ = prepared
    p = m.participants.get(person=member.person)
    client.force_login(member)
    page = client.get(reverse("meetings:packet", args=[p.pk])).content.decode()
    assert "SECRETDOC" in page and "PLAINDOC" in page
    assert "TOPDOC" not in page
    assert "3 tài liệu" in page


def test_another_participants_packet_is_not_found(prepared, client):
    m, member, high, *_ = prepared
    p = m.participants.get(person=high.person)
    client.force_login(member)
    assert client.get(reverse("meetings:packet", args=[p.pk])).status_code == 404


def test_a_person_without_an_account_gets_the_level_given(cycle):
    m = new_meeting(cycle, level=C.MAT)
    guest = Person.objects.create(full_name="Đồng chí Khách Mời")
    p = services.check_add_participant(cycle.organiser, m.pk, m.version, person_id=guest.pk, role="moi_du",
                                       clearance=C.THUONG)
    assert p.clearance == C.THUONG
    m.refresh_from_db()
    other = Person.objects.create(full_name="Đồng chí Khác")
    with pytest.raises(ServiceError, match="cao hơn độ mật bạn"):
        services.check_add_participant(cycle.organiser, m.pk, m.version, person_id=other.pk,
                                       clearance=C.TUYET_MAT)
    assert not Participant.objects.filter(person=other).exists()
