"""The information centre in the browser, end to end: a third outlet's article on a happening already followed
arrives through an RSS feed the analyst fetches at once; it lands in the happening's event (three items, three
outlets) and in the feed of the specialist who follows its province and field, not in another's; the composer
puts the event in the day's bulletin, edits its summary and submits it; the approver approves and issues it; the
bulletin's PDF carries the event's heading with its diacritics."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import SCREENSHOTS, Problems, shot
from tests.e2e.test_documents import act_as, press
from tests.factories import make_user
from tests.infocenter.bulletin_helpers import grant
from tests.infocenter.test_fetch import Site, rss
from tests.security.test_tasks import IMMEDIATE
from vanphong.core.roles import Role
from vanphong.infocenter.ingest import do_ingest
from vanphong.infocenter.models import Bulletin, Delivery, Event, InfoItem, Watch
from vanphong.infocenter.pipeline.items import RawItem
from vanphong.security.classification import Classification

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DAY = dt.date(2026, 11, 5)
FIELD = "Nội chính và phòng, chống tham nhũng"  # a field's name, as the pipeline writes it on items
# A fictional happening, reported by two outlets before the test and by a third through the feed.
EARLIER = [
    ("https://bao-quang-ngai.invalid/khoi-to-ban-qlda", "Báo Quảng Ngãi",
     "Khởi tố vụ án sai phạm tại Ban Quản lý dự án đầu tư xây dựng tỉnh Quảng Ngãi",
     ["Ngày 5/11, Cơ quan Cảnh sát điều tra Công an tỉnh Quảng Ngãi đã khởi tố vụ án hình sự vi phạm quy định về "
      "đấu thầu gây hậu quả nghiêm trọng xảy ra tại Ban Quản lý dự án đầu tư xây dựng tỉnh Quảng Ngãi.",
      "Theo kết luận thanh tra, sai phạm trong đấu thầu các gói thầu xây dựng đường ven biển gây thất thoát hơn "
      "45 tỷ đồng của Nhà nước.",
      "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Quảng Ngãi yêu cầu xử lý nghiêm, thu hồi tối đa tài sản."]),
    ("https://tin-mien-trung.invalid/quang-ngai-dau-thau", "Tin Miền Trung",
     "Quảng Ngãi: sai phạm đấu thầu đường ven biển, thất thoát 45 tỷ đồng",
     ["Chiều 5/11, Công an tỉnh Quảng Ngãi cho biết đã khởi tố vụ án vi phạm quy định về đấu thầu tại Ban Quản lý "
      "dự án đầu tư xây dựng tỉnh, liên quan các gói thầu đường ven biển.",
      "Cơ quan điều tra đã khám xét nơi làm việc của 4 cán bộ Ban Quản lý dự án; vụ việc gây thất thoát hơn 45 tỷ "
      "đồng."]),
]
NEW = ("https://dien-dan-phap-luat.invalid/bat-tam-giam", "Quảng Ngãi bắt tạm giam 4 cán bộ Ban Quản lý dự án",
       ["Tối 5/11, Công an tỉnh Quảng Ngãi đã thi hành lệnh bắt tạm giam 4 cán bộ Ban Quản lý dự án đầu tư xây dựng "
        "tỉnh Quảng Ngãi trong vụ án vi phạm quy định về đấu thầu gây hậu quả nghiêm trọng.",
        "Sai phạm tại các gói thầu đường ven biển gây thất thoát hơn 45 tỷ đồng; Ban Chỉ đạo phòng, chống tham "
        "nhũng, tiêu cực tỉnh Quảng Ngãi chỉ đạo điều tra mở rộng vụ án."])
SUMMARY = ("Công an tỉnh Quảng Ngãi khởi tố vụ án vi phạm đấu thầu tại Ban Quản lý dự án đầu tư xây dựng tỉnh, "
           "bắt tạm giam 4 cán bộ; thất thoát hơn 45 tỷ đồng.")


def html(title: str, paras: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>" \
           f"{body}</article></body></html>"


@pytest.fixture
def immediate_tasks(settings):
    # "Lấy tin ngay" queues the fetch after commit; the immediate backend runs it there, in the live server's
    # request thread, as a worker would a moment later.
    from django_tasks import task_backends

    settings.TASKS = IMMEDIATE
    task_backends._settings = None  # type: ignore[attr-defined]
    yield
    task_backends._settings = None  # type: ignore[attr-defined]


@pytest.fixture
def feed_site():
    s = Site()
    yield s
    s.close()


def test_an_item_arrives_lands_in_its_event_and_feed_and_goes_into_an_issued_bulletin(
        office, page: Page, context: BrowserContext, live_server, problems: Problems, tmp_path, immediate_tasks,
        feed_site):
    unit = office.unit
    a = make_user("tt-a", clearance=Classification.MAT, unit=unit, roles=(Role.ANALYST,), full_name="Trần Văn An")
    b = make_user("tt-b", clearance=Classification.MAT, unit=unit, roles=(Role.ANALYST,), full_name="Lê Thị Bình")
    Watch.objects.create(user=a, name="Miền Trung, nội chính", fields=[FIELD], places=["Quảng Ngãi"])
    Watch.objects.create(user=b, name="Đối ngoại, Cà Mau", fields=["Đối ngoại"], places=["Cà Mau"])
    analyst = grant(make_user("tt-nguon", clearance=Classification.MAT, unit=unit, roles=(Role.ANALYST,),
                              full_name="Ngô Thị Thông Tin"), "manage_sources")
    composer = grant(make_user("tt-soan", clearance=Classification.MAT, unit=unit, roles=(Role.ANALYST,),
                               full_name="Đỗ Thị Thu Trang"), "add_bulletin", "change_bulletin")
    approver = grant(make_user("tt-duyet", clearance=Classification.TOI_MAT, unit=unit, roles=(Role.UNIT_HEAD,),
                               full_name="Vũ Quang Huy"), "approve_bulletin")

    # Two outlets reported the happening earlier (taken in by hand): one event of two items.
    report = do_ingest([RawItem(source=ref, kind="html", content=html(title, paras), title=title, outlet=outlet,
                                published=DAY) for ref, outlet, title, paras in EARLIER], actor=office.leader)
    assert len(report.created) == 2, report
    event = Event.objects.get(items__reference=EARLIER[0][0])
    assert Event.objects.filter(items__reference=EARLIER[1][0]).get() == event
    assert event.item_count == 2 and FIELD in event.fields, (event.item_count, event.fields)
    Delivery.objects.filter(user__in=[a, b]).delete()  # their feeds start empty: only the new item is looked for

    # A third outlet's feed, served on this machine.
    link, title, paras = NEW
    # The outlet an item carries is the feed's own title (the source's outlet is only the fallback).
    feed = (rss([(link, title, paras)]).replace("Báo Miền Núi".encode(), "Diễn đàn Pháp luật".encode())
            .replace(b"Sat, 08 Nov 2025 09:00:00 +0700", b"Thu, 05 Nov 2026 20:00:00 +0700"))
    feed_site.pages["/rss"] = (200, feed, {"ETag": '"v1"'})

    # The analyst adds the feed as a source and fetches it at once.
    act_as(context, live_server, analyst)
    page.goto("/thong-tin/nguon/")
    page.get_by_role("link", name="Thêm nguồn tin").click()
    page.get_by_label("Tên nguồn").fill("Diễn đàn Pháp luật")
    page.get_by_label("Loại nguồn").select_option(label="Kênh tin RSS/Atom")
    page.get_by_label("Địa chỉ (kênh tin, trang web)").fill(feed_site.url("/rss"))
    page.get_by_label("Cơ quan báo chí, đơn vị gửi").fill("Diễn đàn Pháp luật")
    page.get_by_label("Giãn cách với cùng máy chủ (giây)").fill("0")
    press(page, "Lưu nguồn tin")
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nguồn tin “Diễn đàn Pháp luật”")
    press(page, "Lấy tin ngay")
    expect(page.get_by_role("status").first).to_contain_text("vào hàng đợi lấy tin")
    expect(page.get_by_role("cell", name="1 tin mới", exact=False)).to_be_visible()
    shot(page, "thong-tin-nguon-lay-tin")
    assert [p for _, p, _ in feed_site.log] == ["/rss"]

    new = InfoItem.objects.get(reference=link)
    assert new.event_id == event.pk and new.outlet == "Diễn đàn Pháp luật"

    # The event now has three items from three outlets.
    page.goto(f"/thong-tin/su-kien/{event.pk}/")
    expect(page.locator(".lead")).to_contain_text("3 tin, bài của 3 cơ quan")
    timeline = page.locator("#dien-bien").locator("..")
    expect(timeline.get_by_role("link", name=title)).to_be_visible()
    for _, _, earlier, _ in EARLIER:
        expect(timeline.get_by_role("link", name=earlier)).to_be_visible()
    shot(page, "thong-tin-su-kien")

    # In A's feed, not in B's.
    act_as(context, live_server, a)
    page.goto("/thong-tin/theo-doi/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title))
    expect(row).to_be_visible()
    expect(row).to_contain_text("Địa bàn: Quảng Ngãi")
    expect(row.get_by_role("link", name="sự kiện 3 tin")).to_be_visible()
    shot(page, "thong-tin-theo-doi-a")
    act_as(context, live_server, b)
    page.goto("/thong-tin/theo-doi/")
    expect(page.get_by_role("heading", name="Tin tôi theo dõi", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    expect(page.get_by_text("Chưa có tin nào được chuyển đến bạn.")).to_be_visible()
    assert list(Delivery.objects.filter(user__in=[a, b]).values_list("user_id", "item_id")) == [(a.pk, new.pk)]

    # The composer puts the event in the day's bulletin and edits its summary.
    act_as(context, live_server, composer)
    page.goto("/thong-tin/ban-tin/")
    page.get_by_label("Ngày (bản tin tuần: một ngày trong tuần)").fill(DAY.isoformat())
    press(page, "Soạn bản tin")
    page.get_by_label(event.title).check()
    shot(page, "thong-tin-ban-tin-chon")
    press(page, "Đưa sự kiện đã chọn vào bản tin")
    bulletin = Bulletin.objects.get(created_by=composer)
    entry = bulletin.entries.get(event=event)
    page.locator(f"#summary-{entry.pk}").fill(SUMMARY)
    press(page, "Lưu bản tin")
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Đã lưu bản tin")
    shot(page, "thong-tin-ban-tin-soan")
    page.get_by_role("link", name="Xem bản tin, trình duyệt").click()
    expect(page.get_by_role("heading", name="I. Nội chính và phòng, chống tham nhũng")).to_be_visible()
    press(page, "Trình duyệt")

    # The approver, signed in on their own, approves and issues it to the unit.
    act_as(context, live_server, approver)
    page.goto(f"/thong-tin/ban-tin/{bulletin.pk}/")
    press(page, "Duyệt bản tin")
    page.get_by_label(unit.name).check()
    press(page, "Phát hành bản tin")
    expect(page.get_by_role("heading", level=1)).to_contain_text("số 1/2026")
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    shot(page, "thong-tin-ban-tin-phat-hanh")

    # The PDF, downloaded through the page, carries the event's heading with its diacritics.
    with page.expect_download() as dl:
        page.get_by_role("link", name="Tải PDF").click()
    pdf = tmp_path / "ban-tin.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    heading = " ".join(entry.heading.split())
    assert heading and heading in text, (heading, text[:500])
    assert "NỘI CHÍNH VÀ PHÒNG, CHỐNG THAM NHŨNG" in text and "bắt tạm giam 4 cán bộ" in text
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                        str(SCREENSHOTS / "thong-tin-ban-tin-pdf")], check=True)
    assert problems.unexpected() == []
