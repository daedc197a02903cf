"""Letters that come in by themselves, in the browser: a citizen sends a denunciation through the public form
(no account) with a scanned file and gets a reference; the handler imports an e-mailed letter (.eml) on the queue
page, registers the online denunciation from the filled intake form (protected: the case shows "***" only), and the
citizen's lookup by reference then says under which number it was registered."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Problems, shot, spilling
from tests.e2e.test_documents import act_as, press
from tests.factories import Office, make_user
from tests.files.samples import pdf
from tests.petitions.mail_samples import letter_eml
from vanphong.core.roles import Role
from vanphong.petitions.models import Petition, Submission
from vanphong.security.classification import Classification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Vương Thị Kínđáo"


def look(page: Page, name: str) -> None:
    shot(page, name)
    assert spilling(page) == []


def test_an_online_denunciation_and_an_email_reach_the_register(
        office: Office, page: Page, context: BrowserContext, live_server, problems: Problems, tmp_path: Path):
    handler = make_user("xu-ly-don", clearance=Classification.MAT, unit=office.unit, roles=(Role.PETITIONS_OFFICER,),
                        full_name="Đỗ Thị Xử Lý")

    # 1. A citizen, not signed in, sends a denunciation with a scanned file through the public form.
    page.goto(f"{live_server.url}/gui-don/")
    page.get_by_label("Loại đơn").select_option("to_cao")
    page.get_by_label("Họ và tên").fill(NAME)
    page.get_by_label("Điện thoại hoặc thư điện tử").fill("0966 555 444")
    page.get_by_label("Địa chỉ").fill("Xóm 2, xã Tiền Hải")
    page.get_by_label("Tỉnh, thành phố").select_option("Hưng Yên")
    page.get_by_label("Tiêu đề").fill("Tố cáo trưởng thôn thu tiền làm đường sai quy định")
    page.get_by_label("Nội dung đơn").fill("Trưởng thôn thu của mỗi hộ 2 triệu đồng làm đường nhưng không công khai "
                                           "thu chi. Đề nghị kiểm tra.")
    scan = tmp_path / "don-co-chu-ky.pdf"
    scan.write_bytes(pdf(f"Người tố cáo: {NAME}"))
    page.locator("#tep-gui-kem").set_input_files(str(scan))
    page.get_by_label("Tôi cam đoan").check()
    look(page, "70-portal-form")
    press(page, "Gửi đơn")
    reference = page.locator("#ma-tra-cuu").inner_text().strip()
    assert reference == Submission.objects.get().reference
    look(page, "71-portal-sent")

    # 2. The handler imports an e-mailed letter on the queue page; both wait there.
    act_as(context, live_server, handler)
    eml = tmp_path / "thu-gui-don.eml"
    eml.write_bytes(letter_eml(subject="Kiến nghị về trạm y tế xã", attachments=[("giay-to.pdf", pdf("Giấy tờ"))]))
    page.goto(f"{live_server.url}/don-thu/cho-vao-so/")
    page.locator("#eml").set_input_files(str(eml))
    press(page, "Nhập vào hàng chờ")
    expect(page.locator(".message-success")).to_contain_text("Đã nhập 1 thư")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    look(page, "72-petitions-inbox")

    # 3. The online denunciation, opened: the form is filled in and marked protected; registered.
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_label("Họ tên người gửi 1")).to_have_value(NAME)
    expect(page.get_by_label("Bảo vệ danh tính người gửi")).to_be_checked()
    expect(page.get_by_role("link", name="don-co-chu-ky.pdf")).to_be_visible()
    look(page, "73-petitions-submission")
    press(page, "Vào sổ đơn")
    expect(page.locator(".message-success")).to_contain_text("Đã vào sổ đơn số")
    assert NAME not in page.content() and "0966" not in page.content()  # the case shows the redacted letter
    letter = Petition.objects.get(channel=Petition.Channel.WEB)
    assert letter.protected

    # 4. The citizen asks by reference: registered, under its number; nothing of the letter is shown.
    context.clear_cookies()
    page.goto(f"{live_server.url}/gui-don/tra-cuu/?ma={reference}")
    expect(page.locator("dl")).to_contain_text(f"số {letter.number}/{letter.year}")
    assert "Trưởng thôn" not in page.content()
    look(page, "74-portal-lookup")
    # On a telephone, as many citizens will send it: nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/gui-don/")
    look(page, "75-portal-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems.unexpected() == []
