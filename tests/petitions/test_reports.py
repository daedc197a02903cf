"""Reports: periods (calendar months from 1 January, or closing on a day of the last month), figures against a
hand-counted fixture, the timeliness split, the access policy (each person counts what they may see), and no
identity or summary in the XLSX and PDF files."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import make_user
from tests.petitions.helpers import letter
from vanphong.core.errors import ServiceError
from vanphong.core.models import Place
from vanphong.core.roles import Role
from vanphong.petitions import reports
from vanphong.petitions.models import PetitionCase
from vanphong.petitions.reports import T
from vanphong.security.classification import Classification
from vanphong.workflow.models import Step

pytestmark = pytest.mark.django_db

DENOUNCER = "Trần Văn Tốcáo"
SUMMARY = "Tố cáo ông Chủ tịch xã Zeta nhận hối lộ"


def test_periods_run_from_the_first_of_january_or_close_on_the_chosen_day():
    p = reports.period("6thang", 2025, closing_day=0)
    assert (p.start, p.end) == (date(2025, 1, 1), date(2025, 6, 30)) and "01/01" in p.basis
    p = reports.period("nam", 2025, closing_day=14)
    assert (p.start, p.end) == (date(2024, 12, 15), date(2025, 12, 14)) and "chốt số liệu ngày 14" in p.basis
    p = reports.period("thang", 2025, 3, closing_day=14)
    assert (p.start, p.end) == (date(2025, 2, 15), date(2025, 3, 14))
    assert reports.period("thang", 2024, 2, closing_day=0).end == date(2024, 2, 29)
    assert reports.period("quy1", 2025, closing_day=0).end == date(2025, 3, 31)
    assert reports.period("9thang", 2025, closing_day=0).end == date(2025, 9, 30)
    for bad in ({"kind": "quy7"}, {"kind": "thang", "month": 13}, {"kind": "nam", "closing_day": 31}):
        with pytest.raises(ServiceError):
            reports.period(bad["kind"], 2025, bad.get("month"), bad.get("closing_day", 0))


def test_the_closing_day_defaults_to_the_setting(settings):
    settings.PETITIONS_REPORT_CLOSING_DAY = 15
    assert reports.period("nam", 2025).end == date(2025, 12, 15)


@pytest.mark.parametrize(("deadline", "left", "as_of", "expected"), [
    (date(2025, 3, 20), date(2025, 3, 20), date(2025, 6, 30), T.ON_TIME),  # on the day itself: on time
    (date(2025, 3, 20), date(2025, 3, 21), date(2025, 6, 30), T.LATE),
    (date(2025, 3, 20), None, date(2025, 6, 30), T.OVERDUE),
    (date(2025, 3, 20), None, date(2025, 3, 20), T.IN_TIME),  # due today: not yet overdue
    (date(2025, 3, 20), date(2025, 7, 1), date(2025, 6, 30), T.OVERDUE),  # resolved after the report's day
    (None, None, date(2025, 6, 30), T.NO_DEADLINE),
])
def test_timeliness_buckets(deadline, left, as_of, expected):
    assert reports.bucket(deadline, left, as_of) == expected


def _case(actor, received: date, kind: str, field: str, place: str, deadline: date | None, *,
          left: date | None = None, status: str = "", **kw) -> PetitionCase:
    name = kw.pop("name", "Nguyễn Văn An")
    done = letter(actor, received_on=received, name=name, **kw)
    case = done.case
    PetitionCase.objects.filter(pk=case.pk).update(
        kind=kind, field=field, locality=Place.objects.get(short_name=place, valid_to__isnull=True),
        deadline=deadline, status=status or (PetitionCase.Status.RESOLVED if left else PetitionCase.Status.ACCEPTED))
    if left is not None:
        step = Step.objects.create(machine="petitions.case", record_id=case.pk, transition="resolve", source="thu_ly",
                                   target="da_giai_quyet", actor=actor)
        at = timezone.make_aware(datetime.combine(left, time(10)))
        Step.objects.filter(pk=step.pk).update(at=at)
    return case


@pytest.fixture
def fixture_cases(officer):
    """Eight cases counted by hand (see each line); the reader is another officer."""
    o = officer
    return {
        "A": _case(o, date(2025, 2, 10), "khieu_nai", "dat_dai", "Hải Phòng", date(2025, 3, 20),
                   left=date(2025, 3, 15)),
        "B": _case(o, date(2025, 3, 5), "to_cao", "dang", "Hà Nội", date(2025, 4, 10), left=date(2025, 4, 20),
                   name=DENOUNCER, protect=True, title=SUMMARY,
                   content=f"Tôi là {DENOUNCER}. {SUMMARY}."),
        "C": _case(o, date(2025, 5, 1), "kien_nghi", "chinh_sach", "Hải Phòng", date(2025, 5, 20)),
        "D": _case(o, date(2025, 6, 25), "phan_anh", "hanh_chinh", "Huế", date(2025, 7, 15)),
        # Carried over from 2024, resolved late in February.
        "E": _case(o, date(2024, 12, 1), "khieu_nai", "dat_dai", "Hà Nội", date(2025, 1, 10), left=date(2025, 2, 1)),
        # Closed before 2025: in no 2025 report.
        "F": _case(o, date(2024, 11, 1), "khieu_nai", "dat_dai", "Hà Nội", date(2024, 12, 20), left=date(2024, 12, 15)),
        "G": _case(o, date(2025, 8, 1), "kien_nghi", "khac", "Huế", date(2025, 8, 30)),
        # Mật, not shared: only its creator (the officer) counts it.
        "H": _case(o, date(2025, 4, 1), "to_cao", "dang", "Huế", date(2025, 4, 30),
                   classification=Classification.MAT),
    }


@pytest.fixture
def reader(db):
    return make_user("nguoi-doc-bao-cao", clearance=Classification.MAT, roles=(Role.PETITIONS_OFFICER,))


def test_the_six_month_report_matches_the_hand_count(fixture_cases, reader):
    r = reports.build(reader, reports.period("6thang", 2025, closing_day=0))
    assert r.as_of == date(2025, 6, 30)
    assert (r.cases_new, r.cases_carried, r.letters) == (4, 1, 4)  # A B C D new, E carried; F closed, G after
    assert dict(r.timeliness) == {T.ON_TIME: 1, T.LATE: 2, T.OVERDUE: 1, T.IN_TIME: 1, T.NO_DEADLINE: 0}
    kinds = {x.label: (x.total, x.new, x.carried) for x in r.by_kind}
    assert kinds["Khiếu nại"] == (2, 1, 1) and kinds["Tố cáo"] == (1, 1, 0) and kinds["Kiến nghị"] == (1, 1, 0)
    places = {x.label: x.total for x in r.by_locality}
    assert places == {"Hải Phòng": 2, "Hà Nội": 2, "Huế": 1}
    statuses = {x.label: x.total for x in r.by_status if x.total}
    assert statuses == {"Đã giải quyết": 3, "Đã thụ lý giải quyết": 2}
    per_kind = dict(r.kind_timeliness)
    assert per_kind["Khiếu nại"] == [1, 1, 0, 0, 0]  # A on time, E late


def test_the_year_and_a_closing_day_change_the_counts_as_expected(fixture_cases, reader):
    year = reports.build(reader, reports.period("nam", 2025, closing_day=0))
    assert (year.cases_new, year.cases_carried) == (5, 1)  # G joins
    assert dict(year.timeliness)[T.OVERDUE] == 3  # C, D and G: open past their deadlines at 31/12
    q1 = reports.build(reader, reports.period("quy1", 2025, closing_day=14))  # 15/12/2024 – 14/3/2025
    # A B new; E carried, and F too: it was resolved on 15/12/2024, the period's first day, so open when it began.
    assert (q1.cases_new, q1.cases_carried) == (2, 2)
    # F on time (15/12, due 20/12), E late; A (resolved 15/3) and B were still open, within their deadlines, on 14/3.
    assert dict(q1.timeliness) == {T.ON_TIME: 1, T.LATE: 1, T.OVERDUE: 0, T.IN_TIME: 2, T.NO_DEADLINE: 0}


def test_each_person_counts_only_what_they_may_see(fixture_cases, officer, reader):
    p = reports.period("6thang", 2025, closing_day=0)
    assert reports.build(officer, p).cases_new == 5  # the creator of H counts it
    assert reports.build(reader, p).cases_new == 4
    low = make_user("thuong", clearance=Classification.THUONG, roles=(Role.SPECIALIST,))
    assert reports.build(low, p).cases_new == 4
    client = Client()
    client.force_login(reader)
    assert client.get("/api/v1/petitions/reports?kind=6thang&year=2025&closing_day=0").json()["cases_new"] == 4


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


def _pdf_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def test_the_files_carry_the_figures_and_charts_but_no_identity(fixture_cases, officer):
    r = reports.build(officer, reports.period("6thang", 2025, closing_day=0))
    xlsx = reports.to_xlsx(r, "Người Lập")
    pdf = reports.to_pdf(r, "Người Lập")
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())  # a native Excel chart
        raw = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    x, t = _xlsx_text(xlsx), _pdf_text(pdf)
    for text in (x, t, raw):
        for secret in (DENOUNCER, "Tốcáo", "0912345678", "Lê Lợi", "Zeta"):
            assert secret not in text
    assert "Quá hạn, chưa giải quyết" in x and "Hải Phòng" in x and "01/01/2025" in x
    assert "BÁO CÁO 6 THÁNG 2025" in t and "Hải Phòng" in t and "Giải quyết quá hạn" in t


def test_the_page_shows_the_period_and_downloads(fixture_cases, officer):
    c = Client()
    c.force_login(officer)
    assert c.get("/don-thu/bao-cao/").status_code == 200
    page = c.get("/don-thu/bao-cao/?ky=6thang&nam=2025&thang=1&chot=0").content.decode()
    assert "Báo cáo 6 tháng 2025" in page and "01/01/2025" in page and DENOUNCER not in page
    r = c.get("/don-thu/bao-cao/?ky=6thang&nam=2025&thang=1&chot=0&tai=pdf")
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    r = c.get("/don-thu/bao-cao/?ky=thang&nam=2025&thang=3&chot=14&tai=xlsx")
    assert r.status_code == 200 and "bao-cao-don-thu-thang-2025-03.xlsx" in r["Content-Disposition"]
    assert c.get("/don-thu/bao-cao/?ky=quy9&nam=2025").status_code == 400
