"""Copies (MinHash) shown once with their outlets, and different articles on one happening grouped into events."""

from __future__ import annotations

import datetime as dt

from vanphong.infocenter.pipeline import dedupe
from vanphong.infocenter.pipeline.analyze import analyze_raw, to_json
from vanphong.infocenter.pipeline.items import RawItem

STORY = [
    "Sáng 8/11, mưa lớn kéo dài đã gây sạt lở đất nghiêm trọng tại xã Mậu A, tỉnh Lào Cai, vùi lấp 5 ngôi nhà, 3 người "
    "mất tích.",
    "Ngay sau khi nhận được thông tin, đồng chí Hoàng Gia Bảo, Phó Chủ tịch UBND tỉnh Lào Cai đã có mặt tại hiện "
    "trường, "
    "trực tiếp chỉ đạo công tác tìm kiếm cứu nạn.",
    "Lực lượng quân đội, công an, dân quân và người dân địa phương đã huy động hơn 300 người cùng nhiều phương tiện cơ "
    "giới tham gia tìm kiếm những người mất tích.",
]
OTHER_ANGLE = [
    "Chiều 8/11, Ban Chỉ huy Phòng thủ dân sự tỉnh Lào Cai cho biết vẫn chưa tìm thấy 3 người mất tích trong vụ sạt lở "
    "đất tại xã Mậu A.",
    "Chính quyền địa phương đã sơ tán 46 hộ dân đến nơi an toàn sau vụ sạt lở đất, bố trí lương thực và nước uống.",
]
UNRELATED = [
    "Sáng 8/11, tỉnh Lào Cai tổ chức hội nghị xúc tiến đầu tư vào các khu công nghiệp, thu hút hơn 200 doanh nghiệp.",
    "Đồng chí Hoàng Gia Bảo, Phó Chủ tịch UBND tỉnh Lào Cai cam kết tạo điều kiện thuận lợi cho các nhà đầu tư.",
]


def raw(source: str, title: str, paras: list[str], outlet: str, day: dt.date = dt.date(2025, 11, 8)) -> RawItem:
    return RawItem(source=source, kind="feed", title=title, content="\n".join(paras), outlet=outlet, published=day)


def test_copy_groups_find_exact_and_near_copies():
    edited = [STORY[0].replace("Sáng 8/11", "Rạng sáng 8/11"), *STORY[1:]]
    assert sorted(map(sorted, dedupe.copy_groups(["\n".join(STORY), "\n".join(STORY), "\n".join(edited),
                                                  "\n".join(UNRELATED)]))) == [[0, 1, 2], [3]]


def test_a_syndicated_copy_is_shown_once_with_its_outlets_and_an_angle_joins_the_event():
    result = analyze_raw([
        raw("a", "Sạt lở đất ở Lào Cai, 3 người mất tích", STORY, "Báo A"),
        raw("b", "Lào Cai: sạt lở vùi lấp 5 nhà", [*STORY, "Theo Báo A"], "Báo B"),
        raw("c", "Khẩn trương tìm kiếm người mất tích ở Lào Cai", OTHER_ANGLE, "Báo C", dt.date(2025, 11, 8)),
        raw("d", "Lào Cai xúc tiến đầu tư", UNRELATED, "Báo A"),
    ])
    assert [(i.source, i.copies, i.outlets) for i in result.items] == [
        ("a", ["b"], ["Báo A", "Báo B"]), ("c", [], ["Báo C"]), ("d", [], ["Báo A"])]
    events = {e.id: e.items for e in result.events}
    story = next(i.event for i in result.items if i.source == "a")
    assert sorted(events[story]) == ["a", "b", "c"]
    assert next(i.event for i in result.items if i.source == "d") != story
    shape = to_json(result)
    assert shape["events"][0] == {
        "id": story, "title": "Sạt lở đất ở Lào Cai, 3 người mất tích", "items": ["a", "b", "c"]}


def test_the_same_words_weeks_apart_are_two_events():
    later = [OTHER_ANGLE[0].replace("Chiều 8/11", "Chiều 20/12"), *OTHER_ANGLE[1:]]
    result = analyze_raw([
        raw("a", "Sạt lở đất ở Lào Cai", STORY, "Báo A"),
        raw("c", "Tìm kiếm người mất tích ở Lào Cai", later, "Báo C", dt.date(2025, 12, 20)),
    ])
    assert len(result.events) == 2


def test_an_article_published_later_about_the_same_day_still_joins():
    result = analyze_raw([
        raw("a", "Sạt lở đất ở Lào Cai", STORY, "Báo A"),
        raw("c", "Nhìn lại vụ sạt lở ở Lào Cai", OTHER_ANGLE, "Báo C", dt.date(2025, 11, 10)),
    ])
    assert len(result.events) == 1
