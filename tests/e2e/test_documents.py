"""A clerk's and a specialist's day in the browser: an incoming Hỏa tốc document is registered and directed; the
specialist answers it with an outgoing document that is reviewed, checked, signed, numbered, released and
received; the PDF carries the Party layout and two valid signatures."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from tests.documents.conftest import PASSPHRASE, issuer, party_type
from tests.e2e.conftest import Problems, shot
from vanphong.documents import signing
from vanphong.documents.models import Document, IncomingEntry
from vanphong.documents.render import render_pdf
from vanphong.documents.render.samples import party_letter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def act_as(context: BrowserContext, live_server, user) -> None:
    """Open the browser as `user` (signed in through Django's session, as after the sign-in form and two-factor
    check the sign-in tests cover)."""
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME]
                          .value, "url": live_server.url}])


def press(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_a_day_of_the_van_thu_from_an_urgent_incoming_document_to_its_answer_received(
        office, signing_keys, page: Page, context: BrowserContext, live_server, problems: Problems, tmp_path):
    # The clerk registers an electronic Hỏa tốc document from a provincial committee.
    act_as(context, live_server, office.clerk)
    scan = tmp_path / "125-CV-TU.pdf"
    scan.write_bytes(render_pdf(party_letter()))
    page.goto("/van-ban/den/vao-so/")
    page.get_by_label("Văn bản điện tử").check()
    page.get_by_label("Tệp văn bản").set_input_files(str(scan))
    page.get_by_label("Số, ký hiệu").fill("Số 125-CV/TU")
    page.get_by_label("Trích yếu nội dung").fill("về việc báo cáo tình hình triển khai chuyển đổi số")
    page.get_by_label("Độ khẩn").select_option(label="Hỏa tốc")
    press(page, "Vào sổ")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Số đến 1/")
    expect(page.locator(".mark-urgent").first).to_have_text("Hỏa tốc")
    shot(page, "van-ban-den")
    page.get_by_label("Trình lãnh đạo").select_option(value=str(office.leader.pk))
    press(page, "Trình lãnh đạo")
    entry = IncomingEntry.objects.get(number=1, document__symbol="125-CV/TU")

    # The leader finds it on the desk and directs it to Vụ Tổng hợp, with a handler and a deadline.
    act_as(context, live_server, office.leader)
    page.goto("/")
    page.get_by_role("link", name="Cho ý kiến chỉ đạo").first.click()
    page.get_by_label("Đơn vị chủ trì").select_option(label=office.unit.name)
    page.get_by_label("Người xử lý").select_option(value=str(office.thuong.pk))
    page.get_by_label("Hạn xử lý").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    page.get_by_label("Ý kiến chỉ đạo").fill("Vụ Tổng hợp chủ trì, dự thảo văn bản trả lời, trình trong ngày.")
    press(page, "Cho ý kiến chỉ đạo")
    expect(page.locator(".chip").filter(has_text="Đã có ý kiến chỉ đạo")).to_be_visible()

    # The specialist starts, then answers with an outgoing document.
    act_as(context, live_server, office.thuong)
    page.goto(entry.get_absolute_url())
    press(page, "Bắt đầu xử lý")
    page.get_by_role("link", name="Soạn văn bản trả lời").click()
    page.get_by_label("Cơ quan ban hành", exact=True).select_option(value=str(issuer("VPTW").pk))
    page.get_by_label("Loại văn bản").select_option(value=str(party_type("CV").pk))
    page.locator("#id_body").fill("Văn phòng Trung ương Đảng nhận được Công văn số 125-CV/TU.\n"
                                       "Đề nghị Tỉnh ủy tiếp tục triển khai và báo cáo định kỳ.")
    page.locator("#id_signer").select_option(value=str(office.leader.pk))
    page.get_by_label("Chức vụ người ký").fill("Phó Chánh Văn phòng")
    page.get_by_label("Nơi nhận", exact=True).fill("- Như trên,\n- Lưu Văn phòng.")
    page.get_by_label(office.other_unit.name).check()
    press(page, "Lưu dự thảo")
    shot(page, "du-thao")
    press(page, "Trình rà soát")

    # Review by the leader, format check by the clerk, signature by the leader, release by the clerk.
    draft = Document.objects.get(direction="di", links_out__target=entry.document)
    act_as(context, live_server, office.leader)
    page.goto(draft.get_absolute_url())
    press(page, "Đạt, chuyển văn thư kiểm tra thể thức")
    act_as(context, live_server, office.clerk)
    page.goto(draft.get_absolute_url())
    press(page, "Đúng thể thức, trình ký")
    act_as(context, live_server, office.leader)
    page.goto(draft.get_absolute_url())
    page.get_by_label("Mật khẩu chứng thư ký số").fill("sai-mat-khau")
    press(page, "Ký ban hành")
    expect(page.locator(".message-error")).to_contain_text("mật khẩu")
    page.get_by_label("Mật khẩu chứng thư ký số").fill(PASSPHRASE)
    press(page, "Ký ban hành")
    expect(page.get_by_role("heading", level=1)).to_contain_text("01-CV/VPTW")
    act_as(context, live_server, office.clerk)
    page.goto(draft.get_absolute_url())
    press(page, "Phát hành")
    expect(page.locator(".signatures .is-valid")).to_have_count(2)
    shot(page, "van-ban-di")

    # The receiving unit confirms receipt; the sender sees it; the incoming document is answered.
    act_as(context, live_server, office.outsider)
    page.goto("/")
    page.get_by_role("link", name="Xác nhận đã nhận").first.click()
    press(page, "Xác nhận đã nhận")
    act_as(context, live_server, office.clerk)
    page.goto(draft.get_absolute_url())
    expect(page.locator("section", has_text="Nơi nhận trong cơ quan").locator(".chip-ok")).to_have_text("Đã nhận")
    page.goto(entry.get_absolute_url())
    expect(page.locator(".chip").filter(has_text="Đã trả lời bằng văn bản")).to_be_visible()

    # The PDF as a recipient downloads it: the Party layout, the number, two valid signatures.
    pdf = page.request.get(f"{live_server.url}/van-ban/{draft.pk}/ban-trinh-bay.pdf").body()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "01-CV/VPTW" in text and "V/v" in text
    # Playwright's event loop runs in this thread: verification must still work (it moves off the loop).
    reports = signing.verify_pdf(pdf, signing.trust_roots_from_settings())
    assert [r.role for r in reports] == ["person", "organisation"] and all(r.intact and r.trusted for r in reports)
    assert problems.unexpected() == []
