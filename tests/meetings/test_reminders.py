"""A meeting near and not prepared: its organisers are reminded once; a classified title never in the notice."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import new_meeting
from vanphong.core.models import Notice
from vanphong.meetings.tasks import due_ids, remind_preparation

pytestmark = pytest.mark.django_db


def test_the_organisers_of_a_near_unprepared_meeting_are_reminded_once(cycle):
    near = new_meeting(cycle, days=2)
    far = new_meeting(cycle, days=20)
    ids = due_ids()
    assert near.pk in ids and far.pk not in ids
    assert remind_preparation.call(ids) == 1
    assert remind_preparation.call(ids) == 0
    notices = Notice.objects.filter(recipient=cycle.colleague)
    assert notices.count() == 1
    # The meeting is Mật: the notice names its kind and time, not its title.
    assert near.title not in notices[0].text and "độ Mật" in notices[0].text
    assert not Notice.objects.filter(recipient=cycle.office.users["outsider"]).exists()
