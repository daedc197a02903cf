"""Deadlines from the rules kept as data: the right rule for each case, calendar and working days with the
holiday calendar, extensions within the rule's limits, recomputation that changes nothing when run again, and
rules an administrator edits without ever making two of them valid on the same day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.petitions.helpers import letter
from vanphong.core.errors import ServiceError
from vanphong.petitions import deadlines
from vanphong.petitions.models import DeadlineRule, Holiday, PetitionCase
from vanphong.petitions.services import Classified, check_classify, check_step
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db


def accepted(officer, kind: str, on: date, **classified) -> PetitionCase:
    done = letter(officer, received_on=on, kind=kind if kind == "to_cao" else "")
    case = check_classify(officer, done.case.pk, done.case.version, Classified(kind=kind, **classified))
    return check_step(officer, case.pk, "accept", case.version, data={"accepted_on": on})


def test_the_holiday_calendar_holds_the_lunar_new_year_and_hung_kings_day_of_each_year():
    tet = {2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
           2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 2)}
    for year, first_day in tet.items():
        names = set(Holiday.objects.filter(day__year=year).values_list("name", flat=True))
        assert any("Tết Nguyên đán" in n for n in names) and any("Hùng Vương" in n for n in names), year
        off = Holiday.objects.filter(day__year=year, kind="nghi", name__contains="Tết Nguyên đán").count()
        assert off == 5, year  # five working days off, as the Labour Code gives (weekends not counted)
        assert Holiday.objects.filter(day=first_day).exists() or first_day.weekday() >= 5
    assert Holiday.objects.get(day=date(2025, 4, 26)).kind == Holiday.Kind.WORKING  # Saturday worked in exchange


def test_working_days_skip_weekends_and_tet_and_count_a_saturday_worked_in_exchange():
    # Friday 24/1/2025 + 3 working days: Tết is 27–31/1, so Monday 3, Tuesday 4, Wednesday 5 February.
    assert deadlines.add_days(date(2025, 1, 24), 3, "lam_viec") == date(2025, 2, 5)
    # Thursday 24/4/2025 + 2 working days: Friday 25, Saturday 26 (worked in exchange for 2/5).
    assert deadlines.add_days(date(2025, 4, 24), 2, "lam_viec") == date(2025, 4, 26)


def test_a_calendar_deadline_on_a_day_off_moves_to_the_next_working_day():
    assert deadlines.add_days(date(2025, 1, 1), 30, "lich") == date(2025, 2, 3)  # 31/1 is Tết → Monday 3/2
    assert deadlines.add_days(date(2025, 3, 1), 30, "lich") == date(2025, 3, 31)


@pytest.mark.parametrize(("instance", "is_complex", "is_remote", "days"), [
    (1, False, False, 30), (1, True, False, 45), (1, False, True, 45), (1, True, True, 60),
    (2, False, False, 45), (2, True, False, 60), (2, False, True, 60), (2, True, True, 70),
])
def test_a_complaint_runs_against_the_rule_for_its_instance_complexity_and_remoteness(
        officer, instance, is_complex, is_remote, days):
    on = date(2025, 6, 2)
    case = accepted(officer, "khieu_nai", on, instance=instance, is_complex=is_complex, is_remote=is_remote)
    assert case.deadline_rule.days == days
    assert case.deadline == deadlines.add_days(on, days, "lich")


def test_a_letter_not_yet_accepted_runs_against_the_handling_rule_in_working_days(officer):
    done = letter(officer, received_on=date(2025, 1, 20))
    assert done.case.deadline_rule.code == "XL_DON"
    assert done.case.deadline == date(2025, 2, 10)  # 10 working days, Tết 27–31/1 not counted


def test_a_denunciation_is_extended_at_most_twice_by_thirty_days(officer):
    on = date(2025, 6, 2)
    case = accepted(officer, "to_cao", on)
    assert case.deadline == date(2025, 7, 2)
    case = check_step(officer, case.pk, "extend", case.version, note="Vụ việc phức tạp")
    assert case.deadline == date(2025, 8, 1)
    case = check_step(officer, case.pk, "extend", case.version, note="Vụ việc đặc biệt phức tạp")
    assert case.deadline == deadlines.add_days(on, 90, "lich") and case.extensions == 2
    with pytest.raises(ServiceError, match=r"tối đa.*90 ngày"):
        check_step(officer, case.pk, "extend", case.version, note="Lần ba")
    case.refresh_from_db()
    assert case.extensions == 2


def test_a_complaint_cannot_be_extended(officer):
    case = accepted(officer, "khieu_nai", date(2025, 6, 2))
    with pytest.raises(ServiceError, match="không cho gia hạn"):
        check_step(officer, case.pk, "extend", case.version, note="Xin gia hạn")


def test_recomputing_twice_changes_nothing_the_second_time(officer):
    case = accepted(officer, "khieu_nai", date(2025, 6, 2))
    rule = case.deadline_rule
    DeadlineRule.objects.filter(pk=rule.pk).update(days=40)
    assert deadlines.do_recompute_open_cases() == 1
    events = AuditEvent.objects.count()
    case.refresh_from_db()
    after_first = (case.deadline, case.deadline_rule_id, case.version)
    assert case.deadline == deadlines.add_days(date(2025, 6, 2), 40, "lich")
    assert deadlines.do_recompute_open_cases() == 0
    assert deadlines.recompute(case) is False
    case.refresh_from_db()
    assert (case.deadline, case.deadline_rule_id, case.version) == after_first
    assert AuditEvent.objects.count() == events


def test_a_rule_overlapping_another_with_the_same_conditions_is_refused():
    old = DeadlineRule.objects.get(code="KN_L1")
    new = DeadlineRule(code="KN_L1_2027", name="Khiếu nại lần đầu (luật mới)", stage="giai_quyet", kind="khieu_nai",
                       instance=1, days=20, valid_from=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="trùng thời gian hiệu lực"):
        new.full_clean()
    old.valid_to = date(2026, 12, 31)
    old.full_clean()
    old.save()
    new.full_clean()  # once the old one ends the day before, the new one may start


def test_an_administrator_editing_a_rule_moves_the_deadlines_of_open_cases(officer, office):
    case = accepted(officer, "khieu_nai", date(2025, 6, 2))
    rule = case.deadline_rule
    client = Client()
    client.force_login(office.admin)
    url = f"/quan-tri/petitions/deadlinerule/{rule.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"days": 35, "is_complex": "", "is_remote": "", "valid_from": "2012-07-01", "valid_to": ""})
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.deadline == deadlines.add_days(date(2025, 6, 2), 35, "lich")
    assert AuditEvent.objects.filter(event_type="petitions.deadlinerule_saved").exists()
    assert site.is_registered(DeadlineRule) and site.is_registered(Holiday)


def test_the_shipped_rules_come_back_after_the_tables_are_emptied():
    DeadlineRule.objects.all().delete()
    Holiday.objects.all().delete()
    from django.apps import apps

    deadlines.ensure_rules(apps.get_app_config("petitions"))
    assert DeadlineRule.objects.filter(code="TC", max_extensions=2, extension_days=30).exists()
    assert Holiday.objects.filter(day__year=2030).exists()
    assert deadlines.load_rules(DeadlineRule, Holiday) == 0  # loading again adds nothing


def test_an_open_case_past_its_deadline_is_overdue_and_a_closed_one_is_not(officer):
    done = letter(officer, received_on=timezone.localdate() - timedelta(days=60))
    assert done.case.is_overdue()
    case = check_step(officer, done.case.pk, "not_accept", done.case.version, note="Đơn không đủ điều kiện thụ lý")
    assert not case.is_overdue() and case.reason == "Đơn không đủ điều kiện thụ lý"


def test_a_complex_denunciation_runs_against_the_denunciation_rule_and_may_be_extended(officer):
    case = accepted(officer, "to_cao", date(2025, 6, 2), is_complex=True, is_remote=True)
    assert case.deadline_rule.code == "TC" and case.deadline == date(2025, 7, 2)
    assert check_step(officer, case.pk, "extend", case.version, note="Phức tạp").extensions == 1
