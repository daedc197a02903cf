"""A bulletin in the browser: the information specialist composes the day's bulletin from the events offered,
edits it (HTMX writes a summary again), submits it; the unit head approves and issues it to a unit; a reader
opens it and downloads the PDF, which carries the headings with their diacritics."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import SCREENSHOTS, Problems, shot
from tests.e2e.test_documents import act_as, press
from tests.factories import make_user
from tests.infocenter.bulletin_helpers import DAY, grant, make_event
from vanphong.core.roles import Role
from vanphong.infocenter.models import Bulletin
from vanphong.security.classification import Classification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Fictional happenings written for this test.
EVENTS = [
    ("Hải Phòng khắc phục hậu quả bão số 9", ("thien_tai_moi_truong",), True, [
        "Sáng 5/11, Ban Thường vụ Thành ủy Hải Phòng họp khẩn bàn giải pháp khắc phục hậu quả bão số 9. "
        "Bão số 9 làm hư hại 3.500 ha lúa và hàng trăm lồng bè nuôi trồng thủy sản của người dân ven biển. "
        "Thành ủy yêu cầu các xã ven biển rà soát thiệt hại để hỗ trợ người dân khôi phục sản xuất trước ngày 20/11.",
        "Bão số 9 làm hư hại 3.500 ha lúa và hàng trăm lồng bè nuôi trồng thủy sản ở Hải Phòng. "
        "Lực lượng quân đội đã hỗ trợ người dân dựng lại nhà cửa, khơi thông kênh mương."]),
    ("Nghệ An đưa dịch vụ công trực tuyến về cấp xã", ("khcn_chuyen_doi_so",), False, [
        "Chiều 5/11, Tỉnh ủy Nghệ An tổng kết mô hình chuyển đổi số cấp xã. Hơn 400 xã đã đưa dịch vụ công trực "
        "tuyến vào sử dụng, giúp người dân tiết kiệm thời gian đi lại. Tỉnh đặt mục tiêu phủ kín dịch vụ công "
        "trực tuyến toàn trình trong năm 2027."]),
    ("Hội nghị quán triệt nghị quyết Trung ương tại Cần Thơ", ("xay_dung_dang",), False, [
        "Ngày 5/11, Thành ủy Cần Thơ tổ chức hội nghị học tập, quán triệt nghị quyết Hội nghị Trung ương cho hơn "
        "1.200 cán bộ chủ chốt. PGS.TS. Lê Văn Minh trình bày chuyên đề về công tác cán bộ trong giai đoạn mới."]),
]


def test_a_bulletin_is_composed_approved_issued_and_read(office, page: Page, context: BrowserContext,
                                                         live_server, problems: Problems, tmp_path):
    composer = grant(make_user("bt-soan", clearance=Classification.MAT, unit=office.unit, roles=(Role.ANALYST,),
                               full_name="Đỗ Thị Thu Trang"), "add_bulletin", "change_bulletin")
    head = make_user("bt-duyet", clearance=Classification.TOI_MAT, unit=office.unit, roles=(Role.UNIT_HEAD,),
                     full_name="Vũ Quang Huy")
    for title, fields, notable, texts in EVENTS:
        make_event(office.leader, title, texts, fields=fields, notable=notable)

    act_as(context, live_server, composer)
    page.goto("/thong-tin/ban-tin/")
    page.get_by_label("Ngày (bản tin tuần: một ngày trong tuần)").fill(DAY.isoformat())
    press(page, "Soạn bản tin")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tình hình ngày 05/11/2026")
    shot(page, "ban-tin-chon-su-kien")
    for title, *_ in EVENTS:
        page.get_by_label(title).check()
    press(page, "Đưa sự kiện đã chọn vào bản tin")
    b = Bulletin.objects.get(created_by=composer)
    first = b.entries.get(heading=EVENTS[0][0])
    page.locator(f"#comment-{first.pk}").fill("Mưa lớn có thể tiếp diễn; cần theo dõi sạt lở ở các xã ven biển.")
    page.locator(f"#summary-{first.pk}").fill("Tóm tắt tạm")
    page.locator(f"#tom-tat-{first.pk}").locator("..").get_by_role("button", name="Tóm tắt lại từ các tin").click()
    expect(page.locator(f"#summary-{first.pk}")).to_have_value(re.compile(r"^Sáng 5/11, Ban Thường vụ Thành ủy"))
    press(page, "Lưu bản tin")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Đã lưu bản tin")
    shot(page, "ban-tin-soan")
    page.get_by_role("link", name="Xem bản tin, trình duyệt").click()
    press(page, "Trình duyệt")

    act_as(context, live_server, head)
    page.goto(f"/thong-tin/ban-tin/{b.pk}/")
    press(page, "Duyệt bản tin")
    page.get_by_label(office.unit.name).check()
    shot(page, "ban-tin-phat-hanh")
    press(page, "Phát hành bản tin")
    expect(page.get_by_role("heading", level=1)).to_contain_text("số 1/2026")

    act_as(context, live_server, office.thuong)
    page.goto(f"/thong-tin/ban-tin/{b.pk}/")
    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible()
    expect(page.get_by_text("Nhận định, dự báo:")).to_be_visible()
    expect(page.get_by_role("heading", name="I. Xây dựng Đảng")).to_be_visible()
    shot(page, "ban-tin")
    with page.expect_download() as dl:
        page.get_by_role("link", name="Tải PDF").click()
    pdf = tmp_path / "ban-tin.pdf"
    dl.value.save_as(pdf)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "BẢN TIN HẰNG NGÀY" in text and "Hải Phòng khắc phục hậu quả bão số 9" in text
    assert "I. XÂY DỰNG ĐẢNG" in text  # sections in the order of the fields
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                        str(SCREENSHOTS / "ban-tin-pdf")], check=True)
    page.goto("/thong-tin/ban-tin/?loai=ngay")
    expect(page.get_by_role("link", name="Tình hình ngày 05/11/2026")).to_be_visible()
    shot(page, "ban-tin-danh-sach")
    assert problems.unexpected() == []
