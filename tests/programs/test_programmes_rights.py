"""The right to manage programmes (programs.manage_program): office leaders and heads of units hold it; without
it nobody creates, fills, adjusts, approves or carries down a programme or books a leader's schedule, in the
services, the pages and the API alike; the pages hide the forms and buttons from them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user
from tests.programs.appraisal_office_part import unit_head
from tests.programs.office_part import programme
from vanphong.core.errors import Forbidden
from vanphong.core.models import Body, Person, Term
from vanphong.core.roles import Role
from vanphong.programs import services
from vanphong.programs.models.programme import ProgramItem, ScheduleEntry, WorkProgram

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _lead() -> Body:
    return Body.objects.exclude(kind=Body.Kind.LEADERSHIP).first()


def _add(user, program, **kw):
    return services.check_create_item(user, program, title=kw.pop("title", "Đề án thử quyền"), kind="de_an",
                                      lead_body_id=_lead().pk, planned_start=date(2026, 4, 1),
                                      planned_end=date(2026, 5, 1), **kw)


def test_office_leaders_and_unit_heads_hold_the_right_and_specialists_do_not(office):
    assert services.may_manage(office.leader)
    assert services.may_manage(unit_head(office))
    for key in ("thuong", "tuyetmat", "clerk"):
        assert not services.may_manage(office.users[key])
    assert Group.objects.get(name=Role.UNIT_HEAD.value).permissions.filter(codename="manage_program").exists()


def test_without_the_right_every_change_is_refused_by_the_services_and_nothing_is_saved(office):
    program = programme(office)
    item = _add(office.leader, program)
    user = office.tuyetmat  # sees everything of the programme, may change none of it
    before = (WorkProgram.objects.count(), ProgramItem.objects.count())
    person = Person.objects.create(full_name="Lãnh đạo thử")
    t = timezone.make_aware(datetime(2026, 5, 4, 8))
    attempts = [
        lambda: services.check_create_program(user, body_id=program.body_id, term_id=program.term_id,
                                              period="nam", year=2027, number=0),
        lambda: services.do_create_program(user, body=program.body, term=program.term, period="nam", year=2028,
                                           number=0, start=date(2028, 1, 1), end=date(2028, 12, 31), title="x"),
        lambda: _add(user, program),
        lambda: services.do_approve_program(user, program),
        lambda: services.check_carry_down(user, program, number=2, item_ids=[item.pk]),
        lambda: services.do_carry_down(user, program, period="quy", number=3, start=date(2026, 7, 1),
                                       end=date(2026, 9, 30), title="Quý III"),
        lambda: services.check_adjust_item(user, item.pk, kind="rut", reason="x", decided_by="y",
                                           expected_version=item.version),
        lambda: services.check_create_schedule_entry(user, person=person, starts_at=t, ends_at=t + timedelta(hours=1),
                                                     title="Làm việc"),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden, match="không có quyền"):
            attempt()
    assert (WorkProgram.objects.count(), ProgramItem.objects.count()) == before
    assert WorkProgram.objects.get(pk=program.pk).status == WorkProgram.Status.DRAFT
    assert not ScheduleEntry.objects.exists()


def test_an_administrator_may_take_the_right_away_from_a_role(office):
    group = Group.objects.get(name=Role.UNIT_HEAD.value)
    group.permissions.remove(group.permissions.get(codename="manage_program"))
    head = unit_head(office, name="truong-vu-khong-quyen")
    with pytest.raises(Forbidden):
        _add(head, programme(office))


def test_the_pages_hide_the_forms_and_buttons_from_people_without_the_right(office):
    program = programme(office)
    item = _add(office.leader, program)
    services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    specialist, leader = _client(office.tuyetmat), _client(office.leader)
    listing = specialist.get(reverse("programs:programs")).content.decode()
    assert reverse("programs:program_new") not in listing and reverse("programs:calendar") in listing
    assert reverse("programs:program_new") in leader.get(reverse("programs:programs")).content.decode()
    page = specialist.get(program.get_absolute_url()).content.decode()
    assert 'id="them-muc"' not in page and reverse("programs:program_carry", args=[program.pk]) not in page
    page = leader.get(program.get_absolute_url()).content.decode()
    assert 'id="them-muc"' in page and reverse("programs:program_carry", args=[program.pk]) in page
    assert 'id="dieu-chinh"' not in specialist.get(item.get_absolute_url()).content.decode()
    assert 'id="dieu-chinh"' in leader.get(item.get_absolute_url()).content.decode()
    assert 'id="them-lich"' not in specialist.get(reverse("programs:calendar")).content.decode()
    assert 'id="them-lich"' in leader.get(reverse("programs:calendar")).content.decode()


def test_the_pages_refuse_a_change_posted_without_the_right(office):
    program = programme(office)
    item = _add(office.leader, program)
    c = _client(office.tuyetmat)
    term = Term.objects.get(number=14)
    assert c.get(reverse("programs:program_new")).status_code == 403
    assert c.post(reverse("programs:program_new"), {"body": program.body_id, "term": term.pk, "period": "nam",
                                                    "year": "2027"}).status_code == 403
    assert c.post(program.get_absolute_url(), {"title": "Chen vào", "kind": "de_an", "lead_body": _lead().pk,
                                               "planned_start": "2026-04-01", "planned_end": "2026-05-01",
                                               "version": program.version}).status_code == 403
    c.post(reverse("programs:program_approve", args=[program.pk]), {"version": program.version})
    assert c.get(reverse("programs:program_carry", args=[program.pk])).status_code == 403
    assert c.post(reverse("programs:calendar_add"), {"title": "x"}).status_code == 403
    assert c.post(item.get_absolute_url(), {"kind": "rut", "reason": "x", "decided_by": "y",
                                            "version": item.version}).status_code == 403
    assert WorkProgram.objects.get(pk=program.pk).status == WorkProgram.Status.DRAFT
    assert not ProgramItem.objects.filter(title="Chen vào").exists()
    assert not WorkProgram.objects.filter(year=2027).exists()
    assert ProgramItem.objects.get(pk=item.pk).status == ProgramItem.Status.PLANNED


def test_the_api_refuses_changes_without_the_right_with_403_in_vietnamese(office):
    program = programme(office)
    c = _client(make_user("chuyen-vien-api"))
    r = c.post(f"/api/v1/programmes/{program.pk}/approve", {"version": program.version},
               content_type="application/json")
    assert r.status_code == 403 and "không có quyền" in r.json()["detail"]
    assert WorkProgram.objects.get(pk=program.pk).status == WorkProgram.Status.DRAFT
