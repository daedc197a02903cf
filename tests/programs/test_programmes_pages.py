"""Programme pages: creating a programme, carrying it down with chosen items, adding items with co-operating
bodies, the adjustments shown in words, 404 for what a person may not see, and a page that does not grow in
queries with its items."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programs.office_part import programme
from vanphong.core.models import Body, Term
from vanphong.programs import services
from vanphong.programs.models.programme import ProgramAdjustment, ProgramItem, WorkProgram

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _leads() -> list[Body]:
    return list(Body.objects.exclude(kind=Body.Kind.LEADERSHIP).order_by("pk")[:3])


def _bct() -> Body:
    return Body.objects.get(short_name="BCT", kind=Body.Kind.LEADERSHIP)


def _term() -> Term:
    return Term.objects.get(number=14)


def _item(office, program, title="Đề án về phát triển khoa học", start=date(2026, 4, 1), end=date(2026, 5, 15),
          **kw):
    return services.check_create_item(office.leader, program, title=title, kind="de_an",
                                      lead_body_id=_leads()[0].pk, planned_start=start, planned_end=end, **kw)


# --- creating a programme -----------------------------------------------------------------------------------


def test_a_leader_creates_a_quarter_programme_whose_dates_and_title_follow_the_period(office):
    c = _client(office.leader)
    r = c.post(reverse("programs:program_new"), {"body": _bct().pk, "term": _term().pk, "period": "quy",
                                                 "year": "2026", "number": "2", "title": ""})
    assert r.status_code == 302, r.content.decode()[:3000]
    p = WorkProgram.objects.get(period="quy", year=2026, number=2, body=_bct())
    assert (p.start, p.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert p.title == "Chương trình công tác quý II năm 2026 của Bộ Chính trị"
    assert r["Location"] == p.get_absolute_url()


def test_a_week_programme_runs_monday_to_sunday(office):
    p = services.check_create_program(office.leader, body_id=_bct().pk, term_id=_term().pk, period="tuan",
                                      year=2026, number=20)
    assert (p.start, p.end) == (date(2026, 5, 11), date(2026, 5, 17))
    assert p.start.weekday() == 0 and "tuần 20 năm 2026 (11/05–17/05/2026)" in p.title


def test_a_term_programme_runs_from_the_term_s_start_for_five_years_while_its_end_is_unknown(office):
    p = services.check_create_program(office.leader, body_id=_bct().pk, term_id=_term().pk, period="nhiem_ky",
                                      year=2026, number=3)
    assert (p.start, p.end, p.year, p.number) == (date(2026, 1, 24), date(2031, 1, 23), None, 0)
    assert p.title == "Chương trình công tác toàn khóa (Khóa XIV) của Bộ Chính trị"
    with pytest.raises(services.ServiceError, match="Đã có"):
        services.check_create_program(office.leader, body_id=_bct().pk, term_id=_term().pk, period="nhiem_ky",
                                      year=None, number=0)


@pytest.mark.parametrize(("period", "year", "number", "field", "words"), [
    ("quy", 2026, 5, "number", "Quý phải từ 1 đến 4"),
    ("thang", 2026, 13, "number", "Tháng phải từ 1 đến 12"),
    ("tuan", 2027, 53, "number", "Năm 2027 có 52 tuần"),
    ("nam", None, 0, "year", "Hãy nhập năm"),
    ("nam", 2019, 0, "year", "nằm ngoài Khóa XIV"),
])
def test_bad_periods_are_refused_with_what_to_fix_and_nothing_saved(office, period, year, number, field, words):
    before = WorkProgram.objects.count()
    r = _client(office.leader).post(reverse("programs:program_new"), {
        "body": _bct().pk, "term": _term().pk, "period": period, "year": year or "", "number": number})
    assert r.status_code == 400
    assert words in r.content.decode()
    assert WorkProgram.objects.count() == before
    with pytest.raises(services.ServiceError) as e:
        services.check_create_program(office.leader, body_id=_bct().pk, term_id=_term().pk, period=period,
                                      year=year, number=number)
    assert e.value.field == field


def test_a_second_programme_of_the_same_period_is_refused(office):
    programme(office)  # the year 2026 of BCT
    with pytest.raises(services.ServiceError, match="Đã có «Chương trình công tác năm 2026 của Bộ Chính trị»"):
        services.check_create_program(office.leader, body_id=_bct().pk, term_id=_term().pk, period="nam",
                                      year=2026, number=0)


def test_a_programme_is_only_for_a_leadership_body(office):
    with pytest.raises(services.ServiceError, match="cơ quan lãnh đạo"):
        services.check_create_program(office.leader, body_id=_leads()[0].pk, term_id=_term().pk, period="nam",
                                      year=2027, number=0)


# --- carrying down -----------------------------------------------------------------------------------------


def test_the_carry_down_page_offers_the_quarters_and_ticks_the_items_due_in_the_chosen_one(office):
    year = programme(office)
    may = _item(office, year, "Đề án tháng Năm", date(2026, 4, 1), date(2026, 5, 15))
    august = _item(office, year, "Báo cáo tháng Tám", date(2026, 7, 1), date(2026, 8, 30))
    page = _client(office.leader).get(reverse("programs:program_carry", args=[year.pk]) + "?ky=2")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lập chương trình quý II năm 2026" in html and "Quý IV năm 2026" in html
    assert f'value="{may.pk}" checked' in html
    assert f'value="{august.pk}">' in html  # offered, not ticked


def test_carrying_down_copies_only_the_chosen_items_with_their_source_and_narrowed_dates(office):
    year = programme(office)
    _lead, co1, co2 = _leads()
    chosen = _item(office, year, "Đề án được chọn", date(2026, 2, 1), date(2026, 8, 30),
                   co_body_ids=[co1.pk, co2.pk])
    left = _item(office, year, "Đề án không chọn", date(2026, 4, 1), date(2026, 5, 1))
    r = _client(office.leader).post(reverse("programs:program_carry", args=[year.pk]), {
        "number": "2", "items": [chosen.pk], "version": year.version + 2})  # two items added since
    assert r.status_code == 302, r.content.decode()[:2000]
    quarter = WorkProgram.objects.get(parent=year, period="quy", number=2)
    copies = list(quarter.items.all())
    assert [c.source_id for c in copies] == [chosen.pk]
    assert (copies[0].planned_start, copies[0].planned_end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert set(copies[0].co_bodies.all()) == {co1, co2}
    assert not ProgramItem.objects.filter(source=left).exists()
    # The copy's page links back to the item it came from.
    page = _client(office.leader).get(copies[0].get_absolute_url()).content.decode()
    assert reverse("programs:item", args=[chosen.pk]) in page


def test_carrying_down_an_item_outside_the_period_saves_nothing(office):
    year = programme(office)
    inside = _item(office, year, "Trong kỳ", date(2026, 4, 1), date(2026, 5, 1))
    outside = _item(office, year, "Ngoài kỳ", date(2026, 9, 1), date(2026, 10, 1))
    year.refresh_from_db()
    with pytest.raises(services.ServiceError, match="«Ngoài kỳ»"):
        services.check_carry_down(office.leader, year, number=2, item_ids=[inside.pk, outside.pk],
                                  expected_version=year.version)
    assert not WorkProgram.objects.filter(parent=year).exists()
    assert ProgramItem.objects.filter(source__isnull=False).count() == 0


def test_carrying_down_from_a_stale_page_is_a_conflict(office):
    year = programme(office)
    seen = year.version
    _item(office, year, expected_version=seen)  # someone adds an item after the page was opened
    r = _client(office.leader).post(reverse("programs:program_carry", args=[year.pk]),
                                    {"number": "2", "items": [], "version": seen})
    assert r.status_code == 400 and "người khác thay đổi" in r.content.decode()
    assert not WorkProgram.objects.filter(parent=year).exists()


def test_a_hidden_item_cannot_be_carried_down_and_is_not_named(office):
    year = programme(office)
    hidden = office.cycle["cycitemtoimat"]  # shared with tuyetmat only; the unit head below cannot see it
    from tests.programs.appraisal_office_part import unit_head
    from vanphong.security.classification import Classification

    head = unit_head(office, unit=office.other_unit)
    head.clearance = Classification.MAT
    head.save()
    page = _client(head).get(reverse("programs:program_carry", args=[year.pk])).content.decode()
    assert hidden.title not in page
    with pytest.raises(services.ServiceError) as e:
        services.check_carry_down(head, year, number=2, item_ids=[hidden.pk], expected_version=year.version)
    assert hidden.title not in e.value.message
    assert not WorkProgram.objects.filter(parent=year).exists()


def test_a_week_is_carried_down_from_the_month_holding_its_thursday(office):
    year = programme(office)
    quarter = services.check_carry_down(office.leader, year, number=4, item_ids=[], expected_version=year.version)
    month = services.check_carry_down(office.leader, quarter, number=12, item_ids=[])
    from vanphong.programs.periods import narrower_choices

    weeks = [c.number for c in narrower_choices(month)]
    assert weeks == [49, 50, 51, 52, 53]  # 53 runs 28/12/2026–03/01/2027, its Thursday is 31/12
    week = services.check_carry_down(office.leader, month, number=53, item_ids=[])
    assert (week.start, week.end) == (date(2026, 12, 28), date(2027, 1, 3))
    with pytest.raises(services.ServiceError):
        services.check_carry_down(office.leader, month, number=48, item_ids=[])


# --- items, adjustments ------------------------------------------------------------------------------------


def test_the_add_item_form_takes_several_co_operating_bodies(office):
    program = programme(office)
    lead, co1, co2 = _leads()
    r = _client(office.leader).post(program.get_absolute_url(), {
        "title": "Đề án phối hợp nhiều cơ quan", "kind": "de_an", "lead_body": lead.pk, "co_bodies": [co1.pk, co2.pk],
        "planned_start": "2026-03-01", "planned_end": "2026-04-30", "classification": "0",
        "office_unit": office.unit.pk, "version": program.version})
    assert r.status_code == 302, r.content.decode()[:3000]
    item = ProgramItem.objects.get(title="Đề án phối hợp nhiều cơ quan")
    assert set(item.co_bodies.all()) == {co1, co2} and item.office_unit == office.unit
    html = _client(office.thuong).get(program.get_absolute_url()).content.decode()
    assert f"{co1.name}; {co2.name}" in html or f"{co2.name}; {co1.name}" in html


def test_a_bad_item_comes_back_with_the_error_and_what_was_typed(office):
    program = programme(office)
    lead = _leads()[0]
    r = _client(office.leader).post(program.get_absolute_url(), {
        "title": "Đề án gõ sai ngày", "kind": "de_an", "lead_body": lead.pk, "planned_start": "2026-05-01",
        "planned_end": "2026-04-01", "classification": "0", "version": program.version})
    html = r.content.decode()
    assert r.status_code == 400 and "trước ngày bắt đầu" in html and 'value="Đề án gõ sai ngày"' in html
    assert not ProgramItem.objects.filter(title="Đề án gõ sai ngày").exists()


def test_the_lead_body_is_not_also_a_co_operating_body(office):
    program = programme(office)
    lead = _leads()[0]
    with pytest.raises(services.ServiceError, match="không đồng thời"):
        _item(office, program, co_body_ids=[lead.pk])


def test_the_programme_page_says_who_adjusted_what(office):
    program = programme(office)
    item = _item(office, program)
    program = services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    services.check_adjust_item(office.leader, item.pk, kind="chuyen_ky", reason="Chưa đủ điều kiện trình",
                               decided_by="Thường trực Ban Bí thư", expected_version=item.version,
                               planned_start=date(2026, 9, 1), planned_end=date(2026, 10, 30))
    html = _client(office.thuong).get(program.get_absolute_url()).content.decode()
    assert "Dự kiến trình: 15/05/2026 → 30/10/2026" in html
    assert "Thường trực Ban Bí thư" in html and "Chưa đủ điều kiện trình" in html
    assert office.leader.display_name in html
    assert ProgramAdjustment.objects.filter(item=item).count() == 1


def test_an_adjustment_through_the_item_page_with_a_stale_version_changes_nothing(office):
    program = programme(office)
    item = _item(office, program)
    services.do_approve_program(office.leader, WorkProgram.objects.get(pk=program.pk))
    c = _client(office.leader)
    data = {"kind": "rut", "reason": "Lồng ghép vào đề án khác", "decided_by": "Bộ Chính trị"}
    assert c.post(item.get_absolute_url(), {**data, "version": item.version}).status_code == 302
    stale = c.post(item.get_absolute_url(), {**data, "kind": "dieu_chinh", "version": item.version})
    assert stale.status_code == 400 and "người khác thay đổi" in stale.content.decode()
    assert ProgramAdjustment.objects.filter(item=item).count() == 1


# --- access ---------------------------------------------------------------------------------------------


def test_every_programme_route_answers_404_for_a_programme_that_is_not_there(office):
    c = _client(office.leader)
    for name in ("program", "program_approve", "program_carry"):
        assert c.get(reverse(f"programs:{name}", args=[987654321])).status_code in (404, 405)
        assert c.post(reverse(f"programs:{name}", args=[987654321]), {"version": "1"}).status_code == 404
    assert c.get("/chuong-trinh/999999999999999999/").status_code == 404


def test_a_hidden_item_is_404_for_reading_and_for_adjusting(office):
    hidden = office.cycle["cycitemmat"]
    c = _client(office.outsider)  # cleared for Tuyệt mật, but not on the item's list
    assert c.get(hidden.get_absolute_url()).status_code == 404
    r = c.post(hidden.get_absolute_url(), {"kind": "rut", "reason": "x", "decided_by": "y", "version": "1"})
    assert r.status_code == 404
    assert ProgramItem.objects.get(pk=hidden.pk).status == ProgramItem.Status.PLANNED


# --- speed -------------------------------------------------------------------------------------------------


def _bulk(office, program, n: int, start: int = 0) -> None:
    leads = _leads()
    items = ProgramItem.objects.bulk_create([
        ProgramItem(program=program, title=f"Đề án {start + k}", title_key=f"de an {start + k}", lead_body=leads[0],
                    planned_start=date(2026, 1, 1), planned_end=date(2026, 1, 1) + timedelta(days=(k * 7) % 360),
                    classification=k % 3, created_by=office.leader) for k in range(n)])
    through = ProgramItem.co_bodies.through
    through.objects.bulk_create([through(programitem_id=i.pk, body_id=leads[1].pk) for i in items])
    shared = ProgramItem.shared_with_units.through
    shared.objects.bulk_create([shared(programitem_id=i.pk, unit_id=office.unit.pk) for i in items])


def test_the_programme_page_takes_as_many_queries_for_200_items_as_for_20(office):
    program = programme(office)
    c = _client(office.toimat)  # through the access list of the unit: the policy's per-record rules run
    _bulk(office, program, 20)
    c.get(program.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        assert c.get(program.get_absolute_url()).status_code == 200
    _bulk(office, program, 180, start=20)
    with CaptureQueriesContext(connection) as many:
        r = c.get(program.get_absolute_url())
    assert r.status_code == 200 and "Đề án 199" in r.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries), [q["sql"] for q in many.captured_queries]


def test_the_rows_of_the_programme_escape_what_people_typed(office):
    program = programme(office)
    lead = _leads()[0]
    _item(office, program, title='Đề án <script>alert("x")</script> & "ngoặc"')
    Body.objects.filter(pk=lead.pk).update(name="Ban <b>in đậm</b>")
    html = _client(office.thuong).get(program.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<b>in đậm</b>" not in html
    assert "Đề án &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;ngoặc&quot;" in html
    assert "Ban &lt;b&gt;in đậm&lt;/b&gt;" in html
