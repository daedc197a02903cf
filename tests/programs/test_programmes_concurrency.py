"""Concurrent edits of the same programme, for real (threads, each its own connection): one writer wins, the
other gets a clear refusal, nothing is saved twice or by halves."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_user
from vanphong.core.errors import ServiceError
from vanphong.core.models import Body, Person, Term
from vanphong.core.roles import Role
from vanphong.programs import services
from vanphong.programs.models.programme import ProgramItem, ScheduleEntry, WorkProgram

pytestmark = pytest.mark.django_db(transaction=True)


def _race(n: int, fn: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    start = threading.Barrier(n)
    done: list[Any] = []
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            start.wait()
            done.append(fn(k))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return done, errors


def _setup() -> tuple[Any, WorkProgram, Body]:
    leader = make_user("lanh-dao-dong-thoi", roles=(Role.OFFICE_LEADER,))
    body = Body.objects.get(short_name="BCT", kind="lanh_dao")
    year = services.check_create_program(leader, body_id=body.pk, term_id=Term.objects.get(number=14).pk,
                                         period="nam", year=2026, number=0)
    return leader, year, Body.objects.exclude(kind="lanh_dao").first()


def test_two_people_adding_to_the_programme_they_both_opened_one_is_told_to_reload():
    leader, year, lead = _setup()
    seen = year.version

    def add(k: int) -> ProgramItem:
        return services.check_create_item(leader, year, title=f"Đề án đồng thời {k}", kind="de_an",
                                          lead_body_id=lead.pk, planned_start=date(2026, 4, 1),
                                          planned_end=date(2026, 5, 1), expected_version=seen)

    done, errors = _race(2, add)
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], ServiceError), errors
    assert "tải lại" in errors[0].message
    assert ProgramItem.objects.filter(program=year).count() == 1
    assert WorkProgram.objects.get(pk=year.pk).version == seen + 1


def test_carrying_the_same_quarter_down_twice_at_once_makes_one_programme():
    leader, year, lead = _setup()
    item = services.check_create_item(leader, year, title="Đề án quý II", kind="de_an", lead_body_id=lead.pk,
                                      planned_start=date(2026, 4, 1), planned_end=date(2026, 5, 1))

    def carry(k: int) -> WorkProgram:
        return services.check_carry_down(leader, year, number=2, item_ids=[item.pk])

    done, errors = _race(2, carry)
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], ServiceError), errors
    assert WorkProgram.objects.filter(parent=year, period="quy", number=2).count() == 1
    assert ProgramItem.objects.filter(source=item).count() == 1


def test_two_coordinators_booking_the_same_hours_one_is_asked_to_confirm():
    leader, _year, _lead = _setup()
    person = Person.objects.create(full_name="Lãnh đạo bận rộn")
    t = timezone.make_aware(datetime(2026, 12, 8, 8))

    def book(k: int) -> ScheduleEntry:
        return services.check_create_schedule_entry(leader, person=person, starts_at=t + timedelta(minutes=30 * k),
                                                    ends_at=t + timedelta(hours=2), title=f"Lịch {k}")

    done, errors = _race(2, book)
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], services.ScheduleClash), errors
    assert ScheduleEntry.objects.filter(person=person).count() == 1
