"""Work programmes: items, carrying down, approval, adjustments, conflicts, bad input, completion rate, trace."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_office
from tests.programs.office_part import programme
from vanphong.core.errors import Conflict, ServiceError
from vanphong.core.models import Body, Person
from vanphong.programs import queries, services
from vanphong.programs.models.programme import ProgramAdjustment, ProgramItem, Proposal, ScheduleEntry, WorkProgram
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return make_office()


def _lead() -> Body:
    return Body.objects.exclude(kind="lanh_dao").first()


def _item(office, program, **kw):
    args = {"title": "Đề án về phát triển khoa học, công nghệ", "kind": "de_an", "lead_body_id": _lead().pk,
            "planned_start": date(2026, 4, 1), "planned_end": date(2026, 5, 15)}
    args.update(kw)
    return services.check_create_item(office.leader, program, **args)


def test_it_refuses_an_end_before_the_start_and_saves_nothing(office):
    program = programme(office)
    before = ProgramItem.objects.count()
    with pytest.raises(ServiceError, match="trước ngày bắt đầu") as e:
        _item(office, program, planned_start=date(2026, 5, 1), planned_end=date(2026, 4, 1))
    assert e.value.field == "planned_end"
    assert ProgramItem.objects.count() == before


def test_it_refuses_a_period_outside_the_programme(office):
    with pytest.raises(ServiceError, match="nằm ngoài kỳ"):
        _item(office, programme(office), planned_end=date(2027, 1, 15))


def test_it_refuses_an_unknown_body(office):
    with pytest.raises(ServiceError, match="Không tìm thấy cơ quan chủ trì"):
        _item(office, programme(office), lead_body_id=999999)


def test_a_stale_programme_version_is_a_conflict_not_an_overwrite(office):
    program = programme(office)
    seen = program.version
    _item(office, program, expected_version=seen)
    before = ProgramItem.objects.count()
    with pytest.raises(Conflict):
        _item(office, program, title="Báo cáo khác", expected_version=seen)
    assert ProgramItem.objects.count() == before


def test_a_stale_item_version_cannot_adjust(office):
    program = programme(office)
    item = _item(office, program)
    services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    services.check_adjust_item(office.leader, item.pk, kind="dieu_chinh", reason="Bổ sung nội dung",
                               decided_by="Thường trực Ban Bí thư", expected_version=item.version,
                               planned_end=date(2026, 6, 1))
    with pytest.raises(Conflict):
        services.check_adjust_item(office.leader, item.pk, kind="rut", reason="Không cần thiết",
                                   decided_by="Bộ Chính trị", expected_version=item.version)
    assert ProgramItem.objects.get(pk=item.pk).status != ProgramItem.Status.DROPPED


def test_an_item_already_decided_on_is_not_adjusted_and_its_page_offers_no_form(office, client):
    program = programme(office)
    item = _item(office, program)
    services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    ProgramItem.objects.filter(pk=item.pk).update(status=ProgramItem.Status.DECIDED)
    item.refresh_from_db()
    with pytest.raises(ServiceError, match="đã được cho ý kiến"):
        services.check_adjust_item(office.leader, item.pk, kind="rut", reason="Không cần thiết",
                                   decided_by="Bộ Chính trị", expected_version=item.version)
    assert ProgramItem.objects.get(pk=item.pk).status == ProgramItem.Status.DECIDED
    assert not ProgramAdjustment.objects.filter(item=item).exists()
    client.force_login(office.leader)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'name="reason"' not in page


def test_adjustments_after_approval_are_kept_with_reason_and_who_decided(office):
    program = programme(office)
    item = _item(office, program)
    program = services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    with pytest.raises(ServiceError, match="lý do"):
        _item(office, program, title="Mục bổ sung")
    added = _item(office, program, title="Mục bổ sung", reason="Theo yêu cầu", decided_by="Bộ Chính trị")
    services.check_adjust_item(office.leader, item.pk, kind="chuyen_ky", reason="Chưa đủ điều kiện",
                               decided_by="Thường trực Ban Bí thư", expected_version=item.version,
                               planned_start=date(2026, 9, 1), planned_end=date(2026, 10, 30))
    rows = list(ProgramAdjustment.objects.filter(program=program).order_by("pk"))
    assert [r.kind for r in rows] == ["bo_sung", "chuyen_ky"]
    assert rows[0].item == added
    assert rows[1].decided_by == "Thường trực Ban Bí thư" and rows[1].recorded_by == office.leader
    assert rows[1].old["planned_end"] == "2026-05-15" and rows[1].new["planned_end"] == "2026-10-30"


def test_a_quarter_is_carried_down_from_its_year(office):
    year = programme(office)
    inside = _item(office, year, planned_start=date(2026, 2, 1), planned_end=date(2026, 5, 20))
    _item(office, year, title="Báo cáo quý III", planned_start=date(2026, 7, 1), planned_end=date(2026, 8, 1))
    quarter = services.do_carry_down(office.leader, year, period="quy", number=2, start=date(2026, 4, 1),
                                     end=date(2026, 6, 30), title="Chương trình quý II năm 2026")
    carried = list(quarter.items.all())
    assert [c.source for c in carried if c.source_id == inside.pk] == [inside]
    assert all(c.planned_end <= date(2026, 6, 30) for c in carried)
    with pytest.raises(ServiceError):
        services.do_carry_down(office.leader, year, period="tuan", number=20, start=date(2026, 5, 11),
                               end=date(2026, 5, 17), title="Tuần")


def test_completion_rate_counts_submitted_and_decided_on_time_over_planned(office):
    from vanphong.documents.models import Document
    from vanphong.meetings.models import Conclusion, Meeting

    year = programme(office)
    quarter = services.do_carry_down(office.leader, year, period="quy", number=2, start=date(2026, 4, 1),
                                     end=date(2026, 6, 30), title="Quý II")
    carried = queries.completion_rate(quarter)[1]  # the office part's items, carried down, never proposed
    on_time = _item(office, quarter, planned_end=date(2026, 5, 1))
    late = _item(office, quarter, title="Trễ", planned_end=date(2026, 5, 1))
    dropped = _item(office, quarter, title="Rút", planned_end=date(2026, 5, 1))
    ProgramItem.objects.filter(pk=dropped.pk).update(status=ProgramItem.Status.DROPPED)
    _item(office, quarter, title="Chưa trình", planned_end=date(2026, 6, 1))
    meeting = Meeting.objects.create(kind=Meeting.Kind.values[0], body=year.body, title="Phiên họp",
                                     starts_at=timezone.now(), ends_at=timezone.now(), created_by=office.leader)
    for item, submitted in ((on_time, datetime(2026, 4, 20, 9)), (late, datetime(2026, 5, 10, 9))):
        p = Proposal.objects.create(item=item, title=item.title, lead_body=item.lead_body, created_by=office.leader,
                                    submitted_at=timezone.make_aware(submitted))
        doc = office.documents["dithuong"] if item == on_time else office.documents["denthuong"]
        Document.objects.filter(pk=doc.pk).update(issued_on=date(2026, 6, 10))
        Conclusion.objects.create(meeting=meeting, proposal=p, document=doc)
    assert queries.completion_rate(quarter) == (1, carried + 3, 1 / (carried + 3))


def test_the_trace_shows_only_what_the_person_may_see(office):
    from vanphong.documents.models import Document
    from vanphong.meetings.models import Conclusion, Meeting

    item = office.cycle["cycitemthuong"]
    meeting = Meeting.objects.create(kind=Meeting.Kind.values[0], body=item.program.body, title="Phiên họp",
                                     starts_at=timezone.now(), ends_at=timezone.now(), created_by=office.leader)
    open_p = Proposal.objects.create(item=item, title="Tờ trình công khai", lead_body=item.lead_body,
                                     created_by=office.leader)
    secret_p = Proposal.objects.create(item=item, title="Tờ trình mật", lead_body=item.lead_body,
                                       created_by=office.leader, classification=Classification.TOI_MAT)
    secret_doc = office.documents["ditoimat"]
    Conclusion.objects.create(meeting=meeting, proposal=open_p, document=secret_doc)
    Conclusion.objects.create(meeting=meeting, proposal=secret_p, document=office.documents["dithuong"])
    Document.objects.filter(pk=secret_doc.pk).update(issued_on=date(2026, 6, 1))
    seen = queries.trace_of_item(office.thuong, item)
    assert [p.title for p in seen.proposals] == ["Tờ trình công khai"]
    assert seen.proposals[0].conclusions == []
    full = queries.trace_of_item(office.leader, item)
    assert {p.title for p in full.proposals} == {"Tờ trình công khai", "Tờ trình mật"}
    assert [c.document_id for p in full.proposals for c in p.conclusions if p.id == open_p.pk] == [secret_doc.pk]


def test_the_programme_page_of_many_items_takes_few_queries(office, client, django_assert_max_num_queries):
    program = programme(office)
    lead = _lead()
    ProgramItem.objects.bulk_create([
        ProgramItem(program=program, title=f"Đề án {n}", title_key=f"de an {n}", lead_body=lead,
                    planned_start=date(2026, 1, 1), planned_end=date(2026, 1, 1) + timedelta(days=n * 360 // 200),
                    created_by=office.leader) for n in range(200)])
    client.force_login(office.leader)
    with django_assert_max_num_queries(20):
        r = client.get(program.get_absolute_url())
    assert r.status_code == 200
    html = r.content.decode()
    assert "Đề án 199" in html and "Quý IV/2026" in html, html[html.find("<main"):][:3000]


def test_an_item_page_is_404_to_who_may_not_see_it(office, client):
    client.force_login(office.thuong)
    assert client.get(office.cycle["cycitemmat"].get_absolute_url()).status_code == 404
    assert client.get(office.cycle["cycitemthuong"].get_absolute_url()).status_code == 200


def test_overlapping_schedule_entries_are_refused_unless_confirmed_and_flagged(office):
    person = Person.objects.create(full_name="Nguyễn Văn Lãnh Đạo")
    t = timezone.make_aware(datetime(2026, 12, 2, 8))
    services.check_create_schedule_entry(office.leader, person=person, starts_at=t, ends_at=t + timedelta(hours=2),
                                         title="Làm việc với Tỉnh ủy")
    with pytest.raises(ServiceError, match="Trùng lịch"):
        services.check_create_schedule_entry(office.leader, person=person, starts_at=t + timedelta(hours=1),
                                             ends_at=t + timedelta(hours=3), title="Tiếp khách")
    assert ScheduleEntry.objects.count() == 1
    services.check_create_schedule_entry(office.leader, person=person, starts_at=t + timedelta(hours=1),
                                         ends_at=t + timedelta(hours=3), title="Tiếp khách", confirmed=True)
    week = queries.calendar(office.leader, t - timedelta(days=1), t + timedelta(days=6))
    assert [e.conflict for e in week[person.pk]] == [True, True]


def test_a_meeting_a_leader_attends_is_on_the_calendar_and_clashes_with_an_entry(office):
    from vanphong.meetings.models import Meeting, Participant

    person = Person.objects.create(full_name="Trần Văn Ủy Viên")
    t = timezone.make_aware(datetime(2026, 12, 3, 8))
    meeting = Meeting.objects.create(kind=Meeting.Kind.POLITBURO, body=Body.objects.get(short_name="BCT"),
                                     title="Phiên họp Bộ Chính trị", starts_at=t, ends_at=t + timedelta(hours=4),
                                     created_by=office.leader)
    Participant.objects.create(meeting=meeting, person=person)
    # A meeting the leader attends is a clash too: asked for confirmation, then booked.
    with pytest.raises(services.ScheduleClash, match="Phiên họp Bộ Chính trị"):
        services.check_create_schedule_entry(office.leader, person=person, starts_at=t + timedelta(hours=3),
                                             ends_at=t + timedelta(hours=5), title="Tiếp đoàn đại biểu")
    services.check_create_schedule_entry(office.leader, person=person, starts_at=t + timedelta(hours=3),
                                         ends_at=t + timedelta(hours=5), title="Tiếp đoàn đại biểu",
                                         confirmed=True)
    week = queries.calendar(office.leader, t - timedelta(days=1), t + timedelta(days=6))
    assert [(e.title, e.conflict) for e in week[person.pk]] == [
        ("Phiên họp Bộ Chính trị", True), ("Tiếp đoàn đại biểu", True)]
    # Someone who may not see the meeting sees the entry alone, with no clash to give the meeting away.
    Meeting.objects.filter(pk=meeting.pk).update(classification=Classification.TOI_MAT)
    week = queries.calendar(office.thuong, t - timedelta(days=1), t + timedelta(days=6))
    assert [(e.title, e.conflict) for e in week[person.pk]] == [("Tiếp đoàn đại biểu", False)]


def test_two_whole_term_programmes_of_one_body_cannot_both_be_stored(office):
    """The service checks first; the database holds the line when two people create it at the same moment
    (a term's programme has no year, and NULLs never clash in the ordinary unique constraint)."""
    from django.db import IntegrityError, transaction

    year = programme(office)
    args = {"body": year.body, "term": year.term, "period": WorkProgram.Period.TERM, "year": None, "number": 0,
            "start": date(2026, 1, 1), "end": date(2030, 12, 31), "created_by": office.leader}
    WorkProgram.objects.create(title="Chương trình toàn khóa", **args)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkProgram.objects.create(title="Chương trình toàn khóa (bản thứ hai)", **args)
    assert WorkProgram.objects.filter(period=WorkProgram.Period.TERM, body=year.body).count() == 1
