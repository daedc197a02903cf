"""Vietnamese matching: every variant without diacritics, exact diacritics first, phrases, the last word typed."""

from __future__ import annotations

from tests.factories import give
from tests.search.helpers import find, titles


def three_words(office):
    for title in ("Nghị quyết của Đảng về kinh tế", "Công việc đang làm về kinh tế", "Các dạng báo cáo về kinh tế"):
        give(office.leader, title, assignee=office.thuong)


def test_a_query_without_diacritics_finds_every_variant(office):
    three_words(office)
    found = titles(find(office.thuong, "dang kinh te", types=("assignment",)))
    assert sorted(found) == sorted([
        "Nghị quyết của Đảng về kinh tế", "Công việc đang làm về kinh tế", "Các dạng báo cáo về kinh tế",
    ])


def test_a_query_with_diacritics_ranks_the_exact_word_first(office):
    three_words(office)
    for typed, expected in (("Đảng", "Nghị quyết của Đảng về kinh tế"), ("đang", "Công việc đang làm về kinh tế"),
                            ("dạng", "Các dạng báo cáo về kinh tế")):
        results = find(office.thuong, f"{typed} kinh tế", types=("assignment",))
        assert results.total == 3
        assert results.hits[0].title == expected, typed
        assert results.hits[0].score > results.hits[1].score


def test_da_nang_finds_the_city_and_its_bodies(office):
    results = find(office.thuong, "da nang")
    found = titles(results)
    assert found[0].startswith("Đà Nẵng")
    assert "Thành ủy Đà Nẵng" in found


def test_a_former_province_name_finds_the_old_entry_and_its_successor(office):
    found = titles(find(office.thuong, "Hải Dương", types=("place",)))
    assert found[:2] == ["Hải Dương (cũ)", "Hải Phòng"]


def test_the_central_office_is_found_typed_without_diacritics(office):
    results = find(office.thuong, "van phong trung uong")
    assert results.hits[0].title == "Văn phòng Trung ương Đảng"


def test_people_are_found_with_their_current_titles(office):
    results = find(office.thuong, "pham van lanh")
    assert results.hits[0].title == "Phạm Văn Lãnh" and results.hits[0].type == "person"


def test_a_quoted_phrase_matches_the_words_in_order_only(office):
    give(office.leader, "Kiểm tra công tác cán bộ", assignee=office.thuong)
    give(office.leader, "Cán bộ kiểm tra công tác", assignee=office.thuong)
    found = titles(find(office.thuong, '"tra cong tac can bo"', types=("assignment",)))
    assert found == ["Kiểm tra công tác cán bộ"]


def test_the_last_word_matches_as_a_prefix_while_the_person_types(office):
    give(office.leader, "Chuẩn bị hội nghị tổng kết", assignee=office.thuong)
    assert titles(find(office.thuong, "hoi ng", types=("assignment",))) == ["Chuẩn bị hội nghị tổng kết"]
    # A finished word (followed by a space) must match whole.
    assert find(office.thuong, "hoi ng ", types=("assignment",)).total == 0


def test_snippets_mark_the_matched_words_and_escape_the_rest(office):
    give(office.leader, "Báo cáo <script>alert(1)</script> về Đảng", assignee=office.thuong)
    hit = find(office.thuong, "dang", types=("assignment",)).hits[0]
    assert "<mark>Đảng</mark>" in hit.snippet and "<mark>Đảng</mark>" in hit.title_html
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def words_apart(office):
    # The scattered record mentions every syllable more often; only the words as written tell them apart.
    give(office.leader, "Rà soát văn bản hội nghị trung ương", assignee=office.thuong)
    give(office.leader, "Hội đồng nghị sự: trung tâm văn hóa, ương ương hội nghị hội đồng trung bình",
         assignee=office.thuong)


def test_the_words_of_a_query_written_together_rank_above_the_same_syllables_scattered(office):
    words_apart(office)
    for typed in ("hội nghị trung ương", "hoi nghi trung uong"):
        found = titles(find(office.thuong, typed, types=("assignment",)))
        assert found[0] == "Rà soát văn bản hội nghị trung ương", typed
        assert len(found) == 2, "the ranking boost never narrows the match"


def test_the_segmenter_groups_the_syllables_of_a_query_into_words():
    from vanphong.search.parse import parse

    parsed = parse("Bộ Chính trị kết luận về hội nghị ")
    assert [[t.exact for t in c] for c in parsed.compounds] == [["bộ", "chính", "trị"], ["kết", "luận"],
                                                               ["hội", "nghị"]]
