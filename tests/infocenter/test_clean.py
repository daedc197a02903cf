"""Cleaning: trafilatura for HTML, then the Vietnamese clutter filter, title, author and publication date."""

from __future__ import annotations

import datetime as dt

from vanphong.infocenter.pipeline.clean import clean
from vanphong.infocenter.pipeline.clutter import filter_lines
from vanphong.infocenter.pipeline.items import RawItem

BODY = [
    "Sáng 5/11, đồng chí Nguyễn Văn An, Bí thư Thành ủy Hải Phòng làm việc với Đảng ủy xã Gia Lộc về công tác xây "
    "dựng Đảng và phát triển kinh tế – xã hội.",
    "Báo cáo tại buổi làm việc, lãnh đạo xã cho biết thu ngân sách 10 tháng đạt 112 tỷ đồng, tăng 15% so với cùng kỳ.",
    "Kết luận buổi làm việc, đồng chí Nguyễn Văn An đề nghị xã tập trung tháo gỡ vướng mắc về đất đai...",
]


def test_widgets_lists_captions_and_credits_go_and_every_body_paragraph_stays():
    lines = ["Chia sẻ | In bài | Zalo", BODY[0], "Đồng chí Nguyễn Văn An phát biểu. Ảnh: Minh Anh", "Tin liên quan",
             "Hà Nội khánh thành cầu vượt sông Hồng", "Bộ Nội vụ hướng dẫn sắp xếp cán bộ cấp xã", BODY[1],
             "Xem thêm: Lạng Sơn thông quan 1.000 xe hàng mỗi ngày", BODY[2], "Minh Anh",
             "Theo dõi Báo X trên Google News", "Từ khóa: Hải Phòng, xây dựng Đảng", "Đọc nhiều",
             "Thủ tướng làm việc với các tỉnh miền Trung",
             "Sáng nay, UBND tỉnh tổ chức hội nghị đánh giá kết quả thực hiện các chương trình..."]
    out = filter_lines(lines)
    assert out.kept == BODY
    assert out.credit == "Minh Anh"


def test_intertitles_and_list_items_are_body():
    lines = [BODY[0], "Ba nhiệm vụ trọng tâm", "- Hoàn thành sắp xếp trụ sở", "- Giải ngân hết vốn đầu tư công",
             BODY[1]]
    assert filter_lines(lines).kept == lines


def test_a_page_of_only_clutter_is_a_clear_error():
    page = ("<html><body><div>Chia sẻ | In bài</div><h3>Tin liên quan</h3><ul><li><a>Hà Nội tổ chức hội nghị cán bộ</a>"
            "</li><li><a>Thủ tướng làm việc với tỉnh</a></li></ul><p>Bình luận (0)</p></body></html>")
    cleaned = clean(RawItem(source="x.html", kind="html", content=page))
    assert cleaned.paragraphs == []
    assert "Không còn nội dung" in cleaned.error


def test_html_title_author_date_from_metadata():
    page = ("<html><head><title>Tin chính - Báo X</title><meta property='og:title' content='Tin chính'>"
            "<meta property='article:published_time' content='2025-11-05T08:00:00+07:00'><meta name='author' "
            "content='Lan Hương'><meta property='og:site_name' content='Báo X'></head><body><article><h1>Tin chính</h1>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</article></body></html>")
    cleaned = clean(RawItem(source="x.html", kind="html", content=page))
    assert (cleaned.title, cleaned.author, cleaned.outlet, cleaned.published) == (
        "Tin chính", "Lan Hương", "Báo X", dt.date(2025, 11, 5))
    assert cleaned.paragraphs == BODY


def test_a_dateline_gives_the_date_when_the_page_has_no_metadata():
    page = ("<html><body><h1>Tin chính</h1><div class='date-time'>Thứ Tư, 05/11/2025 - 08:30</div>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</body></html>")
    assert clean(RawItem(source="x.html", kind="html", content=page)).published == dt.date(2025, 11, 5)


def test_sang_5_11_is_resolved_against_the_feed_date_and_unknown_without_one():
    text = "\n".join(BODY)
    with_feed = clean(RawItem(source="f#1", kind="feed", content=text, title="Tin", reference=dt.date(2025, 11, 6)))
    assert with_feed.published == dt.date(2025, 11, 5)
    alone = clean(RawItem(source="a.txt", kind="text", content="Tiêu đề bản tin\n\n" + text))
    assert alone.title == "Tiêu đề bản tin"
    assert alone.published is None
    assert alone.happened is None


def test_the_day_reported_on_comes_from_the_lead():
    raw = RawItem(source="f#1", kind="feed", content="\n".join(BODY), title="Tin", published=dt.date(2025, 11, 6))
    cleaned = clean(raw)
    assert (cleaned.published, cleaned.happened) == (dt.date(2025, 11, 6), dt.date(2025, 11, 5))
