"""The programme items on a person's desk: those their unit follows (or their body leads) whose planned
submission is near or past and for which no proposal has reached the office, once per carried-down item, through
the access policy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.programs.office_part import programme
from vanphong.core.models import Body, Position
from vanphong.programs import queries, services
from vanphong.programs.models.programme import ProgramItem, Proposal
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 10)


def _lead() -> Body:
    return Body.objects.exclude(kind=Body.Kind.LEADERSHIP).order_by("pk").first()


def _item(office, program, title, end, unit=None, **kw) -> ProgramItem:
    return services.check_create_item(office.leader, program, title=title, kind="de_an", lead_body_id=_lead().pk,
                                      planned_start=date(2026, 3, 1), planned_end=end,
                                      office_unit_id=(unit or office.unit).pk, **kw)


def _titles(user, today=TODAY) -> list[str]:
    return [r.title for r in queries.desk(user, today, 20)]


def test_items_of_my_unit_due_soon_or_late_without_a_proposal_await_me(office):
    year = programme(office)
    late = _item(office, year, "Đề án đã quá hạn trình", TODAY - timedelta(days=3))
    soon = _item(office, year, "Báo cáo sắp đến hạn", TODAY + timedelta(days=10))
    _item(office, year, "Đề án còn xa", TODAY + timedelta(days=60))
    _item(office, year, "Đề án của vụ khác", TODAY + timedelta(days=2), unit=office.other_unit)
    rows = queries.desk(office.thuong, TODAY, 20)
    assert [r.title for r in rows] == [late.title, soon.title]
    assert rows[0].overdue and "quá hạn trình 3 ngày" in rows[0].note and rows[0].due == late.planned_end
    assert not rows[1].overdue and "còn 10 ngày" in rows[1].note
    assert rows[0].url == late.get_absolute_url() and rows[0].kind == "Mục chương trình"
    assert _titles(office.outsider) == ["Đề án của vụ khác"]


def test_an_item_leaves_the_desk_once_its_proposal_is_sent_even_from_the_wider_programme(office):
    year = programme(office)
    item = _item(office, year, "Đề án đã có hồ sơ", TODAY + timedelta(days=5))
    quarter = services.check_carry_down(office.leader, year, number=2, item_ids=[item.pk])
    copy = quarter.items.get(source=item)
    assert _titles(office.thuong) == [copy.title]  # once, as the quarter's copy
    assert queries.desk(office.thuong, TODAY, 20)[0].url == copy.get_absolute_url()
    p = Proposal.objects.create(item=item, title=item.title, lead_body=item.lead_body, created_by=office.leader)
    assert _titles(office.thuong) == [copy.title]  # drafted, not yet sent
    Proposal.objects.filter(pk=p.pk).update(submitted_at=timezone.now(), status=Proposal.Status.SUBMITTED)
    assert _titles(office.thuong) == []


def test_dropped_or_submitted_items_are_not_on_the_desk(office):
    year = programme(office)
    dropped = _item(office, year, "Đề án đã rút", TODAY)
    done = _item(office, year, "Đề án đã trình", TODAY)
    ProgramItem.objects.filter(pk=dropped.pk).update(status=ProgramItem.Status.DROPPED)
    ProgramItem.objects.filter(pk=done.pk).update(status=ProgramItem.Status.SUBMITTED)
    assert _titles(office.thuong) == []


def test_a_secret_item_is_on_the_desk_only_of_who_may_see_it(office):
    year = programme(office)
    _item(office, year, "Đề án mật của vụ", TODAY, classification=Classification.MAT)
    assert _titles(office.thuong) == []  # same unit, not cleared
    assert _titles(office.leader) == ["Đề án mật của vụ"]
    assert _titles(office.mat) == []  # cleared, but neither on the access list nor the creator


def test_who_holds_a_post_in_the_lead_body_sees_its_items(office):
    year = programme(office)
    item = _item(office, year, "Đề án của cơ quan chủ trì", TODAY, unit=office.other_unit)
    person = office.clerk.person
    person.unit = None
    person.save()
    Position.objects.create(person=person, title="Chuyên viên", body=item.lead_body)
    assert _titles(office.clerk) == [item.title]


def test_the_desk_page_shows_the_programme_section(office):
    year = programme(office)
    today = timezone.localdate()
    program = year if today.year == 2026 else services.check_create_program(
        office.leader, body_id=year.body_id, term_id=year.term_id, period="nam", year=today.year, number=0)
    services.check_create_item(office.leader, program, title="Đề án chờ trên bàn làm việc", kind="de_an",
                               lead_body_id=_lead().pk, planned_start=program.start, planned_end=today,
                               office_unit_id=office.unit.pk)
    c = Client()
    c.force_login(office.thuong)
    html = c.get("/").content.decode()
    assert 'id="chuong-trinh"' in html and "Đề án chờ trên bàn làm việc" in html
