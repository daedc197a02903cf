"""Extractive summaries: Vietnamese sentence splitting, the lead first, the central sentence, no repeats."""

from __future__ import annotations

from vanphong.infocenter.pipeline.summary import centrality, split_sentences, summarize

# Written for these tests (fictional happenings), not taken from any news site.
FIRST = (
    "Sáng 5/11, tại TP. Hải Phòng, Ban Thường vụ Thành ủy tổ chức hội nghị sơ kết công tác phòng, chống thiên tai "
    "năm 2026 với sự tham dự của hơn 1.000 đại biểu.\n"
    "PGS.TS. Nguyễn Văn Hòa trình bày báo cáo về tác động của bão số 9 đối với sản xuất nông nghiệp ven biển. "
    "Theo báo cáo, bão số 9 làm hư hại 3.500 ha lúa và hàng trăm lồng bè nuôi trồng thủy sản của người dân. "
    "Hội nghị cũng nghe ý kiến của các sở, ngành về phương án sơ tán dân khi có bão lớn."
)
SECOND = (
    "Thành ủy Hải Phòng yêu cầu khắc phục nhanh thiệt hại do bão số 9 gây ra cho lúa và lồng bè thủy sản. "
    "Bão số 9 làm hư hại 3.500 ha lúa và hàng trăm lồng bè nuôi trồng thủy sản của người dân. "
    "Các xã ven biển được giao rà soát thiệt hại của bão số 9 để hỗ trợ người dân khôi phục sản xuất lúa, thủy sản. "
    "Trời hôm đó có mưa nhỏ."
)


def test_it_does_not_break_on_abbreviations_numbers_and_dates():
    sentences = split_sentences("Ngày 5/11, TP. Hồ Chí Minh đón 1.000 khách. PGS.TS. Trần An phát biểu! "
                                "Hội nghị kết thúc lúc 11 giờ 30. Ông Lê V. Bình, Q. Ba Đình, dự họp.")
    assert sentences == ["Ngày 5/11, TP. Hồ Chí Minh đón 1.000 khách.", "PGS.TS. Trần An phát biểu!",
                         "Hội nghị kết thúc lúc 11 giờ 30.", "Ông Lê V. Bình, Q. Ba Đình, dự họp."]


def test_a_paragraph_always_ends_a_sentence_and_a_lower_case_word_does_not_start_one():
    assert split_sentences("Tiêu đề không có dấu chấm\nCâu sau, v.v. và các ý khác.") == [
        "Tiêu đề không có dấu chấm", "Câu sau, v.v. và các ý khác."]


def test_the_lead_comes_first_even_when_it_is_not_the_most_central():
    s = summarize([FIRST, SECOND], max_sentences=3)
    assert s.sentences[0].startswith("Sáng 5/11, tại TP. Hải Phòng")
    scores = centrality(split_sentences(FIRST + "\n" + SECOND))
    assert scores.index(max(scores)) != 0


def test_it_picks_the_central_sentence_and_leaves_the_off_topic_one():
    s = summarize([FIRST, SECOND], max_sentences=2)
    assert len(s.sentences) == 2
    assert "3.500 ha lúa" in s.sentences[1]
    assert not any("mưa nhỏ" in x for x in summarize([FIRST, SECOND], max_sentences=5).sentences)


def test_a_sentence_repeated_by_a_syndicated_copy_is_picked_once():
    s = summarize([FIRST, SECOND, SECOND], max_sentences=5, max_chars=5000)
    damage = [x for x in s.sentences if "hư hại 3.500 ha lúa" in x]
    assert len(damage) == 1


def test_a_near_duplicate_sentence_is_not_picked_after_its_twin():
    twin = ("Theo báo cáo, cơn bão số 9 đã làm hư hại 3.500 ha lúa cùng hàng trăm lồng bè nuôi trồng thủy sản của "
            "người dân.")
    s = summarize([FIRST, twin], max_sentences=5, max_chars=5000)
    assert sum("3.500 ha lúa" in x for x in s.sentences) == 1


def test_the_budget_in_sentences_and_characters_is_kept():
    assert len(summarize([FIRST, SECOND], max_sentences=1).sentences) == 1
    short = summarize([FIRST, SECOND], max_sentences=5, max_chars=300)
    assert len(short.text) <= 300 or len(short.sentences) == 1


def test_empty_texts_give_an_empty_summary():
    assert summarize(["", "  \n "]).sentences == ()
