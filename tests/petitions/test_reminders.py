"""Overdue and soon-due cases on the desk of whoever holds them; reminders before and after the deadline, once per
threshold (and again after an extension gives a new deadline); a notice never names a denouncer or the summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_unit, make_user
from tests.petitions.helpers import letter
from vanphong.core.models import Notice
from vanphong.core.roles import Role
from vanphong.petitions import reminders
from vanphong.petitions.models import CaseReminder, PetitionCase
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db

DENOUNCER = "Hà Thị Giấu Tên"


@pytest.fixture
def unit(db):
    return make_unit("Vụ Xử lý đơn thư thử", "xu-ly-don-thu")


@pytest.fixture
def holder(unit):
    return make_user("can-bo-giu", clearance=Classification.MAT, roles=(Role.PETITIONS_OFFICER,), unit=unit,
                     full_name="Ngô Văn Giữ")


def _case(actor, unit, days_to_deadline: int, **kw) -> PetitionCase:
    case = letter(actor, unit=unit, name=DENOUNCER, kind="to_cao", title=f"Tố cáo của {DENOUNCER}",
                  content=f"Tôi là {DENOUNCER}, tố cáo sai phạm.", **kw).case
    PetitionCase.objects.filter(pk=case.pk).update(
        deadline=timezone.localdate() + timedelta(days=days_to_deadline), status=PetitionCase.Status.ACCEPTED)
    case.refresh_from_db()
    return case


def test_the_desk_lists_the_cases_a_person_holds_overdue_first(officer, unit, holder):
    late = _case(officer, unit, -3)
    soon = _case(officer, unit, 2)
    _case(officer, unit, 30)  # not due soon
    other = _case(officer, None, -10)  # no unit, no handler: not the holder's
    rows = reminders.desk(holder, timezone.localdate())
    assert [r.url for r in rows] == [late.get_absolute_url(), soon.get_absolute_url()]
    assert rows[0].overdue and "quá hạn 3 ngày" in rows[0].note and not rows[1].overdue
    assert all(DENOUNCER not in r.title for r in rows)
    # A handler named on the case holds it, whatever the unit.
    PetitionCase.objects.filter(pk=other.pk).update(handler=officer)
    assert [r.url for r in reminders.desk(officer, timezone.localdate())] == [other.get_absolute_url()]
    c = Client()
    c.force_login(holder)
    page = c.get("/").content.decode()
    assert "Đơn thư đến hạn, quá hạn" in page and late.get_absolute_url() in page and DENOUNCER not in page


def test_the_desk_keeps_to_the_policy(officer, unit):
    outsider = make_user("khong-duoc-xem", clearance=Classification.THUONG, roles=(Role.PETITIONS_OFFICER,),
                         unit=unit)
    _case(officer, unit, -3, classification=Classification.MAT)
    assert reminders.desk(outsider, timezone.localdate()) == []


def test_reminders_once_per_threshold_and_again_after_an_extension(officer, unit, holder):
    head = make_user("truong-vu-xl", clearance=Classification.MAT, roles=(Role.UNIT_HEAD,), unit=unit)
    case = _case(officer, unit, -8)
    today = timezone.localdate()
    assert reminders.run_reminders(today) == 1
    assert reminders.run_reminders(today) == 0  # idempotent
    r = CaseReminder.objects.get()
    assert r.stage == CaseReminder.Stage.AFTER_7 and r.escalated
    notices = list(Notice.objects.all())
    assert {n.recipient for n in notices} == {holder, head}
    for n in notices:
        assert DENOUNCER not in n.text and "Tố cáo của" not in n.text
        assert f"số {case.pk}" in n.text and "quá hạn 8 ngày" in n.text
    # An extension: a new deadline, 5 days away, reminds again (before) while the old row stays.
    PetitionCase.objects.filter(pk=case.pk).update(deadline=today + timedelta(days=5))
    assert reminders.run_reminders(today) == 1
    assert set(CaseReminder.objects.values_list("stage", flat=True)) == {"qua_7", "truoc_7"}
    # A closed case is not reminded.
    PetitionCase.objects.filter(pk=case.pk).update(status=PetitionCase.Status.RESOLVED,
                                                   deadline=today - timedelta(days=1))
    assert reminders.run_reminders(today) == 0


def test_a_holder_who_may_not_see_the_case_is_not_told(officer, unit):
    low = make_user("thap", clearance=Classification.THUONG, roles=(Role.PETITIONS_OFFICER,), unit=unit)
    _case(officer, unit, -1, classification=Classification.MAT)
    assert reminders.run_reminders() == 1
    assert not Notice.objects.filter(recipient=low).exists()


def test_the_periodic_job_is_registered():
    from vanphong.core.periodic import JOBS

    assert "petitions.reminders" in JOBS
