"""New rights reach the role groups of an installation set up before them; a new database starts with them."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from vanphong.core.roles import DEFAULT_RIGHTS, Role, grant_new_rights

pytestmark = pytest.mark.django_db


def rights_of(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_a_new_database_gives_the_leaders_the_decision_cycle_rights():
    for role in (Role.OFFICE_LEADER, Role.UNIT_HEAD):
        assert {"programs.manage_program", "programs.approve_appraisal", "meetings.organise_meeting"} <= rights_of(role)
    assert "programs.approve_appraisal" not in rights_of(Role.SPECIALIST)


def test_an_older_group_without_the_new_rights_gets_them_and_keeps_the_rest():
    group = Group.objects.get(name=Role.UNIT_HEAD)
    group.permissions.clear()  # as set up before the rights existed (and with its other rights taken away)
    grant_new_rights(apps, {Role.UNIT_HEAD: ["programs.approve_appraisal"],
                            "no-such-group": ["programs.manage_program"]})
    assert rights_of(Role.UNIT_HEAD) == {"programs.approve_appraisal"}
    assert not Group.objects.filter(name="no-such-group").exists()
    assert set(DEFAULT_RIGHTS[Role.UNIT_HEAD]) > rights_of(Role.UNIT_HEAD)
