"""Repeats: the same sender written in capitals, without diacritics, in another order or with initials, at an
address with the old province name, or the same matter in other words, is found and offered; an unrelated letter
is not; a protected sender is matched by keyed hashes alone and named nowhere; grouping is a recorded,
reversible decision."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.petitions.helpers import letter
from vanphong.core.errors import ServiceError
from vanphong.petitions import repeats
from vanphong.petitions.models import MatchKey, Petition, PetitionCase, RepeatDecision
from vanphong.petitions.services import SenderIn
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db

LAND = ("Gia đình tôi sử dụng thửa đất số 215 tờ bản đồ số 7 từ năm 1992, nay ủy ban xã cấp giấy chứng nhận cho "
        "người khác. Đề nghị thu hồi giấy chứng nhận cấp sai và trả lại đất cho gia đình tôi.")
ROAD = ("Đề nghị sửa chữa tuyến đường liên thôn qua xóm Bắc đã xuống cấp nhiều năm, mùa mưa học sinh đi học rất "
        "nguy hiểm, nhân dân đã nhiều lần kiến nghị nhưng chưa được giải quyết.")


def first(officer, **extra):
    return letter(officer, name="Nguyễn Văn An", address="Số 12 ngõ Hòa Bình, xã Gia Lộc, tỉnh Hải Dương",
                  contact="", content=extra.pop("content", LAND), **extra)


def cases_offered(user, done):
    return [c.case.pk for c in repeats.candidates_for(user, done.letter).cases]


def test_a_name_in_capitals_without_diacritics_at_the_old_province_is_the_same_sender(officer):
    earlier = first(officer)
    again = letter(officer, name="NGUYEN VAN AN", address="12 ngo Hoa Binh, TP. Hai Phong", contact="",
                   content="Toi viet don nay lan thu hai ve viec khac: de nghi cap lai so ho khau bi mat.")
    offer = repeats.candidates_for(officer, again.letter)
    assert [c.case.pk for c in offer.cases] == [earlier.case.pk]
    assert offer.cases[0].best.sender >= 0.9 and "Cùng người gửi" in offer.cases[0].best.reasons[0]
    assert any("trùng" in n for n in again.notices) and [c.case.pk for c in again.repeats] == [earlier.case.pk]


def test_word_order_and_initials_are_tolerated(officer):
    earlier = first(officer)
    for name in ("Văn An Nguyễn", "N. V. An", "Nguyễn V. An"):
        again = letter(officer, name=name, address="số 12, ngõ Hòa Bình, Hải Phòng", contact="",
                       content=f"Đơn của {name}: xin trích lục hồ sơ hộ tịch.")
        assert earlier.case.pk in cases_offered(officer, again), name


def test_the_same_matter_in_other_words_by_someone_else_is_found_by_its_content(officer):
    earlier = first(officer)
    again = letter(officer, name="Trần Thị Bình", address="Thôn Đông, xã Yên Bình, tỉnh Lào Cai", contact="",
                   content=LAND.replace("Gia đình tôi", "Gia đình bà con chúng tôi").replace("năm 1992", "1992"))
    offer = repeats.candidates_for(officer, again.letter)
    assert [c.case.pk for c in offer.cases] == [earlier.case.pk]
    assert offer.cases[0].best.sender == 0 and offer.cases[0].best.content >= repeats.CONTENT_THRESHOLD


def test_an_unrelated_letter_and_a_namesake_elsewhere_are_not_offered(officer):
    first(officer)
    other = letter(officer, name="Lê Thị Hoa", address="Số 3 Trần Phú, Hà Nội", contact="", content=ROAD)
    assert cases_offered(officer, other) == [] and not other.repeats
    namesake = letter(officer, name="Nguyễn Văn An", address="Ấp 4, xã Tân Hòa, tỉnh Cà Mau", contact="",
                      content="Kiến nghị về chế độ người có công với cách mạng của cha tôi.")
    assert cases_offered(officer, namesake) == []


def test_a_protected_sender_is_matched_without_being_named_anywhere(officer, office):
    name, address = "Phạm Thị Bímật", "Số 88 đường Kínđáo, tỉnh Hà Nam"
    earlier = letter(officer, name=name, address=address, contact="0977 111 222", kind="to_cao",
                     content=f"Tôi là {name}. Tôi tố cáo ông Đinh Văn Sai nhận hối lộ khi cấp phép xây dựng.",
                     shared_with=[office.leader])
    again = letter(officer, name="PHAM THI BIMAT", address="88 Kinđáo, Ninh Bình", contact="", kind="to_cao",
                   content="Tôi tiếp tục tố cáo việc ông Đinh Văn Sai nhận tiền, đến nay chưa được xem xét.",
                   shared_with=[office.leader])
    offer = repeats.candidates_for(officer, again.letter)
    assert [c.case.pk for c in offer.cases] == [earlier.case.pk]
    assert "được bảo vệ danh tính" in offer.cases[0].best.reasons[0]
    # The keys are keyed hashes: neither the name nor the address is anywhere in the table.
    stored = json.dumps(list(MatchKey.objects.values_list("key", flat=True)))
    assert "bimat" not in stored.lower()
    client = Client()
    for user in (officer, office.leader):
        client.force_login(user)
        for url in (f"/don-thu/{again.case.pk}/", f"/don-thu/{earlier.case.pk}/", "/don-thu/",
                    f"/api/v1/petitions/{again.case.pk}", "/api/v1/search?q=Sai", "/tim-kiem/?q=Sai"):
            page = client.get(url).content.decode().lower()
            for word in ("bímật", "bimat", "kínđáo", "kindao", "0977"):
                assert word not in page, (url, word)
    page = Client()
    page.force_login(officer)
    html = page.get(f"/don-thu/{again.case.pk}/").content.decode()
    assert f"Vụ việc #{earlier.case.pk}" in html and "Có đơn của cùng người gửi" in html


def test_a_denouncer_is_not_linked_to_an_open_letter_of_theirs_for_who_may_not_reveal(officer, office):
    """A complaint signed openly, then a denunciation by the same person on another matter: "same sender" would
    tell the handler who the denouncer is (the complaint's case names them). Only a holder of the reveal right
    is offered that link; the handler learns only that a case they cannot be shown exists."""
    complaint = first(officer, kind="khieu_nai", shared_with=[office.leader])
    denunciation = letter(officer, name="Nguyễn Văn An", address="Số 12 ngõ Hòa Bình, TP Hải Phòng", contact="",
                          kind="to_cao", content=ROAD.replace("Đề nghị sửa chữa", "Tôi tố cáo việc rút ruột"),
                          shared_with=[office.leader])
    assert denunciation.letter.protected and not complaint.letter.protected
    offer = repeats.candidates_for(officer, denunciation.letter)
    assert offer.cases == [] and offer.hidden == 1
    html = Client()
    html.force_login(officer)
    page = html.get(f"/don-thu/{denunciation.case.pk}/").content.decode()
    assert f"Vụ việc #{complaint.case.pk}" not in page
    # The other way round too: the complaint's page does not point at the denunciation.
    assert repeats.candidates_for(officer, complaint.letter).cases == []
    # Who may reveal identities sees the link (and may group the two).
    assert office.leader.has_perm("petitions.reveal_identity")
    assert [c.case.pk for c in repeats.candidates_for(office.leader, denunciation.letter).cases] == [
        complaint.case.pk]


def test_grouping_is_a_recorded_decision_and_ungrouping_needs_a_reason(officer):
    earlier = first(officer)
    again = letter(officer, name="NGUYEN VAN AN", address="12 ngo Hoa Binh, Hai Phong", contact="", content=LAND)
    source = again.case
    decision = repeats.check_group(officer, again.letter.pk, earlier.case.pk)
    assert decision.decision == RepeatDecision.Decision.GROUPED and decision.decided_by == officer
    assert Petition.objects.get(pk=again.letter.pk).case_id == earlier.case.pk
    assert PetitionCase.objects.get(pk=source.pk).merged_into_id == earlier.case.pk
    event = AuditEvent.objects.get(event_type="petitions.letter_grouped")
    assert event.actor == officer and event.new["from_case"] == source.pk and event.new["to_case"] == earlier.case.pk
    client = Client()
    client.force_login(officer)
    assert f"/don-thu/{source.pk}/" not in client.get("/don-thu/").content.decode()  # merged: no longer listed
    assert "Gộp vào một vụ việc" in client.get(f"/don-thu/{earlier.case.pk}/").content.decode()
    with pytest.raises(ServiceError, match="lý do"):
        repeats.check_ungroup(officer, decision.pk, "")
    undo = repeats.check_ungroup(officer, decision.pk, "Khác thửa đất, không cùng một việc.")
    assert Petition.objects.get(pk=again.letter.pk).case_id == source.pk
    assert PetitionCase.objects.get(pk=source.pk).merged_into_id is None
    assert RepeatDecision.objects.get(pk=decision.pk).undone_by == undo
    assert AuditEvent.objects.filter(event_type="petitions.letter_ungrouped", actor=officer).exists()
    with pytest.raises(ServiceError, match="đã được tách"):
        repeats.check_ungroup(officer, decision.pk, "Tách thêm lần nữa cho chắc.")


def test_not_the_same_matter_is_recorded_and_no_longer_offered(officer):
    earlier = first(officer)
    again = letter(officer, name="Nguyễn Văn An", address="Số 12 ngõ Hòa Bình, Hải Phòng", contact="", content=ROAD)
    client = Client()
    client.force_login(officer)
    response = client.post(f"/don-thu/don/{again.letter.pk}/gop/", {"case": earlier.case.pk,
                                                                     "decision": "khong_trung"})
    assert response.status_code == 302
    d = RepeatDecision.objects.get()
    assert d.decision == RepeatDecision.Decision.NOT_SAME and d.decided_by == officer
    assert cases_offered(officer, again) == []


def test_the_group_page_refuses_others_and_bad_input(officer, office):
    earlier = first(officer)
    again = letter(officer, name="Nguyễn Văn An", address="Số 12 ngõ Hòa Bình, Hải Phòng", contact="", content=LAND,
                   classification=1)
    client = Client()
    client.force_login(office.outsider)
    assert client.post(f"/don-thu/don/{again.letter.pk}/gop/", {"case": earlier.case.pk}).status_code == 404
    client.force_login(officer)
    client.post(f"/don-thu/don/{again.letter.pk}/gop/", {"case": "abc"})
    client.post(f"/don-thu/don/{again.letter.pk}/gop/", {"case": again.case.pk})
    assert not RepeatDecision.objects.exists()


def test_several_senders_each_match(officer):
    earlier = letter(officer, senders=[SenderIn("Hoàng Văn Một", "Thôn Trung, xã Hòa An, tỉnh Cao Bằng"),
                                       SenderIn("Lý Thị Hai", "Thôn Thượng, xã Hòa An, tỉnh Cao Bằng")],
                     content="Kiến nghị chung về nước sạch.")
    again = letter(officer, senders=[SenderIn("LY THI HAI", "thon Thuong, xa Hoa An, Cao Bang")],
                   content="Kiến nghị riêng về học bổng cho con.")
    assert cases_offered(officer, again) == [earlier.case.pk]


def test_the_api_offers_the_repeats_of_a_letter_it_registers_without_the_sender(officer):
    earlier = letter(officer, name="Phạm Thị Bímật", address="Số 88 đường Kínđáo, tỉnh Hà Nam", kind="to_cao",
                     content="Tôi tố cáo ông Đinh Văn Sai nhận hối lộ khi cấp phép xây dựng.")
    client = Client()
    client.force_login(officer)
    response = client.post("/api/v1/petitions", {
        "channel": "thu_dien_tu", "kind": "to_cao", "content": "Tiếp tục tố cáo ông Đinh Văn Sai.",
        "senders": [{"name": "PHAM THI BIMAT", "address": "88 Kinđáo, Ninh Bình"}]}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [r["case_id"] for r in body["repeats"]] == [earlier.case.pk] and body["repeats"][0]["protected"]
    text = response.content.decode().lower()
    assert "bimat" not in text and "bímật" not in text and "kinđáo" not in text
