"""The desk ("Bàn làm việc"): a number of queries that does not grow with the work waiting, and the reminders it
lists only about tasks the person may see."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import give
from tests.followup.helpers import issued_conclusion, provinces
from vanphong.followup.decisions import do_assign_point
from vanphong.followup.models import Reminder
from vanphong.security.classification import Classification


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get("/")  # the first request of a session writes it
    return client


def desk_queries(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def remind(assignment, user, days_ago: int = 1, stage: str = Reminder.Stage.MANUAL) -> Reminder:
    r = Reminder.objects.create(assignment=assignment, stage=stage, escalated=False,
                                sent_on=timezone.localdate() - timedelta(days=days_ago))
    r.recipients.add(user)
    return r


def more_work(office, n: int) -> None:
    today = timezone.localdate()
    doc = issued_conclusion(office.leader, number=70 + n, issued_on=today - timedelta(days=60))
    for i in range(n):
        a = give(office.leader, f"Việc thêm {n}-{i}", assignee=office.mat, deadline=today + timedelta(days=i - 2))
        remind(a, office.mat, days_ago=i)
        task = do_assign_point(office.leader, doc, "muc-II/diem-1", provinces(n)[i], today + timedelta(days=i),
                               f"Nhiệm vụ thêm {n}-{i}", "", office.unit, 0)
        remind(task, office.mat, stage=Reminder.Stage.BEFORE_7)


def test_the_desk_asks_as_many_queries_with_much_work_as_with_little(office):
    client = signed_in(office.mat)
    more_work(office, 2)
    little = desk_queries(client)
    more_work(office, 12)
    much = desk_queries(client)
    assert len(much) == len(little), "\n".join(much)
    # A ceiling: the session and person, then one or two queries per section (văn thư, tasks, programme items,
    # appraisal, meetings, follow-up, letters, watched news, notices). A new section raises it knowingly.
    assert len(much) <= 22, "\n".join(much)


def test_a_reminder_about_a_task_the_person_may_not_see_stays_off_the_desk(office):
    today = timezone.localdate()
    seen = give(office.leader, "Việc được đôn đốc", assignee=office.thuong, deadline=today + timedelta(days=3))
    hidden = give(office.leader, "Việc mật cmbkhuất", classification=Classification.MAT, assignee=office.mat,
                  deadline=today + timedelta(days=3))
    remind(seen, office.thuong)
    remind(hidden, office.thuong)  # sent to them by mistake: the task is above their clearance
    html = signed_in(office.thuong).get("/").content.decode()
    assert "Đôn đốc trực tiếp" in html and "Việc được đôn đốc" in html
    assert "cmbkhuất" not in html
