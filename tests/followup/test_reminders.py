"""Automatic reminders once per stage (the periodic job run twice reminds once), escalation, the manual button."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import make_user
from tests.followup.helpers import issued_conclusion, provinces
from vanphong.core import periodic
from vanphong.core.errors import ServiceError
from vanphong.core.models import Notice
from vanphong.core.roles import Role
from vanphong.followup.decisions import check_assign_point
from vanphong.followup.models import Assignment, Reminder
from vanphong.followup.queries import desk
from vanphong.followup.reminders import check_remind, run_reminders

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


def _task(office, deadline: date, classification: int = 0) -> Assignment:
    doc = issued_conclusion(office.leader, classification=classification, issued_on=date(2026, 1, 5))
    [a] = check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-1",
                             body_ids=[provinces(1)[0].pk], deadline=deadline)
    a.shared_with_users.add(office.tuyetmat)
    return a


def test_the_job_is_registered_as_a_cluster_job():
    job = periodic.JOBS["followup.reminders"]
    assert job.scope == "cluster"


def test_running_twice_reminds_once_per_stage(office):
    a = _task(office, TODAY + timedelta(days=7))
    first = run_reminders(TODAY)
    again = run_reminders(TODAY)
    assert Reminder.objects.filter(assignment=a).count() == 1
    assert first >= 1 and again == 0
    r = Reminder.objects.get(assignment=a)
    assert r.stage == Reminder.Stage.BEFORE_7 and not r.escalated
    assert Notice.objects.filter(recipient=office.tuyetmat, url=a.get_absolute_url()).count() == 1
    # the next day, still in the same stage: nothing new
    assert run_reminders(TODAY + timedelta(days=1)) == 0 or not Reminder.objects.filter(
        assignment=a).exclude(stage=Reminder.Stage.BEFORE_7).exists()


def test_late_stages_escalate_to_the_unit_head(office):
    head = make_user("truong-vu", clearance=3, unit=office.unit, roles=(Role.UNIT_HEAD,))
    a = _task(office, TODAY - timedelta(days=8))
    run_reminders(TODAY)
    r = Reminder.objects.get(assignment=a)
    assert r.stage == Reminder.Stage.AFTER_7 and r.escalated
    assert head in r.recipients.all()
    assert Notice.objects.filter(recipient=head, url=a.get_absolute_url()).exists()


def test_a_done_task_is_not_reminded(office):
    a = _task(office, TODAY + timedelta(days=1))
    Assignment.objects.filter(pk=a.pk).update(status=Assignment.Status.DONE)
    run_reminders(TODAY)
    assert not Reminder.objects.filter(assignment=a).exists()


def test_a_secret_task_reminds_without_its_title_and_not_those_who_may_not_see_it(office):
    head = make_user("truong-vu-mat", clearance=1, unit=office.unit, roles=(Role.UNIT_HEAD,))
    a = _task(office, TODAY - timedelta(days=31), classification=2)
    run_reminders(TODAY)
    r = Reminder.objects.get(assignment=a)
    assert head not in r.recipients.all()
    notice = Notice.objects.get(recipient=office.tuyetmat, url=a.get_absolute_url())
    assert a.title not in notice.text and "Tối mật" in notice.text


def test_the_manual_button_and_the_desk(office):
    a = _task(office, date.today() + timedelta(days=3))
    check_remind(office.leader, a.pk, "Đề nghị báo cáo trước thứ Sáu")
    assert Reminder.objects.filter(assignment=a, stage=Reminder.Stage.MANUAL).count() == 1
    check_remind(office.leader, a.pk)
    assert Reminder.objects.filter(assignment=a, stage=Reminder.Stage.MANUAL).count() == 2
    rows = desk(office.tuyetmat, date.today(), 20)
    assert any(row.kind == "Đôn đốc" and row.url == a.get_absolute_url() for row in rows)
    # the leader's unit follows the task: it is on the leader's desk as due soon
    rows = desk(office.leader, date.today(), 50)
    assert any(row.url == a.get_absolute_url() and row.kind == "Việc đến hạn" for row in rows)


def test_an_outsider_may_not_urge(office):
    a = _task(office, date.today() + timedelta(days=3))
    with pytest.raises(Exception):  # noqa: B017 - 404: they may not even see it
        check_remind(office.outsider, a.pk)
    a.shared_with_users.add(office.outsider)
    with pytest.raises(ServiceError):
        check_remind(office.outsider, a.pk)


def test_the_page_shows_the_reminders(client, office):
    a = _task(office, date.today() + timedelta(days=3))
    client.force_login(office.leader)
    r = client.post(f"{a.get_absolute_url()}don-doc/", {"note": "Khẩn trương"})
    assert r.status_code == 302
    html = client.get(a.get_absolute_url()).content.decode()
    assert "Đôn đốc trực tiếp" in html and "Khẩn trương" in html
