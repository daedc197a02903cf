"""The demo office (`vanphong demo`): accounts for every role and clearance, a realistic office, records only
up to the installation ceiling, idempotent, audited."""

from __future__ import annotations

import json
import random
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import models
from django.db.models import Exists, OuterRef
from django.test import RequestFactory
from django.utils import timezone

from vanphong.core import demo as core_demo
from vanphong.core.demo import (
    DATA,
    NAMED_ACCOUNTS,
    SIZES,
    DemoExists,
    DemoRefused,
    DemoSize,
    NameMaker,
    build_demo,
)
from vanphong.core.models import Body, Person, Place, Position, Unit, User
from vanphong.core.roles import Role
from vanphong.followup.models import Assignment
from vanphong.security.audit import AuditEvent, verify_chain
from vanphong.security.classification import Classification as C
from vanphong.text import fold

SMALL = DemoSize(staff=100, assignments=60)
# Every app's part, as registered when the apps were ready (the fixture below leaves them out of most tests).
ALL_PARTS = list(core_demo.DEMO_PARTS)


@pytest.fixture(autouse=True)
def _core_part_only(monkeypatch):
    # The core office alone: the apps' demo parts (a year of documents…) have their own tests, and building
    # them in every core test would multiply the run time by six.
    monkeypatch.setattr("vanphong.core.demo.DEMO_PARTS", [])

EXPECTED = {
    "demo-thuong": (Role.SPECIALIST, C.THUONG),
    "demo-mat": (Role.SPECIALIST, C.MAT),
    "demo-toimat": (Role.SPECIALIST, C.TOI_MAT),
    "demo-tuyetmat": (Role.SPECIALIST, C.TUYET_MAT),
    "demo-vanthu": (Role.CLERK, C.MAT),
    "demo-lanhdao": (Role.OFFICE_LEADER, C.TOI_MAT),
    "demo-admin": (Role.ADMIN, C.MAT),
    "demo-donthu": (Role.PETITIONS_OFFICER, C.MAT),
    "demo-thongtin": (Role.ANALYST, C.MAT),
}


SPECIALISTS = ["demo-thuong", "demo-mat", "demo-toimat", "demo-tuyetmat"]


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> str:
    return run_demo()


def current_titles(person: Person) -> list[str]:
    return [p.title for p in person.titles_on(timezone.localdate())]


def test_it_creates_one_account_per_role_and_clearance(demo):
    for username, (role, clearance) in EXPECTED.items():
        user = User.objects.get(username=username)
        assert user.is_demo
        assert user.clearance == clearance, username
        assert user.has_role(role), username
        assert username in demo
    admin = User.objects.get(username="demo-admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="demo-admin").exists()
    specialists = User.objects.filter(username__in=SPECIALISTS)
    assert {u.person.unit.code for u in specialists} == {"tong-hop"}
    assert "Phó Chánh Văn phòng" in current_titles(User.objects.get(username="demo-lanhdao").person)


def test_some_units_have_a_head_account(demo):
    heads = User.objects.filter(groups__name=Role.UNIT_HEAD.value, username__startswith="demo-lanhdao-")
    assert heads.count() == 3
    for head in heads:
        assert {"Vụ trưởng", "Giám đốc"} & set(current_titles(head.person))


def test_the_demo_password_works_for_every_named_account(demo, settings):
    request = RequestFactory().post("/")
    for spec in NAMED_ACCOUNTS:
        user = authenticate(request=request, username=spec.username, password=settings.VANPHONG_DEMO_PASSWORD)
        assert user is not None and user.username == spec.username
    assert authenticate(request=request, username="demo-mat", password="sai-mat-khau") is None
    assert settings.VANPHONG_DEMO_PASSWORD in demo


def test_every_staff_member_has_a_demo_account_with_the_one_password_hash(demo):
    staff = Person.objects.filter(user__isnull=False)
    assert staff.count() == User.objects.filter(is_demo=True).count() == SIZES["normal"].staff
    assert User.objects.values("password").distinct().count() == 1
    assert User.objects.filter(groups__isnull=True).count() == 0
    usernames = list(User.objects.values_list("username", flat=True))
    assert len(usernames) == len(set(usernames))


def test_it_builds_about_two_hundred_staff_in_about_twenty_units(demo):
    assert 20 <= Unit.objects.count() <= 22
    assert Unit.objects.get(code="van-thu").parent == Unit.objects.get(code="hanh-chinh")
    staff = Person.objects.filter(user__isnull=False).count()
    assert 190 <= staff <= 210
    assert all(Person.objects.filter(unit=u).count() >= 3 for u in Unit.objects.all())


def test_some_people_hold_two_current_titles_and_some_a_past_one(demo):
    people = Person.objects.filter(user__isnull=False).prefetch_related("positions")
    assert sum(1 for p in people if len(current_titles(p)) >= 2) >= 5
    ended = Position.objects.filter(valid_to__isnull=False, person__user__isnull=False)
    assert ended.count() >= 20
    for past in ended[:20]:
        assert past.valid_from is not None and past.valid_from <= past.valid_to


def test_outside_leaders_hold_titles_on_their_provincial_committee(demo):
    secretaries = Position.objects.filter(title__in=["Bí thư Tỉnh ủy", "Bí thư Thành ủy"],
                                          valid_to__isnull=True)
    assert secretaries.count() >= 10
    for position in secretaries:
        assert position.body is not None and position.body.place == position.place
        assert position.person.unit is None and not hasattr(position.person, "user")
    hanoi = secretaries.get(place__key="ha noi")
    assert hanoi.title == "Bí thư Thành ủy" and hanoi.body.name == "Thành ủy Hà Nội"
    merged = Position.objects.filter(place__valid_to__isnull=False)
    assert merged.exists() and all(p.valid_to is not None for p in merged)


def test_it_reuses_the_bodies_and_places_from_the_migrations(db):
    before = (Body.objects.count(), Place.objects.count())
    build_demo(SMALL)
    assert (Body.objects.count(), Place.objects.count()) == before


def test_no_generated_name_is_a_real_leaders_name(demo):
    denied = {fold(n) for n in json.loads((DATA / "demo_names.json").read_text(encoding="utf-8"))["denylist"]}
    assert not denied & set(Person.objects.values_list("name_key", flat=True))


def test_the_names_are_the_same_every_time():
    maker_a, maker_b = NameMaker(random.Random(7)), NameMaker(random.Random(7))
    names = [maker_a.next() for _ in range(300)]
    assert names == [maker_b.next() for _ in range(300)]
    assert len({fold(name) for name, _gender in names}) == 300


def test_assignments_exist_at_every_level_up_to_the_ceiling(demo, settings):
    assert settings.VANPHONG_MAX_CLASSIFICATION == "TUYET_MAT"
    assert 140 <= Assignment.objects.count() <= 170
    assert set(Assignment.objects.values_list("classification", flat=True)) == set(C)
    for a in Assignment.objects.filter(assignee__isnull=False).select_related("assignee", "created_by"):
        assert a.assignee.clearance >= a.classification <= a.created_by.clearance
        assert a.shared_with_users.filter(pk=a.assignee_id).exists()
    today = timezone.localdate()
    open_ = Assignment.objects.exclude(status=Assignment.Status.DONE)
    assert open_.filter(deadline__lt=today).count() >= 10
    assert Assignment.objects.filter(status=Assignment.Status.DONE, completed_at__isnull=False).count() >= 10
    assert Assignment.objects.filter(assignee__isnull=True, unit__isnull=False).count() >= 10
    assert Assignment.objects.values("urgency").distinct().count() == 4


def test_each_named_specialist_has_work_at_every_level_they_may_see(demo):
    for username in SPECIALISTS:
        user = User.objects.get(username=username)
        levels = set(Assignment.objects.filter(assignee=user).values_list("classification", flat=True))
        assert levels == {c for c in C if c <= user.clearance}, username
    unit_levels = Assignment.objects.filter(unit__code="tong-hop", assignee__isnull=True)
    assert set(unit_levels.values_list("classification", flat=True)) == set(C)


def test_it_creates_nothing_above_a_lower_ceiling(db, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "MAT"
    out = run_demo()
    levels = set(Assignment.objects.values_list("classification", flat=True))
    assert levels == {C.THUONG, C.MAT}
    assert "chỉ được lưu đến độ Mật" in out
    # People may still be cleared above what this installation may store.
    assert User.objects.get(username="demo-tuyetmat").clearance == C.TUYET_MAT


def test_running_it_twice_does_not_duplicate(demo):
    counts = (Unit.objects.count(), Person.objects.count(), User.objects.count(), Assignment.objects.count(),
              AuditEvent.objects.count())
    out = run_demo()
    assert "đã có văn phòng trình diễn" in out
    with pytest.raises(DemoExists):
        build_demo()
    assert counts == (Unit.objects.count(), Person.objects.count(), User.objects.count(),
                      Assignment.objects.count(), AuditEvent.objects.count())


def test_if_empty_skips_quietly_when_the_office_exists(demo):
    users = User.objects.count()
    assert run_demo("--if-empty") == ""
    assert User.objects.count() == users


def test_it_refuses_to_build_over_an_existing_office(db):
    Unit.objects.create(name="Vụ Thật", code="vu-that")
    assert "cơ sở dữ liệu trống" in run_demo()
    assert not User.objects.exists()


def test_it_refuses_without_a_demo_password(db, settings):
    settings.VANPHONG_DEMO_PASSWORD = ""
    with pytest.raises(DemoRefused, match="VANPHONG_DEMO_PASSWORD"):
        build_demo(SMALL)
    assert not Unit.objects.exists()


def test_a_failure_leaves_no_half_made_office(db, monkeypatch):
    def broken(self) -> None:
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr("vanphong.core.demo._Builder._assignments", broken)
    with pytest.raises(RuntimeError):
        build_demo(SMALL)
    assert not Unit.objects.exists() and not User.objects.exists() and not AuditEvent.objects.exists()


def test_the_audit_chain_verifies_after_the_demo(demo):
    assert list(verify_chain()) == []
    assert AuditEvent.objects.filter(event_type="demo.office_created").count() == 1
    created = AuditEvent.objects.filter(event_type="followup.assignment_created").count()
    assert created == Assignment.objects.count()
    assert AuditEvent.objects.filter(event_type="followup.assignment_status").exists()


def test_bulk_volume_is_spread_over_people_and_levels_under_one_audit_event(db, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "TOI_MAT"
    report = build_demo(DemoSize(staff=120, assignments=40, bulk_assignments=3000))
    assert report.bulk_assignments == 3000
    assert Assignment.objects.count() == 3000 + sum(report.assignments.values())
    assert set(Assignment.objects.values_list("classification", flat=True)) == {C.THUONG, C.MAT, C.TOI_MAT}
    assert AuditEvent.objects.filter(event_type="demo.bulk_created").count() == 1
    assert AuditEvent.objects.filter(event_type="followup.assignment_created").count() < 100
    given = Assignment.objects.filter(assignee__isnull=False)
    assert given.values("assignee").distinct().count() > 50
    # The access list holds whoever the work is given to, exactly as the service would have made it.
    link = Assignment.shared_with_users.through
    assert link.objects.count() == given.count()
    on_list = Exists(link.objects.filter(assignment_id=OuterRef("pk"), user_id=OuterRef("assignee_id")))
    assert not given.filter(~on_list).exists()
    assert Assignment.shared_with_units.through.objects.count() >= Assignment.objects.count()
    assert all(a.title_key == fold(a.title) for a in Assignment.objects.all()[:200])
    assert list(verify_chain()) == []


def test_roles_come_from_the_groups_the_migrations_made(demo):
    assert set(Group.objects.values_list("name", flat=True)) == set(Role.values)


def test_the_whole_demo_follows_its_decisions_as_of_today(db, monkeypatch):
    """The demo with every app's part: the decisions' tasks read true on the day it is built."""
    from vanphong.followup.queries import overdue_q

    monkeypatch.setattr("vanphong.core.demo.DEMO_PARTS", ALL_PARTS)
    report = build_demo()
    today = timezone.localdate()
    tasks = Assignment.objects.filter(decision__isnull=False, parent__isnull=True)
    n = tasks.count()
    assert n >= 200 and report.parts["followup"]["tasks"] == n
    overdue = tasks.filter(overdue_q(today)).count()
    done = tasks.filter(status=Assignment.Status.DONE).count()
    assert 0.08 * n <= overdue <= 0.2 * n, (overdue, n)  # a minority overdue
    assert 0.1 * n <= done <= 0.35 * n, (done, n)  # some done
    assert n - overdue - done >= 0.45 * n  # most under way and on time
    assert tasks.filter(children__isnull=False).distinct().count() >= 5  # weighted sub-task trees
    assert tasks.filter(milestones__isnull=False).distinct().count() >= 10
    assert not tasks.filter(deadline__lt=models.F("decision__issued_on")).exists()
    assert list(verify_chain()) == []
