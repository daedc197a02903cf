"""Telling an assignee about new work: queued after commit, sent once, no classified title by e-mail."""

from __future__ import annotations

from django.core import mail

from tests.factories import give
from vanphong.followup.tasks import notify_assignee
from vanphong.security.classification import Classification


def test_a_new_assignment_queues_a_notice_after_commit(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        give(office.leader, "Việc cần báo", assignee=office.thuong)
    # Other after-commit work (the search index applying the change) may be queued too.
    notices = [c for c in callbacks if getattr(c, "func", None) == notify_assignee.enqueue]
    assert len(notices) == 1


def test_the_notice_is_sent_once_however_often_the_task_runs(office):
    office.thuong.person.email = "thuong@vanphong.vn"
    office.thuong.person.save()
    a = give(office.leader, "Chuẩn bị báo cáo tuần", assignee=office.thuong)
    assert notify_assignee.call(a.pk) is True
    assert notify_assignee.call(a.pk) is False
    assert len(mail.outbox) == 1
    assert "Chuẩn bị báo cáo tuần" in mail.outbox[0].subject


def test_a_classified_title_never_goes_out_by_email(office):
    office.mat.person.email = "mat@vanphong.vn"
    office.mat.person.save()
    a = give(office.leader, "Phương án nhân sự tuyệt đối giữ kín", classification=Classification.MAT,
             assignee=office.mat)
    notify_assignee.call(a.pk)
    sent = mail.outbox[0]
    assert "giữ kín" not in sent.subject and "giữ kín" not in sent.body
    assert "độ Mật" in sent.subject


def test_a_notice_for_a_missing_assignment_does_nothing(db):
    assert notify_assignee.call(987654) is False
