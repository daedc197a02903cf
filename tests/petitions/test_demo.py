"""The petitions part of the demo: two years of letters, every kind, repeat writers, some overdue; quick."""

from __future__ import annotations

import random
import time
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import make_unit
from vanphong.core.demo import NameMaker
from vanphong.petitions import demo, inbox
from vanphong.petitions.models import Kind, Petition, PetitionCase, ReceptionDay, ReceptionVisitor, Submission
from vanphong.petitions.queries import overdue_q
from vanphong.petitions.services import Intake

pytestmark = pytest.mark.django_db


def test_the_demo_letters_cover_every_kind_repeat_writers_and_overdue_cases(officer, heads):
    unit = make_unit("Vụ Tiếp dân và Xử lý đơn thư", "tiep-dan-don-thu")
    ctx = SimpleNamespace(seed=2026, today=timezone.localdate(), units={"tiep-dan-don-thu": unit},
                          by_unit={"tiep-dan-don-thu": [SimpleNamespace(account=officer),
                                                         SimpleNamespace(account=heads[0])]},
                          names=NameMaker(random.Random(1)), report=SimpleNamespace(parts={}), say=lambda s: None)
    started = time.perf_counter()
    demo.build(ctx)
    took = time.perf_counter() - started
    part = ctx.report.parts["petitions"]
    assert Petition.objects.count() == demo.LETTERS + part["follow_up_letters"] == part["letters"]
    assert set(PetitionCase.objects.values_list("kind", flat=True)) >= set(Kind.values)
    assert PetitionCase.objects.count() < Petition.objects.count()  # repeats joined their case
    assert PetitionCase.objects.filter(overdue_q()).exists()
    assert Petition.objects.filter(protected=True).exists() and Petition.objects.filter(anonymous=True).exists()
    days = Petition.objects.values_list("received_on", flat=True)
    assert (max(days) - min(days)).days > 365
    statuses = set(PetitionCase.objects.values_list("status", flat=True))
    assert {"thu_ly", "da_giai_quyet", "chuyen_don", "tiep_nhan"} <= statuses
    assert {"khong_thu_ly", "ket_thuc", "da_tra_loi", "gia_han"} <= statuses
    assert part["repeats_not_grouped"] > 0  # some repeats wait for someone to find them
    # Reception: days of each committee, people received (some protected), approved minutes, follow-up letters.
    assert part["receptions"] >= 60 and part["received_people"] > 20 and part["follow_up_letters"] > 0
    assert ReceptionVisitor.objects.filter(protected=True).exists()
    assert ReceptionDay.objects.filter(minutes_approved_at__isnull=False).exists()
    assert Petition.objects.filter(channel="tiep_dan", reception_visitor__isnull=False).count() == \
        part["follow_up_letters"]
    # Steps are dated as they happened: the reports' timeliness has cases resolved on time and late.
    from vanphong.petitions import reports

    year = reports.build(officer, reports.period("nam", ctx.today.year - 1, closing_day=0))
    assert year.timeliness_of(reports.T.ON_TIME) > 0 and year.timeliness_of(reports.T.LATE) > 0
    assert part["reminders"] > 0  # the late cases' holders were reminded
    # The queue: online letters and e-mails waiting, one of them an e-mail from a writer already on the register.
    channels = sorted(Submission.objects.filter(status="cho").values_list("channel", flat=True))
    assert part["waiting"] == 4 and channels == ["cong_thong_tin"] * 2 + ["thu_dien_tu"] * 2
    last = Submission.objects.order_by("pk").last()  # the known writer's e-mail, imported last
    draft = inbox.draft_of(last)
    repeat = inbox.check_register_submission(officer, last.pk, last.version, Intake(
        channel="", content=draft.content, title=draft.title, senders=draft.sender_rows()))
    # Registering the known writer's e-mail offers the earlier cases of the same matter (counted: this officer is
    # not in the demo's unit, so sees how many, not which).
    assert any("có thể trùng" in n for n in repeat.notices)
    assert took < 30, f"the petitions demo took {took:.1f} s"
