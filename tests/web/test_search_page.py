"""The search page: instant results through htmx, filters, "did you mean", accessible results, no leaks."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import give, marker
from vanphong.core.models import Body, Person, Place, Position
from vanphong.search.query import NO_WORDS_MESSAGE, Hit
from vanphong.search.suggest import did_you_mean
from vanphong.security.classification import Classification

URL = "/tim-kiem/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hit(title: str) -> Hit:
    return Hit(type="assignment", label="Việc", id=1, title=title, title_html=title, snippet="",  # type: ignore[arg-type]
               classification=0, score=1.0, url="/")


def option_labels(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select id="{select_id}".*?</select>', html, re.S)
    assert select is not None, select_id
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


# --- instant results -------------------------------------------------------------------------------------------
def test_an_htmx_request_gets_only_the_results_partial(office):
    give(office.leader, "Tổng kết công tác QHTMXQ", assignee=office.thuong)
    response = signed_in(office.thuong).get(URL, {"q": "qhtmxq"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["web/_search_results.html"]
    assert "<html" not in html and "shell-header" not in html and 'name="q"' not in html
    assert "Tổng kết công tác <mark>QHTMXQ</mark>" in html
    # The count goes into the live region the page keeps, not a new one.
    assert '<div id="kq-trang-thai" hx-swap-oob="innerHTML">' in html and "Tìm thấy 1 kết quả" in html
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_whole_page_comes_with_a_form_that_works_alone(office):
    response = signed_in(office.thuong).get(URL, {"q": "dang"})
    html = response.content.decode()
    assert "<html" in html and '<form class="search-form" action="/tim-kiem/" method="get"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html and 'hx-target="#ket-qua"' in html
    assert 'hx-push-url="true"' in html and 'hx-history="false"' in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page_although_htmx_asks(office):
    response = signed_in(office.thuong).get(URL, {"q": "dang"}, HTTP_HX_REQUEST="true",
                                            HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_results_are_links_in_lists_under_a_polite_live_count(office):
    give(office.leader, "Họp giao ban QLISTQ", assignee=office.thuong)
    html = signed_in(office.thuong).get(URL, {"q": "qlistq"}).content.decode()
    assert '<div id="kq-trang-thai" class="search-status" role="status" aria-live="polite">' in html
    link = r'<ol class="search-hits">\s*<li class="search-hit">\s*<a class="search-hit-link" href="/viec/\d+/">'
    assert re.search(link, html)
    assert 'data-search-input' in html and 'data-search-results' in html


# --- filters ---------------------------------------------------------------------------------------------------
def test_the_unit_and_type_filters_narrow_the_results(office):
    give(office.leader, "Việc của vụ QFILTERQ", unit=office.unit)
    give(office.leader, "Việc của người QFILTERQ", assignee=office.thuong)
    client = signed_in(office.thuong)
    assert client.get(URL, {"q": "qfilterq"}).context["results"].total == 2
    results = client.get(URL, {"q": "qfilterq", "don_vi": office.unit.pk}).context["results"]
    assert [h.title for h in results.hits] == ["Việc của vụ QFILTERQ"]
    assert client.get(URL, {"q": "qfilterq", "loai": "person"}).context["results"].total == 0


def test_the_date_range_narrows_the_results_and_a_reversed_range_is_turned_round(office):
    today = timezone.localdate()
    give(office.leader, "Báo cáo quý QDAYQ", assignee=office.thuong, deadline=today + timedelta(days=5))
    give(office.leader, "Báo cáo năm QDAYQ", assignee=office.thuong, deadline=today + timedelta(days=60))
    client = signed_in(office.thuong)
    later = (today + timedelta(days=30)).isoformat()
    results = client.get(URL, {"q": "qdayq", "tu_ngay": later}).context["results"]
    assert [h.title for h in results.hits] == ["Báo cáo năm QDAYQ"]
    response = client.get(URL, {"q": "qdayq", "tu_ngay": later, "den_ngay": today.isoformat()})
    assert [h.title for h in response.context["results"].hits] == ["Báo cáo quý QDAYQ"]
    assert "đã đổi chỗ hai ngày" in response.content.decode()


def test_the_body_and_place_filters_narrow_the_results(office):
    body = Body.objects.get(name="Thành ủy Đà Nẵng")
    place = Place.objects.get(short_name="Đà Nẵng", valid_to__isnull=True)
    person = Person.objects.create(full_name="Nguyễn Văn Bí Thư")
    Position.objects.create(person=person, title="Bí thư Thành ủy", body=body, place=place)
    client = signed_in(office.thuong)
    assert client.get(URL, {"q": "nguyen van"}).context["results"].total > 1
    for name, value in (("co_quan", body.pk), ("dia_ban", place.pk)):
        results = client.get(URL, {"q": "nguyen van", "loai": "person", name: value}).context["results"]
        assert [h.title for h in results.hits] == ["Nguyễn Văn Bí Thư"], name


def test_the_classification_filter_keeps_one_level(office):
    results = signed_in(office.tuyetmat).get(URL, {"q": "leakmark", "do_mat": "1"}).context["results"]
    assert [h.classification_name for h in results.hits] == ["MAT"]


def test_the_classification_select_offers_only_levels_up_to_the_clearance(office):
    html = signed_in(office.mat).get(URL, {"q": "viec"}).content.decode()
    assert option_labels(html, "do-mat") == ["Tất cả", "Thường", "Mật"]
    html = signed_in(office.toimat).get(URL).content.decode()
    assert option_labels(html, "do-mat") == ["Tất cả", "Thường", "Mật", "Tối mật"]
    # With a single level there is nothing to choose.
    assert 'id="do-mat"' not in signed_in(office.thuong).get(URL).content.decode()


def test_the_classification_select_stops_at_the_installation_ceiling(office, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "MAT"
    html = signed_in(office.tuyetmat).get(URL).content.decode()
    assert option_labels(html, "do-mat") == ["Tất cả", "Thường", "Mật"]


def test_a_level_above_the_clearance_typed_into_the_address_is_ignored(office):
    client = signed_in(office.mat)
    response = client.get(URL, {"q": "leakmark", "do_mat": "3"})
    assert response.context["chosen"].level is None
    assert response.context["results"].total == client.get(URL, {"q": "leakmark"}).context["results"].total > 0


def test_the_filter_selects_list_units_bodies_and_places_with_the_chosen_one_kept(office):
    place = Place.objects.get(short_name="Đà Nẵng", valid_to__isnull=True)
    html = signed_in(office.thuong).get(URL, {"q": "x", "dia_ban": place.pk}).content.decode()
    assert "Vụ Tổng hợp" in option_labels(html, "don-vi")
    assert "Thành ủy Đà Nẵng" in option_labels(html, "co-quan")
    assert f'<option value="{place.pk}" selected>Đà Nẵng</option>' in html
    assert "Hải Dương (cũ)" in option_labels(html, "dia-ban")
    assert "<details class=\"filters search-filters\" open>" in html


# --- did you mean ----------------------------------------------------------------------------------------------
def test_an_accentless_query_gets_the_accented_form_from_the_titles(office):
    give(office.leader, "Họp Đảng ủy cơ quan quý I", assignee=office.thuong)
    give(office.leader, "Nghị quyết Đảng ủy về công tác cán bộ", assignee=office.thuong)
    html = signed_in(office.thuong).get(URL, {"q": "dang uy", "loai": "assignment"}).content.decode()
    assert "Có phải bạn tìm:" in html
    assert '?q=%C4%91%E1%BA%A3ng+%E1%BB%A7y&amp;loai=assignment" lang="vi">đảng ủy</a>' in html


def test_an_accented_query_gets_no_suggestion(office):
    give(office.leader, "Họp Đảng ủy cơ quan quý I", assignee=office.thuong)
    html = signed_in(office.thuong).get(URL, {"q": "đảng ủy"}).content.decode()
    assert "Tìm thấy" in html and "Có phải bạn tìm" not in html


def test_the_suggestion_is_the_most_frequent_accented_form():
    hits = [hit("Đảng ủy khối"), hit("Đang xử lý"), hit("Đảng ủy cơ quan"), hit("dang uy viết không dấu")]
    assert did_you_mean("dang uy", hits) == "đảng ủy"
    assert did_you_mean("dang", hits) == "đảng"
    assert did_you_mean("Dang Uy", hits) == "đảng ủy"


def test_words_not_found_in_a_row_are_suggested_one_by_one_only_when_every_word_is_seen():
    hits = [hit("Ủy ban nhân dân"), hit("Báo cáo của Đảng đoàn")]
    assert did_you_mean("dang uy", hits) == "đảng ủy"
    assert did_you_mean("dang 2026", [hit("Đảng bộ năm 2026")]) == "đảng 2026"
    assert did_you_mean("dang u", hits) == ""
    assert did_you_mean("đang uy", hits) == ""
    assert did_you_mean("!!", hits) == "" and did_you_mean("dang", []) == ""


# --- bad input and leaks ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["a" * 10_000, "?!...", "-- : ^ [ ]", "*"])
def test_bad_input_answers_200_with_a_message(office, text):
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = signed_in(office.thuong).get(URL, {"q": text}, **headers)
        assert response.status_code == 200
        assert NO_WORDS_MESSAGE in response.content.decode()


@pytest.mark.parametrize("text", ['"dang uy', 'dang uy"', '"""', "dang AND OR", "title:dang^2"])
def test_unbalanced_quotes_and_engine_syntax_answer_200_without_an_error(office, text):
    response = signed_in(office.thuong).get(URL, {"q": text}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy" in html or "Không có kết quả" in html or NO_WORDS_MESSAGE in html


def test_bad_filter_values_are_dropped_and_said(office):
    response = signed_in(office.thuong).get(URL, {"q": "viec", "tu_ngay": "31/02/2026", "don_vi": "abc",
                                                  "dia_ban": "9" * 40, "do_mat": "-1", "loai": "<x>"})
    assert response.status_code == 200
    assert "“Từ ngày” không phải một ngày" in response.content.decode()
    assert response.context["chosen"].active == 0


@pytest.mark.parametrize("who", ["thuong", "mat", "outsider"])
def test_no_hidden_record_appears_or_is_counted(office, who):
    user = office.users[who]
    client = signed_in(user)
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(URL, {"q": "viec leakmark"}, **headers)
        html = response.content.decode()
        results = response.context["results"]
        shown = {h.id for h in results.hits}
        assert results.total == len(shown)
        assert f"Tìm thấy {len(shown)} kết quả" in html
        for key, record in office.records.items():
            if record.pk not in shown:
                assert marker(key) not in html, (who, key)
    assert office.records["thuong"].pk in shown and office.records["tuyetmat"].pk not in shown


def test_a_suggestion_never_comes_from_a_hidden_title(office):
    give(office.leader, "Kế hoạch Ưu tiên QSECRETQ", classification=Classification.TOI_MAT, assignee=office.toimat)
    give(office.leader, "Kế hoạch uu tien QSECRETQ", assignee=office.thuong)
    html = signed_in(office.thuong).get(URL, {"q": "uu tien qsecretq"}).content.decode()
    assert "Tìm thấy 1 kết quả" in html and "Có phải bạn tìm" not in html and "Ưu tiên" not in html
