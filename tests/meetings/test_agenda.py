"""The agenda: built from appraised proposals of the meeting's body, durations, the warning, reordering."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import make_proposal, new_meeting
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.meetings import queries, services
from vanphong.meetings.models import AgendaItem
from vanphong.programs.models import ProgramItem, Proposal
from vanphong.security.audit import AuditEvent
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def test_adding_an_appraised_proposal_schedules_it_and_its_item(cycle):
    m = new_meeting(cycle)
    assert cycle.proposal in queries.offered_proposals(cycle.organiser, m)
    result = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=cycle.proposal.pk,
                                            planned_minutes=45)
    cycle.proposal.refresh_from_db()
    cycle.item.refresh_from_db()
    assert cycle.proposal.status == Proposal.Status.SCHEDULED
    assert cycle.item.status == ProgramItem.Status.SCHEDULED
    assert result.item is not None and result.item.program_item_id == cycle.item.pk
    assert result.item.presenter == "Ban Tổ chức Trung ương"
    assert result.warning is None
    assert cycle.proposal not in queries.offered_proposals(cycle.organiser, m)
    assert AuditEvent.objects.filter(event_type="meetings.agenda_added").exists()


def test_a_proposal_not_yet_appraised_is_refused(cycle):
    m = new_meeting(cycle)
    p = make_proposal(cycle.office, cycle.bct, "Báo cáo chưa thẩm định", status=Proposal.Status.APPRAISING)
    assert p not in queries.offered_proposals(cycle.organiser, m)
    with pytest.raises(ServiceError, match="đã thẩm định"):
        services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=p.pk)
    assert not AgendaItem.objects.filter(meeting=m).exists()


def test_a_proposal_of_another_body_is_refused(cycle):
    from vanphong.core.models import Body

    m = new_meeting(cycle)
    p = make_proposal(cycle.office, Body.objects.get(short_name="BBT"), "Đề án của Ban Bí thư")
    with pytest.raises(ServiceError, match="cơ quan khác"):
        services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=p.pk)


def test_a_proposal_above_the_meetings_level_is_refused(cycle):
    m = new_meeting(cycle, level=Classification.MAT)
    p = make_proposal(cycle.office, cycle.bct, "Đề án tối mật", level=Classification.TOI_MAT)
    with pytest.raises(ServiceError, match="cao hơn độ mật"):
        services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=p.pk)
    p.refresh_from_db()
    assert p.status == Proposal.Status.APPRAISED


def test_durations_over_the_meeting_give_a_clear_warning(cycle):
    m = new_meeting(cycle, hours=1)
    r1 = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Nội dung một", planned_minutes=40)
    assert r1.warning is None
    r2 = services.check_add_agenda_item(cycle.organiser, m.pk, r1.meeting.version, title="Nội dung hai",
                                        planned_minutes=35)
    assert r2.warning is not None and "75 phút" in r2.warning and "60 phút" in r2.warning
    assert "15 phút" in r2.warning


def test_reorder_and_durations(cycle):
    m = new_meeting(cycle, hours=3)
    a = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Thứ nhất")
    b = services.check_add_agenda_item(cycle.organiser, m.pk, a.meeting.version, title="Thứ hai")
    assert a.item and b.item
    r = services.check_arrange_agenda(cycle.organiser, m.pk, b.meeting.version,
                                      [(a.item.pk, 2, 50), (b.item.pk, 1, 20)])
    titles = list(AgendaItem.objects.filter(meeting=m).values_list("title", "order", "planned_minutes"))
    assert titles == [("Thứ hai", 1, 20), ("Thứ nhất", 2, 50)]
    assert r.meeting.version == b.meeting.version + 1


def test_bad_durations_change_nothing(cycle):
    m = new_meeting(cycle)
    a = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Một", planned_minutes=30)
    assert a.item
    for bad in ("0", "-5", "abc", "5000"):
        with pytest.raises(ServiceError, match="Thời lượng"):
            services.check_arrange_agenda(cycle.organiser, m.pk, a.meeting.version, [(a.item.pk, 1, bad)])
    a.item.refresh_from_db()
    assert a.item.planned_minutes == 30


def test_a_stale_version_is_a_conflict(cycle):
    m = new_meeting(cycle)
    services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Một")
    with pytest.raises(Conflict):
        services.check_add_agenda_item(cycle.colleague, m.pk, m.version, title="Hai")
    assert AgendaItem.objects.filter(meeting=m).count() == 1


def test_someone_who_does_not_organise_may_not_edit(cycle):
    m = new_meeting(cycle)
    outsider = cycle.office.users["outsider"]
    m.shared_with_users.add(outsider)
    with pytest.raises(Forbidden):
        services.check_add_agenda_item(outsider, m.pk, m.version, title="Không được")


def test_a_meeting_one_may_not_see_is_not_found(cycle):
    from django.http import Http404

    m = new_meeting(cycle)
    with pytest.raises(Http404):
        services.check_add_agenda_item(cycle.office.users["thuong"], m.pk, m.version, title="Không thấy")


def test_removing_an_item_gives_the_proposal_back(cycle):
    m = new_meeting(cycle)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, proposal_id=cycle.proposal.pk)
    assert r.item
    services.check_remove_agenda_item(cycle.organiser, r.item.pk, r.meeting.version)
    cycle.proposal.refresh_from_db()
    cycle.item.refresh_from_db()
    assert cycle.proposal.status == Proposal.Status.APPRAISED
    assert cycle.item.status == ProgramItem.Status.SUBMITTED


def test_the_agenda_is_fixed_once_prepared(cycle):
    m = new_meeting(cycle)
    r = services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Một")
    m = services.check_step(cycle.organiser, m.pk, "prepare", r.meeting.version)
    with pytest.raises(ServiceError, match="mở lại"):
        services.check_add_agenda_item(cycle.organiser, m.pk, m.version, title="Hai")
