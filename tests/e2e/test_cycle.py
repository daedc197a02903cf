"""The decision cycle in the browser, through the pages only: an item of the Politburo's approved programme gets
its proposal and dossier, the office appraises it (four eyes), a Politburo session hears it with opinions that are
accepted or explained, its conclusion is issued and numbered as a KL of TW, two provinces are given a point of it,
report their progress and one is reminded; then the way back up from the task reaches the programme item, which
shows the whole way down."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Problems, left, shot, sign_in, spilling, width
from tests.e2e.test_documents import act_as, press
from tests.factories import PASSWORD, Office, make_user
from tests.files.samples import pdf
from tests.programs.office_part import programme
from vanphong.core.models import Body, User
from vanphong.core.roles import Role
from vanphong.followup.models import Assignment
from vanphong.programs.models import ProgramItem, Proposal, WorkProgram
from vanphong.security.classification import Classification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Đề án về đổi mới mô hình tăng trưởng, phát triển kinh tế tư nhân"
CONCLUSION = """Bộ Chính trị kết luận như sau:
I. Đánh giá chung
Bộ Chính trị cơ bản tán thành Đề án; ghi nhận sự chuẩn bị công phu của Ban Chính sách, chiến lược Trung ương.
II. Nhiệm vụ, giải pháp thời gian tới
1. Các tỉnh ủy, thành ủy xây dựng chương trình hành động thực hiện Đề án, hoàn thành trong quý I năm 2027.
2. Ban Chính sách, chiến lược Trung ương chủ trì theo dõi, tổng hợp, báo cáo Bộ Chính trị."""


def the_office(office: Office) -> tuple[dict[str, User], ProgramItem]:
    """The people of the walk, all of Vụ Tổng hợp (the unit that follows the item), and the approved programme
    of the Politburo with the item; the leader reviews and signs, the clerk checks the format."""
    unit = office.unit
    people = {
        "hong": make_user("hong", clearance=Classification.TOI_MAT, unit=unit, full_name="Nguyễn Thị Hồng"),
        # A deputy head: he holds the right to approve appraisals, yet not the report he drafts himself.
        "tuan": make_user("tuan", clearance=Classification.TOI_MAT, unit=unit, roles=(Role.UNIT_HEAD,),
                          full_name="Lê Minh Tuấn"),
        "ha": make_user("ha", clearance=Classification.TOI_MAT, unit=unit, full_name="Phạm Thu Hà"),
        "truong": make_user("truong", clearance=Classification.TOI_MAT, unit=unit, roles=(Role.UNIT_HEAD,),
                            full_name="Hoàng Văn Trưởng"),
    }
    program = programme(office)
    WorkProgram.objects.filter(pk=program.pk).update(status=WorkProgram.Status.APPROVED, approved_at=timezone.now())
    lead = Body.objects.get(name="Ban Chính sách, chiến lược Trung ương")
    item = ProgramItem.objects.create(
        program=program, title=TITLE, lead_body=lead, office_unit=unit, classification=Classification.MAT,
        planned_start=program.start, planned_end=program.end, created_by=office.leader,
        description="Đánh giá 40 năm đổi mới mô hình tăng trưởng; định hướng đến năm 2030.")
    item.shared_with_units.add(unit)
    return people, item


def file_of(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf(text))
    return str(path)


def look(page: Page, name: str) -> None:
    """The page's picture (from its top, tests/e2e/conftest.shot), and nothing spills out of its cards."""
    shot(page, name)
    assert spilling(page) == []


def chip(page: Page, text: str) -> None:
    expect(page.locator(".chip").filter(has_text=text).first).to_be_visible()


def ok(page: Page, text: str) -> None:
    expect(page.locator(".message-success").filter(has_text=text)).to_be_visible()


def test_one_proposal_from_the_programme_to_implementation_and_back(
        office, signing_keys, static_kept, page: Page, context: BrowserContext, live_server, problems: Problems,
        tmp_path):
    people, item = the_office(office)
    hong, tuan, ha, truong = people["hong"], people["tuan"], people["ha"], people["truong"]
    leader, clerk = office.leader, office.clerk

    # 1. The specialist following the item opens it in the Politburo's programme and starts its proposal.
    sign_in(page, "hong", PASSWORD)
    page.goto(item.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    look(page, "30-cycle-item")
    page.get_by_role("link", name="Lập đề án, báo cáo cho mục này").click()
    expect(page.get_by_label("Mục chương trình công tác")).to_have_value(str(item.pk))
    expect(page.get_by_label("Tên đề án")).to_have_value(TITLE)
    page.get_by_label("Hạn gửi hồ sơ").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    page.get_by_label("Tóm tắt nội dung").fill("Đề án đánh giá mô hình tăng trưởng và đề xuất giải pháp phát "
                                              "triển kinh tế tư nhân thành động lực quan trọng nhất.")
    look(page, "31-cycle-proposal-form")
    press(page, "Lập đề án")
    ok(page, "Đã lập đề án")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    proposal = Proposal.objects.get(item=item)
    assert proposal.classification == Classification.MAT and proposal.lead_body == item.lead_body

    # 2. The dossier: the tờ trình and the đề án uploaded from the proposal's page; then it is submitted.
    expect(page.get_by_label("Vai trò trong hồ sơ")).to_have_value("to_trinh")  # what the dossier lacks first
    page.get_by_label("Tệp tài liệu").set_input_files(file_of(tmp_path, "to-trinh.pdf", "TỜ TRÌNH\nvề Đề án"))
    press(page, "Tải lên hồ sơ")
    ok(page, "Đã tải tài liệu lên")
    expect(page.get_by_label("Vai trò trong hồ sơ")).to_have_value("de_an")
    page.get_by_label("Tệp tài liệu").set_input_files(file_of(tmp_path, "de-an.pdf", "ĐỀ ÁN\nđổi mới mô hình"))
    page.get_by_label("Trích yếu").fill("về đổi mới mô hình tăng trưởng (bản trình Bộ Chính trị)")
    press(page, "Tải lên hồ sơ")
    dossier = page.locator("section", has=page.get_by_role("heading", name="Hồ sơ", exact=True))
    expect(dossier.get_by_role("link")).to_have_count(2)
    expect(dossier).to_contain_text(f"Tờ trình về {TITLE}")
    look(page, "32-cycle-dossier")
    # The uploaded tờ trình is a document whose text is its file, not an appendix of an empty one.
    dossier.get_by_role("link", name=re.compile("^Tờ trình về")).click()
    files = page.locator("section", has=page.get_by_role("heading", name="Tệp văn bản", exact=True))
    expect(files).to_contain_text("Nội dung văn bản ở tệp to-trinh.pdf")
    expect(files.locator("li")).to_contain_text("to-trinh.pdf · Tệp văn bản")
    expect(files.get_by_role("link", name="Xem tệp văn bản")).to_be_visible()
    look(page, "32-cycle-to-trinh")
    page.go_back()
    press(page, "Gửi thẩm định")
    chip(page, "Đã gửi thẩm định")

    # 3. The office's appraisal: a specialist takes it up, the head of the unit assigns a second appraiser and
    # an expert; the two appraisers talk in private notes, mark the checklist and write the report.
    act_as(context, live_server, tuan)
    page.goto(proposal.get_absolute_url())
    press(page, "Tiếp nhận, bắt đầu thẩm định")
    chip(page, "Đang thẩm định")
    act_as(context, live_server, truong)
    page.goto(proposal.get_absolute_url())
    page.locator("summary", has_text="Phân công thẩm định").click()
    page.get_by_label("Người thẩm định").select_option([str(tuan.pk), str(ha.pk)])
    page.get_by_label("Mời thêm chuyên gia").fill("PGS.TS Trần Minh Đức - Học viện Chính trị quốc gia Hồ Chí Minh")
    press(page, "Lưu phân công")
    ok(page, "Đã phân công thẩm định")
    expect(page.locator("#tham-dinh-1")).to_contain_text("Phạm Thu Hà")
    expect(page.locator("#tham-dinh-1")).to_contain_text("PGS.TS Trần Minh Đức")

    act_as(context, live_server, tuan)
    page.goto(proposal.get_absolute_url())
    page.get_by_label("Ghi chú mới").fill("Đề nghị xin thêm số liệu của Bộ Tài chính về khu vực kinh tế tư nhân.")
    press(page, "Ghi")
    act_as(context, live_server, ha)
    page.goto(proposal.get_absolute_url())
    page.locator(".comments summary", has_text="Trả lời").first.click()
    page.get_by_label("Trả lời ghi chú").fill("Đã có số liệu năm 2025; bổ sung vào phụ lục.")
    press(page, "Trả lời")
    expect(page.locator(".comments .comments")).to_contain_text("Đã có số liệu năm 2025")
    # The reply sits indented under the note it answers.
    assert left(page.locator(".comments .comments > li").first) >= left(page.locator(".comments > li").first) + 16

    act_as(context, live_server, tuan)
    page.goto(proposal.get_absolute_url())
    selects = page.locator("#tham-dinh-1 select[name^='kq_']")
    for n in range(selects.count()):
        selects.nth(n).select_option(label="Đạt")
    press(page, "Lưu kết quả tiêu chí")
    ok(page, "Đã ghi kết quả các tiêu chí")
    page.get_by_label("Nội dung báo cáo").fill(
        "Đề án bảo đảm nội dung, thẩm quyền, trình tự, thủ tục và điều kiện thi hành.\n"
        "Đề nghị Bộ Chính trị xem xét, cho ý kiến tại phiên họp tháng 12.")
    page.get_by_label("Kết quả đề xuất").select_option(label="Đủ điều kiện trình")
    press(page, "Lưu báo cáo")
    ok(page, "Đã lưu báo cáo thẩm định")
    press(page, "Trình duyệt báo cáo thẩm định")
    chip(page, "Chờ duyệt báo cáo thẩm định")
    # Four eyes: the drafter, though he holds the right, has no approval button, and a forged request is refused.
    expect(page.get_by_role("button", name="Duyệt báo cáo thẩm định")).to_have_count(0)
    round_one = proposal.appraisals.get(round=1)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    forged = page.request.post(f"{live_server.url}/chuong-trinh/de-an/{proposal.pk}/tham-dinh/1/buoc/approve/",
                               form={"csrfmiddlewaretoken": token, "version": str(round_one.version)},
                               max_redirects=0)
    assert forged.status == 302  # back to the proposal, whose page says why
    page.goto(proposal.get_absolute_url())
    expect(page.locator(".message-error")).to_contain_text("hai người")
    round_one.refresh_from_db()
    assert round_one.status == "cho_duyet" and round_one.drafted_by == tuan

    act_as(context, live_server, truong)
    page.goto(proposal.get_absolute_url())
    press(page, "Duyệt báo cáo thẩm định")
    chip(page, "Đủ điều kiện trình")
    chip(page, "Đã duyệt báo cáo")
    look(page, "33-cycle-appraisal")

    # 4. A Politburo session: the ready proposal on its agenda, participants, opinions accepted or explained.
    page.goto("/hop/tao/")
    page.get_by_label("Loại").select_option(label="Phiên họp Bộ Chính trị")
    page.get_by_label("Cơ quan họp").select_option(label="Bộ Chính trị")
    page.get_by_label("Tên phiên họp").fill("Phiên họp Bộ Chính trị tháng 12 năm 2026")
    start = timezone.localtime() - timedelta(hours=2)
    page.get_by_label("Bắt đầu").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Kết thúc").fill((start + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Địa điểm").fill("Trụ sở Trung ương Đảng")
    page.get_by_label("Độ mật").select_option(label="Mật")
    press(page, "Tạo phiên họp")
    ok(page, "Đã tạo phiên họp")
    meeting_url = page.url
    page.get_by_label("Đề án đã thẩm định, đủ điều kiện trình").select_option(value=str(proposal.pk))
    page.get_by_label("Thời lượng dự kiến (phút)").fill("90")
    press(page, "Thêm vào chương trình")
    ok(page, "Đã thêm nội dung")
    for person, role in ((leader.person, "Chủ trì"), (ha.person, "Thư ký")):
        page.locator("summary", has_text="Thêm người dự").click()
        page.get_by_label("Người dự", exact=True).select_option(value=str(person.pk))
        page.get_by_label("Vai trò").select_option(label=role)
        press(page, "Thêm người dự")
        ok(page, "Đã thêm người dự")
    press(page, "Chốt chương trình, gửi tài liệu")
    press(page, "Ghi nhận đã họp")
    chip(page, "Đã họp")
    opinions = page.locator("section", has=page.get_by_role("heading", name="Ý kiến và tiếp thu, giải trình"))
    for who, text in (("leader", "Cần làm rõ hơn vai trò của kinh tế nhà nước trong mô hình mới."),
                      ("body", "Đề nghị bổ sung chỉ tiêu về tỷ trọng kinh tế tư nhân trong GDP.")):
        opinions.locator("summary", has_text="Ghi ý kiến về nội dung này").click()
        if who == "leader":
            opinions.get_by_label("Người cho ý kiến").select_option(value=str(leader.person.pk))
        else:
            opinions.get_by_label("hoặc cơ quan góp ý bằng văn bản").select_option(label="Tỉnh ủy Nghệ An")
        opinions.get_by_label("Ý kiến", exact=True).fill(text)
        press(page, "Ghi ý kiến")
        ok(page, "Đã ghi ý kiến")
    for n, (response, answer) in enumerate((
            ("Tiếp thu", "Đã bổ sung mục về vai trò dẫn dắt của kinh tế nhà nước."),
            ("Giải trình", "Chỉ tiêu tỷ trọng đã có trong Nghị quyết 68-NQ/TW; Đề án không nhắc lại."))):
        row = page.locator("tr[id^='y-kien-']").nth(n)
        row.locator("summary", has_text="Trả lời").click()
        row.get_by_label(response).check()
        row.get_by_label("Nội dung").fill(answer)
        press(page, "Ghi trả lời")
        ok(page, "Đã ghi tiếp thu, giải trình")
    expect(page.locator("tr[id^='y-kien-'] .chip").filter(has_text=re.compile("Tiếp thu|Giải trình"))) \
        .to_have_count(2)
    expect(opinions).to_contain_text("2 ý kiến · tiếp thu 1 · giải trình 1 · chưa trả lời 0")
    # The agenda's order number is a narrow column, not widened like a title (14rem would be 224 px).
    agenda = page.locator("section", has=page.get_by_role("heading", name="Chương trình họp"))
    assert width(agenda.locator("tbody td").first) < 80
    look(page, "34-cycle-meeting")

    # 5. The draft conclusion, issued as a KL: reviewed, format-checked, signed and numbered by the documents flow.
    drafts = page.locator("section", has=page.get_by_role("heading", name="Dự thảo kết luận"))
    drafts.locator("summary", has_text="Lưu dự thảo mới").click()
    drafts.get_by_label("Nội dung", exact=True).select_option(index=1)
    drafts.get_by_label("Nội dung dự thảo").fill(CONCLUSION)
    press(page, "Lưu dự thảo")
    ok(page, "Đã lưu dự thảo kết luận")
    page.get_by_label("Loại văn bản").select_option(value="KL")
    page.get_by_label("Người ký").select_option(value=str(leader.pk))
    press(page, "Ban hành từ dự thảo lần 1")
    expect(page.locator(".message-success")).to_contain_text("Đã tạo dự thảo văn bản kết luận")
    conclusion_url = page.url
    press(page, "Trình rà soát")
    act_as(context, live_server, leader)
    page.goto(conclusion_url)
    press(page, "Đạt, chuyển văn thư kiểm tra thể thức")
    act_as(context, live_server, clerk)
    page.goto(conclusion_url)
    press(page, "Đúng thể thức, trình ký")
    act_as(context, live_server, leader)
    page.goto(conclusion_url)
    page.get_by_label("Mật khẩu chứng thư ký số").fill(PASSPHRASE)
    press(page, "Ký ban hành")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"\d+-KL/TW"))
    found = re.search(r"\d+-KL/TW", page.get_by_role("heading", level=1).inner_text())
    assert found is not None
    symbol = found.group(0)
    look(page, "35-cycle-conclusion")

    # 6. From the issued conclusion's own page, which leads back to its meeting, proposal and programme item,
    # point 1 of section II to two provinces, with a deadline after its date.
    act_as(context, live_server, truong)
    page.goto(conclusion_url)
    origin = page.locator("section", has=page.get_by_role("heading", name="Kết luận của phiên họp"))
    for url, name in ((meeting_url, "Phiên họp Bộ Chính trị tháng 12 năm 2026"),
                      (proposal.get_absolute_url(), TITLE), (item.get_absolute_url(), TITLE)):
        expect(origin.locator(f'a[href="{url.removeprefix(live_server.url)}"]')).to_have_text(name)
    origin.get_by_role("link", name="Giao nhiệm vụ thực hiện kết luận").click()
    page.get_by_label("Điểm, mục của văn bản").select_option(label="điểm 1, mục II")
    deadline = timezone.localdate() + timedelta(days=120)
    page.get_by_label("Hạn hoàn thành").fill(deadline.isoformat())
    page.get_by_label("Cơ quan, tỉnh ủy, thành ủy thực hiện").select_option(
        label=["Thành ủy Hải Phòng", "Tỉnh ủy Nghệ An"])
    page.get_by_label("Yêu cầu cụ thể").fill("Gửi chương trình hành động về Văn phòng Trung ương Đảng.")
    look(page, "36-cycle-assign")
    press(page, "Giao nhiệm vụ")
    ok(page, "Đã giao 2 nhiệm vụ")
    tasks = list(Assignment.objects.filter(decision__symbol=symbol).order_by("pk"))
    assert [t.body.name for t in tasks] == ["Thành ủy Hải Phòng", "Tỉnh ủy Nghệ An"]
    assert all(t.anchor == "muc-II/diem-1" and t.deadline == deadline for t in tasks)

    # 7. Progress from both provinces, recorded by the unit that follows them; a reminder to the slower one.
    act_as(context, live_server, hong)
    for task, status, percent in ((tasks[0], "Đang triển khai", "40"), (tasks[1], "Chưa triển khai", "10")):
        page.goto(task.get_absolute_url())
        page.get_by_label("Tình trạng").select_option(label=status)
        page.get_by_label("Tiến độ (%)").fill(percent)
        page.get_by_label("Nội dung", exact=True).fill(f"{task.body.name} báo cáo: đã giao các sở, ngành xây dựng.")
        press(page, "Ghi báo cáo")
        ok(page, "Đã ghi báo cáo tiến độ")
        expect(page.locator("progress")).to_have_attribute("value", percent)
    act_as(context, live_server, truong)
    page.goto(tasks[1].get_absolute_url())
    page.get_by_label("Lời nhắn").fill("Đề nghị Tỉnh ủy khẩn trương xây dựng chương trình hành động.")
    press(page, "Đôn đốc")
    ok(page, "Đã đôn đốc")
    expect(page.locator("section", has=page.get_by_role("heading", name="Đôn đốc"))).to_contain_text(
        "khẩn trương xây dựng chương trình hành động")
    look(page, "37-cycle-assignment")

    # 8. The way back: the task names its point and leads to the meeting, the proposal and the programme item,
    # whose page shows the whole way down with both tasks and their progress.
    source = page.locator("section", has=page.get_by_role("heading", name="Nguồn gốc nhiệm vụ"))
    expect(page.get_by_role("link", name=f"điểm 1, mục II của Kết luận số {symbol}")).to_be_visible()
    steps = source.locator("li .muted")
    expect(steps).to_have_text(["Văn bản:", "Phiên họp:", "Đề án:", "Mục chương trình:"])
    source.get_by_role("link", name="Phiên họp Bộ Chính trị tháng 12 năm 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phiên họp Bộ Chính trị tháng 12 năm 2026")
    page.go_back()
    source.locator("li").nth(2).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    # The proposal names its meeting and conclusion, and leads on to the programme item.
    facts = page.locator(".kv").first
    expect(facts.get_by_role("link", name="Phiên họp Bộ Chính trị tháng 12 năm 2026")).to_be_visible()
    expect(facts.get_by_role("link", name=symbol)).to_be_visible()
    facts.get_by_role("link", name=TITLE, exact=True).click()
    assert page.url.endswith(item.get_absolute_url())
    trace = page.locator("section", has=page.get_by_role("heading", name="Quá trình thực hiện"))
    expect(trace.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(trace).to_contain_text("Thẩm định lần 1 (Đã duyệt báo cáo)")
    expect(trace.get_by_role("link", name="Phiên họp Bộ Chính trị tháng 12 năm 2026")).to_be_visible()
    expect(trace.get_by_role("link", name=f"{symbol} về {TITLE}", exact=True)).to_be_visible()
    rows = trace.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Thành ủy Hải Phòng")).to_contain_text("40 %")
    expect(rows.filter(has_text="Tỉnh ủy Nghệ An")).to_contain_text("10 %")
    chip(page, "Đã cho ý kiến, kết luận")
    look(page, "38-cycle-trace")
    assert problems.unexpected() == []
