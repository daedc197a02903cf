"""Import of progress from a spreadsheet: all or nothing per file, every bad row reported."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tests.followup.helpers import issued_conclusion, provinces
from vanphong.core.errors import ServiceError
from vanphong.followup.decisions import check_assign_point
from vanphong.followup.imports import check_import
from vanphong.followup.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(office):
    doc = issued_conclusion(office.leader)
    return check_assign_point(office.leader, decision_id=doc.pk, anchor="muc-II/diem-1",
                              body_ids=[p.pk for p in provinces(2)], deadline=date.today() + timedelta(days=60))


def xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_good_file_applies_every_row(office, tasks):
    a, b = tasks
    content = xlsx([["ma_viec", "tinh_trang", "tien_do", "ghi_chu", "ngay", "co_quan"],
                    [a.pk, "Đang triển khai", None, "Đã ban hành kế hoạch", "01/06/2026", a.body.name],
                    [b.pk, "hoan_thanh", 100, "", None, None]])
    result = check_import(office.leader, "tien-do.xlsx", content)
    assert result.ok and result.applied == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.percent == 30 and b.percent == 100
    assert ProgressReport.objects.get(assignment=a).reported_on == date(2026, 6, 1)


def test_wrong_columns_refuse_the_whole_file_naming_the_expected_ones(office, tasks):
    with pytest.raises(ServiceError) as e:
        check_import(office.leader, "sai.xlsx", xlsx([["id", "trang thai"], [tasks[0].pk, "hoan_thanh"]]))
    assert "ma_viec" in e.value.message and "tinh_trang" in e.value.message
    assert not ProgressReport.objects.filter(assignment__in=tasks).exists()


def test_a_bad_row_changes_nothing_and_every_bad_row_is_reported(office, tasks):
    a, b = tasks
    content = xlsx([["ma_viec", "tinh_trang", "tien_do", "co_quan"],
                    [a.pk, "hoan_thanh", None, None],
                    [b.pk, "dang_trien_khai", 150, None],
                    [b.pk, "dang_trien_khai", None, "Tỉnh ủy Không Có"],
                    [999999, "hoan_thanh", None, None]])
    result = check_import(office.leader, "loi.xlsx", content)
    assert not result.ok and result.applied == 0
    assert [e.row for e in result.errors] == [3, 4, 5]
    assert "0 đến 100" in result.errors[0].reason
    assert "Tỉnh ủy Không Có" in result.errors[1].reason
    assert "999999" in result.errors[2].reason
    # the good first row was not applied either
    a.refresh_from_db()
    assert a.percent == 0
    assert not ProgressReport.objects.filter(assignment__in=tasks).exists()


def test_csv_through_the_page(client, office, tasks):
    a = tasks[0]
    client.force_login(office.leader)
    f = SimpleUploadedFile("t.csv", f"ma_viec,tinh_trang\n{a.pk},co_ban_hoan_thanh\n".encode())
    r = client.post("/viec/nhap-tien-do/", {"file": f})
    assert r.status_code == 200
    a.refresh_from_db()
    assert a.percent == 80


def test_a_task_the_person_may_not_see_is_an_error_row(office, tasks):
    result = check_import(office.outsider, "x.csv", f"ma_viec,tinh_trang\n{tasks[0].pk},hoan_thanh\n".encode())
    assert not result.ok and result.errors[0].row == 2
