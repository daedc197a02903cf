"""The one state machine: steps only from their states, by whom they allow, four eyes, versions, history, audit."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories import give
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.followup.models import Assignment
from vanphong.security.audit import AuditEvent
from vanphong.security.classification import Classification
from vanphong.workflow.machine import Machine, Step, Transition

S = Assignment.Status


def anyone(user, record):
    return None


def only_leader(user, record):
    return None if user.username == "leader" else "Chỉ lãnh đạo được duyệt."


def refuse_empty(user, record, data):
    if not data.get("result"):
        raise ServiceError("Hãy ghi kết quả.")
    record.description = data["result"]


flow = Machine("tests.assignment", {S.NEW: "Mới giao", S.IN_PROGRESS: "Đang thực hiện", S.DONE: "Hoàn thành"}).add(
    Transition("start", (S.NEW,), S.IN_PROGRESS, "Bắt đầu", anyone),
    Transition("finish", (S.IN_PROGRESS,), S.DONE, "Báo hoàn thành", anyone, effect=refuse_empty),
    Transition("approve", (S.IN_PROGRESS,), S.DONE, "Duyệt", only_leader, not_by_actor_of=("start",)),
    Transition("reopen", (S.DONE,), S.IN_PROGRESS, "Mở lại", anyone, needs_note=True),
)


@pytest.fixture
def task(office):
    return give(office.leader, "Việc theo quy trình", assignee=office.thuong)


def test_a_step_moves_the_record_and_is_kept_in_history_and_audit(office, task):
    done = flow.apply(office.thuong, task, "start", expected_version=task.version, note="Bắt đầu làm")
    assert done.status == S.IN_PROGRESS and done.version == task.version + 1
    step = flow.history(task).get()
    assert (step.source, step.target, step.actor, step.note) == (S.NEW, S.IN_PROGRESS, office.thuong, "Bắt đầu làm")
    event = AuditEvent.objects.filter(event_type="tests.assignment.start").get()
    assert event.new["status"] == S.IN_PROGRESS and event.new["note"] == "Bắt đầu làm"


def test_a_step_from_the_wrong_state_is_refused_and_says_where_the_record_is(office, task):
    with pytest.raises(ServiceError, match="Mới giao"):
        flow.apply(office.thuong, task, "finish", data={"result": "x"})
    assert not flow.history(task).exists()


def test_a_guard_refusal_changes_nothing(office, task):
    flow.apply(office.thuong, task, "start")
    before = AuditEvent.objects.count()
    with pytest.raises(Forbidden, match="Chỉ lãnh đạo"):
        flow.apply(office.mat, task, "approve")
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS and AuditEvent.objects.count() == before
    assert flow.history(task).count() == 1


def test_the_one_who_took_a_step_cannot_approve_it_four_eyes(office, task):
    office.leader.username = "leader"
    office.leader.save()
    flow.apply(office.leader, task, "start")
    assert "approve" not in [t.name for t in flow.available(office.leader, task)]
    with pytest.raises(Forbidden, match="hai người"):
        flow.apply(office.leader, task, "approve")


def test_an_effect_that_refuses_leaves_nothing_half_done(office, task):
    flow.apply(office.thuong, task, "start")
    with pytest.raises(ServiceError, match="kết quả"):
        flow.apply(office.thuong, task, "finish", data={})
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS and flow.history(task).count() == 1
    flow.apply(office.thuong, task, "finish", data={"result": "Đã xong báo cáo"})
    task.refresh_from_db()
    assert task.status == S.DONE and task.description == "Đã xong báo cáo"


def test_an_edit_made_meanwhile_is_a_conflict_not_an_overwrite(office, task):
    stale = task.version
    flow.apply(office.thuong, task, "start")
    with pytest.raises(Conflict):
        flow.apply(office.thuong, task, "finish", expected_version=stale, data={"result": "x"})


def test_a_step_that_needs_a_reason_asks_for_it(office, task):
    flow.apply(office.thuong, task, "start")
    flow.apply(office.thuong, task, "finish", data={"result": "x"})
    with pytest.raises(ServiceError, match="lý do"):
        flow.apply(office.thuong, task, "reopen", note="   ")


def test_the_note_of_a_classified_record_stays_out_of_the_audit_log(office):
    secret = give(office.leader, "Việc mật", classification=Classification.MAT, assignee=office.mat)
    flow.apply(office.mat, secret, "start", note="Nội dung nhạy cảm")
    event = AuditEvent.objects.get(event_type="tests.assignment.start")
    assert "Nội dung nhạy cảm" not in str(event.new)
    assert flow.history(secret).get().note == "Nội dung nhạy cảm"


def test_available_lists_only_the_steps_this_person_may_take_now(office, task):
    assert [t.name for t in flow.available(office.thuong, task)] == ["start"]


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_same_step_at_once_take_it_once(office):
    task = give(office.leader, "Việc hai người cùng bấm", assignee=office.thuong)
    errors: list[Exception] = []
    barrier = threading.Barrier(2)

    def press() -> None:
        try:
            barrier.wait(5)
            flow.apply(office.thuong, task, "start")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Step.objects.filter(record_id=task.pk, transition="start").count() == 1
    assert len(errors) == 1 and isinstance(errors[0], Conflict)
