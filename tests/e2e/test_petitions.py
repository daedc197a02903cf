"""A denunciation in the browser, through the pages only: it is registered, the earlier letter of the same
(protected) sender is found and grouped with it, the handler works on the redacted copy, forwards the case to the
competent body (the forwarding letter rendered to PDF), records the body's acceptance, an extension and the
result; a second handler without the right to reveal opens every page of it and never meets the denouncer."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import Problems, shot, spilling
from tests.e2e.test_documents import act_as, press
from tests.factories import Office, make_user
from tests.files.samples import pdf
from tests.petitions.helpers import letter
from vanphong.core.models import Body
from vanphong.core.roles import Role
from vanphong.petitions.models import CaseDocument, Petition, PetitionCase, RepeatDecision
from vanphong.security.classification import Classification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME, ADDRESS, PHONE = "Phạm Thị Bímật", "Số 88 đường Kínđáo, tỉnh Hà Nam", "0977 111 222"
# What of the denouncer may never be on a page of someone without an approved reveal.
SECRETS = ("Bímật", "bimat", "BIMAT", "Kínđáo", "Kinđáo", "kindao", "0977")


def hidden(text: str, where: str) -> None:
    low = text.lower()
    for word in SECRETS:
        assert word.lower() not in low, f"{where}: lộ “{word}”"


def look(page: Page, name: str) -> None:
    shot(page, name)
    assert spilling(page) == []


def ok(page: Page, text: str) -> None:
    expect(page.locator(".message-success").filter(has_text=text)).to_be_visible()


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def test_a_denunciation_from_intake_to_its_result_without_its_denouncer_leaking(
        office: Office, page: Page, context: BrowserContext, live_server, problems: Problems, tmp_path: Path):
    handler = make_user("xu-ly-don", clearance=Classification.MAT, unit=office.unit, roles=(Role.PETITIONS_OFFICER,),
                        full_name="Đỗ Thị Xử Lý")
    second = make_user("xu-ly-don-2", clearance=Classification.MAT, unit=office.unit,
                       roles=(Role.PETITIONS_OFFICER,), full_name="Trịnh Văn Hai")
    earlier = letter(handler, name=NAME, address=ADDRESS, contact=PHONE, kind="to_cao",
                     content=f"Tôi là {NAME}, điện thoại {PHONE}. Tôi tố cáo ông Đinh Văn Sai, cán bộ địa chính xã, "
                             "nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.").case
    body = Body.objects.filter(kind="tinh_uy").order_by("pk").first()
    assert body is not None

    # 1. The handler registers the new letter: the name in capitals without diacritics, the address with the
    #    new province; it is a denunciation, so protected from the start.
    act_as(context, live_server, handler)
    page.goto("/don-thu/vao-so/")
    page.get_by_label("Hình thức nhận").select_option("buu_chinh")
    page.get_by_label("Loại đơn (nếu đã rõ)").select_option("to_cao")
    page.get_by_label("Họ tên người gửi 1").fill("PHAM THI BIMAT")
    page.get_by_label("Địa chỉ").first.fill("88 Kinđáo, Ninh Bình")
    page.get_by_label("Nội dung đơn", exact=True).fill(
        "Tôi là PHAM THI BIMAT. Tôi tiếp tục tố cáo ông Đinh Văn Sai nhận tiền của dân khi cấp giấy chứng nhận, "
        "đơn trước chưa được trả lời.")
    scan = tmp_path / "don-goc.pdf"
    scan.write_bytes(pdf("Chữ ký: Phạm Thị Bímật"))
    page.locator("#ban-quet").set_input_files(str(scan))
    look(page, "60-petitions-intake")
    press(page, "Vào sổ đơn")
    ok(page, "Đã vào sổ đơn số")
    expect(page.locator(".message-warning").filter(has_text="có thể trùng")).to_be_visible()
    repeats = page.locator("section", has=page.get_by_role("heading", name="Đơn có thể trùng"))
    expect(repeats).to_contain_text(f"Vụ việc #{earlier.pk}")
    expect(repeats).to_contain_text("Có đơn của cùng người gửi (người gửi được bảo vệ danh tính")
    new_case = PetitionCase.objects.latest("pk")
    hidden(page.content(), "trang vụ việc mới")
    look(page, "61-petitions-repeat-found")

    # 2. Grouped into the earlier case, by a person, recorded.
    press(page, f"Gộp vào vụ việc #{earlier.pk}")
    ok(page, f"Đã gộp đơn vào vụ việc #{earlier.pk}")
    expect(page).to_have_url(re.compile(rf"/don-thu/{earlier.pk}/$"))
    decision = RepeatDecision.objects.get()
    assert decision.decided_by == handler and decision.from_case_id == new_case.pk
    assert Petition.objects.filter(case=earlier).count() == 2
    letters = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Các đơn của vụ việc")))
    expect(letters.locator("article")).to_have_count(2)
    expect(letters).to_contain_text("***")
    expect(letters).to_contain_text("[đã che]")
    hidden(page.content(), "trang vụ việc đã gộp")
    look(page, "62-petitions-grouped-redacted")

    # 3. Forwarded to the competent body: the forwarding letter is drafted, and renders to PDF.
    page.get_by_label("Cơ quan có thẩm quyền").select_option(str(body.pk))
    press(page, "Chuyển đơn đến cơ quan có thẩm quyền")
    ok(page, "Đã cập nhật vụ việc")
    documents = page.locator("section", has=page.get_by_role("heading", name="Văn bản của vụ việc"))
    expect(documents).to_contain_text("Phiếu chuyển đơn")
    forwarding = CaseDocument.objects.get(case=earlier, role=CaseDocument.Role.FORWARDING).document
    rendered = page.request.get(f"{live_server.url}/van-ban/{forwarding.pk}/ban-trinh-bay.pdf")
    assert rendered.ok and rendered.headers["content-type"] == "application/pdf"
    text = pdf_text(rendered.body())
    assert "Sai" in text
    hidden(text, "phiếu chuyển (PDF)")
    look(page, "63-petitions-forwarded")
    page.goto(f"/van-ban/{forwarding.pk}/")
    hidden(page.content(), "trang văn bản phiếu chuyển")
    look(page, "64-petitions-forwarding-letter")

    # 4. The body's acceptance, an extension, then the result with the body's document.
    page.goto(f"/don-thu/{earlier.pk}/")
    press(page, "Thụ lý giải quyết")
    ok(page, "Đã cập nhật vụ việc")
    page.get_by_label("Văn bản, lý do gia hạn").fill("Công văn số 12/UBKT gia hạn: vụ việc phức tạp.")
    press(page, "Gia hạn giải quyết")
    expect(page.locator(".chip, .status").filter(has_text="Đã gia hạn giải quyết").first).to_be_visible()
    result = tmp_path / "ket-luan.pdf"
    result.write_bytes(pdf("Kết luận nội dung tố cáo"))
    page.get_by_label("Kết quả giải quyết", exact=True).fill("Tố cáo đúng một phần; đã kỷ luật khiển trách.")
    page.get_by_label("Bản quét văn bản giải quyết").set_input_files(str(result))
    press(page, "Ghi kết quả giải quyết")
    ok(page, "Đã ghi kết quả giải quyết")
    earlier.refresh_from_db()
    assert earlier.status == "da_giai_quyet" and earlier.extensions == 1
    assert CaseDocument.objects.filter(case=earlier, role=CaseDocument.Role.RESULT, file__isnull=False).exists()
    hidden(page.content(), "trang vụ việc có kết quả")
    look(page, "65-petitions-result")

    # 5. A second handler without the right to reveal opens every page of the matter: never the denouncer.
    act_as(context, live_server, second)
    for url in ("/don-thu/", f"/don-thu/{earlier.pk}/", f"/don-thu/{new_case.pk}/", f"/van-ban/{forwarding.pk}/",
                "/tim-kiem/?q=%C4%90inh+V%C4%83n+Sai", "/van-ban/du-thao/"):
        page.goto(url)
        hidden(page.content(), f"{url} (người thứ hai)")
    look(page, "66-petitions-second-user-search")
    page.goto(f"/don-thu/{earlier.pk}/")
    expect(page.get_by_role("link", name="Xem danh tính")).to_have_count(0)
    look(page, "67-petitions-second-user-case")
    api = page.request.get(f"{live_server.url}/api/v1/petitions/{earlier.pk}")
    assert api.ok
    hidden(api.text(), "API (người thứ hai)")
    assert {s["sender_name"] for x in api.json()["letters"] for s in x["senders"]} == {"***"}
    hidden(pdf_text(page.request.get(f"{live_server.url}/van-ban/{forwarding.pk}/ban-trinh-bay.pdf").body()),
           "PDF phiếu chuyển (người thứ hai)")

    # 6. The month's report counts the denunciation as received and resolved, in the page and its PDF, and
    #    names nobody.
    today = timezone.localdate()
    page.goto("/don-thu/bao-cao/")
    page.get_by_label("Loại báo cáo").select_option("thang")
    page.get_by_label("Năm").fill(str(today.year))
    page.get_by_label("Tháng (báo cáo tháng)").select_option(str(today.month))
    press(page, "Xem báo cáo")
    expect(page.get_by_role("heading", name=re.compile(f"tháng {today.month}", re.IGNORECASE)).first).to_be_visible()
    by_kind = page.locator("section", has=page.get_by_role("heading", name="Loại đơn × tiến độ"))
    # Only this case is resolved this month (the office's other letters are still open): on time, with its
    # extension.
    expect(by_kind.locator("tr", has_text="Tố cáo").locator("td").first).to_have_text("1")
    by_status = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Theo trạng thái")))
    expect(by_status.locator("tr", has_text="Đã giải quyết").locator("td").first).to_have_text("1")
    hidden(page.content(), "trang báo cáo tháng")
    look(page, "68-petitions-monthly-report")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    report_pdf = Path(download.value.path()).read_bytes()
    assert report_pdf.startswith(b"%PDF")
    text = pdf_text(report_pdf)
    assert "Tố cáo" in text
    hidden(text, "PDF báo cáo tháng")
    assert problems.unexpected() == []
