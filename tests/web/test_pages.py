"""The web shell: desk, search, directory pages, the assignment form; offline assets and a strict CSP."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.utils import timezone

from tests.factories import give
from vanphong.followup.models import Assignment
from vanphong.security.classification import Classification

PACKAGE = Path(__file__).resolve().parents[2] / "vanphong"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_desk_lists_what_awaits_the_person_with_overdue_counted(office):
    give(office.leader, "Báo cáo đã quá hạn", assignee=office.thuong,
         deadline=timezone.localdate() - timedelta(days=2))
    give(office.leader, "Việc của người khác", assignee=office.mat)
    response = signed_in(office.thuong).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo đã quá hạn" in html and "Việc của người khác" not in html
    assert response.context["overdue_count"] == 1
    assert "Quá hạn" in html


def test_the_desk_shows_secrecy_and_urgency_marks(office):
    give(office.leader, "Việc hỏa tốc", classification=Classification.MAT, urgency=3, assignee=office.mat)
    html = signed_in(office.mat).get("/").content.decode()
    assert 'class="mark mark-secret"' in html and "Mật" in html
    assert 'class="mark mark-urgent"' in html and "Hỏa tốc" in html


def test_search_folds_diacritics_and_respects_the_policy(office):
    give(office.leader, "Tổng kết công tác Đảng năm 2026", assignee=office.thuong)
    client = signed_in(office.outsider)
    html = client.get("/tim-kiem/", {"q": "dang"}).content.decode()
    assert "Tổng kết công tác <mark>Đảng</mark> năm 2026" in html
    html = client.get("/tim-kiem/", {"q": "viec mat"}).content.decode()
    assert "LEAKMARKMATQ" not in html


def test_the_people_page_filters_by_name_without_diacritics(office):
    html = signed_in(office.thuong).get("/nhan-su/", {"q": "pham van lanh"}).content.decode()
    assert "Phạm Văn Lãnh" in html and "Lê Văn Ngoài" not in html


def test_the_places_page_maps_former_provinces_to_current_ones(office):
    response = signed_in(office.thuong).get("/dia-ban/")
    assert len(response.context["current"]) == 34 and len(response.context["former"]) == 63
    former = {p.short_name: p.successor.short_name for p in response.context["former"]}
    assert former["Hải Dương"] == "Hải Phòng"
    assert former["Quảng Nam"] == "Đà Nẵng"


def test_an_invalid_assignment_form_comes_back_with_errors_and_nothing_lost(office):
    client = signed_in(office.leader)
    response = client.post("/viec/giao-viec/", {"title": "", "description": "Nội dung giữ lại",
                                                "classification": "0", "urgency": "0"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Cần sửa trước khi gửi" in html
    assert "Nội dung giữ lại" in html


def test_an_assignee_without_clearance_is_refused_in_words(office):
    client = signed_in(office.leader)
    response = client.post("/viec/giao-viec/", {"title": "Việc tối mật", "classification": "2", "urgency": "0",
                                                "assignee": office.thuong.pk})
    assert response.status_code == 400
    assert "chưa được tiếp cận tài liệu độ Tối mật" in response.content.decode()
    assert not Assignment.objects.filter(title="Việc tối mật").exists()


def test_giving_an_assignment_through_the_form(office):
    client = signed_in(office.leader)
    response = client.post("/viec/giao-viec/", {"title": "Chuẩn bị tài liệu hội nghị", "classification": "1",
                                                "urgency": "1", "assignee": office.mat.pk,
                                                "deadline": "15/12/2099"})
    a = Assignment.objects.get(title="Chuẩn bị tài liệu hội nghị")
    assert response["Location"] == f"/viec/{a.pk}/"
    assert a.deadline.isoformat() == "2099-12-15" and a.classification == Classification.MAT


def test_a_stale_status_form_gets_the_conflict_message(office):
    a = office.records["thuong"]
    client = signed_in(office.tuyetmat)
    client.post(f"/viec/{a.pk}/trang-thai/", {"status": "dang_xu_ly", "version": "1"})
    response = client.post(f"/viec/{a.pk}/trang-thai/", {"status": "hoan_thanh", "version": "1"}, follow=True)
    assert "đã được người khác thay đổi" in response.content.decode()
    a.refresh_from_db()
    assert a.status == "dang_xu_ly"


def test_pages_carry_a_csp_without_inline_script(office):
    response = signed_in(office.thuong).get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_no_template_has_inline_script_style_or_outside_urls():
    for template in PACKAGE.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline <script> in {template}"
        assert not re.search(r"\sstyle=\"", text), f"inline style in {template}"
        assert not re.search(r"(src|href)=\"(https?:)?//", text), f"outside URL in {template}"


def test_htmx_is_served_by_the_app(office):
    response = signed_in(office.thuong).get("/static/vendor/htmx/htmx.min.js")
    assert response.status_code == 200


def test_dates_are_shown_dd_mm_yyyy(office):
    give(office.leader, "Việc có hạn", assignee=office.thuong, deadline=timezone.localdate().replace(year=2099))
    html = signed_in(office.thuong).get("/viec/").content.decode()
    assert timezone.localdate().replace(year=2099).strftime("%d/%m/%Y") in html


def test_unknown_pages_answer_404_in_vietnamese(office):
    response = signed_in(office.thuong).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_pages_need_a_signed_in_person(db):
    for url in ("/", "/viec/", "/nhan-su/", "/tim-kiem/?q=a", "/dia-ban/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_the_interface_stays_vietnamese_for_an_english_browser(office):
    client = signed_in(office.thuong)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Bàn làm việc" in html and "My desk" not in html


def test_a_person_can_switch_the_interface_to_english_and_back(office):
    client = signed_in(office.thuong)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "My desk" in html and 'lang="en"' in html
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Bàn làm việc" in client.get("/").content.decode()


def test_a_form_without_its_csrf_token_gets_a_vietnamese_page(office):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office.leader)
    response = client.post("/viec/giao-viec/", {"title": "Không có mã bảo vệ"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
    assert not Assignment.objects.filter(title="Không có mã bảo vệ").exists()


def test_an_oversized_form_is_refused_in_vietnamese_and_changes_nothing(office, settings):
    client = signed_in(office.leader)
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post("/viec/giao-viec/", {"title": "Quá lớn", "description": big, "classification": "0",
                                                "urgency": "0", "assignee": office.thuong.pk})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert not Assignment.objects.filter(title="Quá lớn").exists()
