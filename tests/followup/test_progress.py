"""Progress reports with default percentages, weighted trees recomputed on every change, refused cycles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.followup.helpers import issued_conclusion, provinces
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.followup.decisions import check_assign_point
from vanphong.followup.models import Assignment, ProgressReport
from vanphong.followup.progress import (
    check_add_milestone,
    check_add_subtask,
    check_milestone_done,
    check_report_progress,
    check_set_parent,
)
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(office):
    doc = issued_conclusion(office.leader)
    [a] = check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-1",
                             body_ids=[provinces(1)[0].pk], deadline=date.today() + timedelta(days=60))
    return a


def test_a_status_gives_its_default_percentage(office, task):
    check_report_progress(office.leader, task.pk, status="dang_trien_khai")
    task.refresh_from_db()
    assert task.percent == 30 and task.status == Assignment.Status.IN_PROGRESS
    check_report_progress(office.leader, task.pk, status="co_ban_hoan_thanh", percent=85)
    task.refresh_from_db()
    assert task.percent == 85
    check_report_progress(office.leader, task.pk, status="hoan_thanh")
    task.refresh_from_db()
    assert task.percent == 100 and task.status == Assignment.Status.DONE and task.completed_at is not None
    assert AuditEvent.objects.filter(event_type="followup.progress_reported", object_id=str(task.pk)).count() == 3


def test_it_refuses_more_than_a_hundred_percent_and_saves_nothing(office, task):
    with pytest.raises(ServiceError) as e:
        check_report_progress(office.leader, task.pk, status="dang_trien_khai", percent=120)
    assert "0 đến 100" in e.value.message
    assert not ProgressReport.objects.filter(assignment=task).exists()
    task.refresh_from_db()
    assert task.percent == 0


def test_a_stale_version_is_a_conflict(office, task):
    check_report_progress(office.leader, task.pk, status="dang_trien_khai", expected_version=task.version)
    with pytest.raises(Conflict):
        check_report_progress(office.leader, task.pk, status="hoan_thanh", expected_version=task.version)


def test_someone_outside_may_not_report(office, task):
    task.shared_with_users.add(office.outsider)
    with pytest.raises(Forbidden):
        check_report_progress(office.outsider, task.pk, status="hoan_thanh")


def test_the_parent_is_the_weighted_mean_of_its_children(office, task):
    a = check_add_subtask(office.leader, task.pk, title="Rà soát văn bản", weight=1)
    b = check_add_subtask(office.leader, task.pk, title="Xây dựng cơ sở dữ liệu", weight=3)
    check_report_progress(office.leader, a.pk, status="hoan_thanh")  # 100 × 1
    task.refresh_from_db()
    assert task.percent == 25
    check_report_progress(office.leader, b.pk, status="dang_trien_khai", percent=60)  # 60 × 3
    task.refresh_from_db()
    assert task.percent == round((100 + 180) / 4)
    check_report_progress(office.leader, b.pk, status="hoan_thanh")
    task.refresh_from_db()
    assert task.percent == 100 and task.status == Assignment.Status.DONE


def test_a_parent_takes_no_report_of_its_own(office, task):
    check_add_subtask(office.leader, task.pk, title="Việc nhỏ")
    with pytest.raises(ServiceError):
        check_report_progress(office.leader, task.pk, status="hoan_thanh")


def test_it_refuses_to_make_a_task_the_child_of_its_own_descendant(office, task):
    child = check_add_subtask(office.leader, task.pk, title="Con")
    grandchild = check_add_subtask(office.leader, child.pk, title="Cháu")
    with pytest.raises(ServiceError) as e:
        check_set_parent(office.leader, task.pk, grandchild.pk)
    assert "vòng" in e.value.message
    with pytest.raises(ServiceError):
        check_set_parent(office.leader, task.pk, task.pk)
    task.refresh_from_db()
    assert task.parent_id is None


def test_moving_a_child_recomputes_both_parents(office, task):
    other = check_add_subtask(office.leader, task.pk, title="Nhánh A")
    leaf = check_add_subtask(office.leader, task.pk, title="Nhánh B")
    check_report_progress(office.leader, leaf.pk, status="hoan_thanh")
    task.refresh_from_db()
    assert task.percent == 50
    check_set_parent(office.leader, leaf.pk, other.pk, weight=2)
    other.refresh_from_db()
    task.refresh_from_db()
    assert other.percent == 100 and task.percent == 100


def test_milestones(office, task):
    m = check_add_milestone(office.leader, task.pk, title="Trình dự thảo", due=date.today() + timedelta(days=10))
    check_milestone_done(office.leader, m.pk)
    m.refresh_from_db()
    assert m.done_on == date.today()
    with pytest.raises(ServiceError):
        check_add_milestone(office.leader, task.pk, title="Quá hạn", due=date.today() + timedelta(days=600))
