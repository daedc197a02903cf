"""The follow-up's part of the test office: per level, a decision's task given to a province by the leader, with
a progress report, shared with the tuyetmat specialist; the marker in the title and in the report's note."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import LEVELS, Office, marker
from tests.followup.helpers import issued_conclusion, provinces
from vanphong.followup.decisions import do_assign_point
from vanphong.followup.models import ProgressReport, ProgressStatus


def add(office: Office) -> None:
    leader = office.users["leader"]
    body = provinces(1)[0]
    soon = timezone.localdate() + timedelta(days=5)
    for n, (key, level) in enumerate(LEVELS.items(), start=1):
        doc = issued_conclusion(leader, classification=level, number=900 + n,
                                issued_on=timezone.localdate() - timedelta(days=30))
        doc.shared_with_users.add(office.users["tuyetmat"])
        a = do_assign_point(leader, doc, "muc-II/diem-1", body, soon, f"Nhiệm vụ cycasg{key} {marker('cycasg' + key)}",
                            "", office.unit, 0)
        a.shared_with_users.add(office.users["tuyetmat"])
        ProgressReport.objects.create(assignment=a, status=ProgressStatus.STARTED, percent=30,
                                      note=f"Đang làm {marker('cycasg' + key)}", reported_by=leader,
                                      reported_on=timezone.localdate())
        office.cycle["cycasg" + key] = a
