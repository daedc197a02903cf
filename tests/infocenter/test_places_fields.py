"""Places (old provinces mapped to the current 34), organisations, fields and the notable flag."""

from __future__ import annotations

from vanphong.infocenter.pipeline import fields
from vanphong.infocenter.pipeline.gazetteer import tokenize
from vanphong.infocenter.pipeline.people import recognise
from vanphong.infocenter.pipeline.places import places_and_organizations
from vanphong.text import normalize


def places_orgs(text: str) -> tuple[list[str], list[str]]:
    tk = tokenize(normalize(text))
    return places_and_organizations(tk, recognise(tk)[1])


def test_former_provinces_are_reported_as_the_current_ones():
    places, _ = places_orgs(
        "Xã Gia Lộc thuộc tỉnh Hải Dương (cũ); các phường của Quảng Nam và Thừa Thiên Huế trước đây.")
    assert places == ["Hải Phòng", "Đà Nẵng", "Huế"]


def test_city_names_need_care():
    places, _ = places_orgs("Học tập tư tưởng Hồ Chí Minh tại TP.HCM và Thành phố Hồ Chí Minh, gần Thái Bình Dương.")
    assert places == ["Hồ Chí Minh"]


def test_a_province_inside_a_personal_name_is_not_a_place():
    places, _ = places_orgs("Ông Nguyễn Thái Bình, Giám đốc Sở Tài chính tỉnh Nghệ An cho biết.")
    assert places == ["Nghệ An"]


def test_organisations_with_their_place_and_national_bodies():
    _, orgs = places_orgs("UBND tỉnh Quảng Ninh, Ủy ban nhân dân tỉnh Quảng Ninh và Bộ Chính trị; Tỉnh ủy đã họp; "
                          "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng.")
    assert orgs == ["UBND tỉnh Quảng Ninh", "Bộ Chính trị", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"]


def test_fields_by_weighted_rules():
    assert fields.classify("Khởi tố vụ án tham nhũng", "Cơ quan điều tra đã khởi tố vụ án, bắt tạm giam 3 bị can.")[0] \
        == "Nội chính và phòng, chống tham nhũng"
    assert fields.classify("Diễn tập khu vực phòng thủ", "Lực lượng vũ trang diễn tập.") == ["Quốc phòng – an ninh"]
    assert fields.classify("Một ngày bình thường", "Trời đẹp.") == []


def test_diacritics_matter_bao_is_not_bao():
    assert fields.notable_score("Báo chí", "Các cơ quan báo chí đưa tin.") == 0
    assert fields.is_notable("Lũ quét ở Lào Cai", "Lũ quét làm 3 người mất tích.")
    assert not fields.is_notable("Hội nghị", "Hội nghị thông qua nghị quyết.")
