"""People with their titles, as political news writes them."""

from __future__ import annotations

from vanphong.infocenter.pipeline.people import people
from vanphong.text import normalize


def found(text: str) -> list[tuple[str, list[str]]]:
    return [(p.name, p.titles) for p in people(normalize(text))]


def test_name_then_titles():
    assert found("Trần Văn Tâm, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư chủ trì hội nghị.") == [
        ("Trần Văn Tâm", ["Ủy viên Bộ Chính trị", "Thường trực Ban Bí thư"])]


def test_title_then_name():
    assert found("Thường trực Ban Bí thư Trần Văn Tâm phát biểu.") == [("Trần Văn Tâm", ["Thường trực Ban Bí thư"])]


def test_several_titles_before_the_name():
    assert found("Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương Lê Minh Quang nhấn mạnh.") == [
        ("Lê Minh Quang", ["Ủy viên Bộ Chính trị", "Trưởng Ban Tổ chức Trung ương"])]


def test_dong_chi_and_a_central_office_title():
    assert found("Dự có đồng chí Hà Thị Nga, Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng.") == [
        ("Hà Thị Nga", ["Bí thư Trung ương Đảng", "Chánh Văn phòng Trung ương Đảng"])]


def test_a_title_ending_with_a_place_and_a_name_right_after_it():
    assert found("Bí thư Thành ủy Hải Phòng Nguyễn Văn Bình làm việc với xã.") == [
        ("Nguyễn Văn Bình", ["Bí thư Thành ủy Hải Phòng"])]


def test_a_list_of_people_each_with_titles():
    text = ("Tham dự có các đồng chí: Phạm Thị Lan, Phó Bí thư Thường trực Tỉnh ủy; Đỗ Minh Khôi, Phó Bí thư Tỉnh ủy, "
            "Chủ tịch UBND tỉnh; Hoàng Văn Sơn, Giám đốc Sở Kế hoạch và Đầu tư.")
    assert found(text) == [("Phạm Thị Lan", ["Phó Bí thư Thường trực Tỉnh ủy"]),
                           ("Đỗ Minh Khôi", ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]),
                           ("Hoàng Văn Sơn", ["Giám đốc Sở Kế hoạch và Đầu tư"])]


def test_a_title_shared_by_a_list():
    assert found("Các đồng chí Phó Chủ tịch UBND tỉnh: Nguyễn Hữu Nam, Trần Thị Mai cùng dự.") == [
        ("Nguyễn Hữu Nam", ["Phó Chủ tịch UBND tỉnh"]), ("Trần Thị Mai", ["Phó Chủ tịch UBND tỉnh"])]


def test_a_title_before_the_next_name_is_not_given_to_the_previous_one():
    text = "Đồng chí Lê Văn Hải, Bí thư Tỉnh ủy và Chủ tịch UBND tỉnh Nguyễn Thị Bình cắt băng khánh thành."
    assert found(text) == [("Lê Văn Hải", ["Bí thư Tỉnh ủy"]), ("Nguyễn Thị Bình", ["Chủ tịch UBND tỉnh"])]


def test_ranks_former_titles_and_unknown_bodies():
    text = ("Thiếu tướng Lê Văn Dũng, Giám đốc Công an tỉnh Nghệ An báo cáo. Ông Phan Việt Cường, nguyên Chủ tịch Hội "
            "đồng thành viên Tổng công ty Đường sắt miền Bắc, Giám đốc Ban Quản lý dự án đường sắt cho biết.")
    assert found(text) == [
        ("Lê Văn Dũng", ["Thiếu tướng", "Giám đốc Công an tỉnh Nghệ An"]),
        ("Phan Việt Cường", ["nguyên Chủ tịch Hội đồng thành viên Tổng công ty Đường sắt miền Bắc",
                             "Giám đốc Ban Quản lý dự án đường sắt"])]


def test_mentions_of_one_person_meet_and_the_longer_title_is_kept():
    text = ("Đồng chí Vũ Đức Minh, Bí thư Thành ủy Đà Nẵng dự lễ. Phát biểu tại lễ, Bí thư Thành ủy Vũ Đức Minh "
            "đề nghị. Ông Đức Minh cũng thăm công nhân.")
    assert found(text) == [("Vũ Đức Minh", ["Bí thư Thành ủy Đà Nẵng"])]


def test_places_heads_without_names_and_historical_figures_are_not_people():
    text = ("Hà Nội và Hà Nam phối hợp. Thủ tướng Chính phủ ký công điện. Chủ tịch UBND tỉnh chỉ đạo. Học tập tư tưởng "
            "Hồ Chí Minh. Bí thư Tỉnh ủy đã kết luận.")
    assert found(text) == []


def test_a_bare_full_name_is_a_person_without_titles_and_a_surname_that_is_a_container_word_still_works():
    text = "Thầy Trịnh Văn Đức chia sẻ. Ông Đoàn Văn Lực, Chủ tịch UBND xã Gia Lộc cho biết."
    assert found(text) == [("Trịnh Văn Đức", []), ("Đoàn Văn Lực", ["Chủ tịch UBND xã Gia Lộc"])]


def test_a_foreign_name_after_dong_chi():
    assert found("Đồng chí Khamphăn Phômmavẳn, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Champasak cảm ơn.") == [
        ("Khamphăn Phômmavẳn", ["Bí thư Tỉnh ủy", "Tỉnh trưởng tỉnh Champasak"])]


def test_a_country_ends_a_title_and_is_never_a_name():
    assert found("Bộ trưởng Bộ Ngoại giao Lê Hoài Nam tiếp Đại sứ Nhật Bản. Đại sứ Nhật Bản Ito Naoki cảm ơn.") == [
        ("Lê Hoài Nam", ["Bộ trưởng Bộ Ngoại giao"]), ("Ito Naoki", ["Đại sứ Nhật Bản"])]
