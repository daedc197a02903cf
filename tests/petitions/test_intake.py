"""Registering a letter: its incoming number, its senders (sealed, tidied, mapped to today's provinces), its files
kept once, and every bad input refused in Vietnamese with nothing saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.files.samples import pdf
from tests.petitions.helpers import letter
from vanphong.core.errors import Forbidden, ServiceError
from vanphong.documents.models import NumberSequence
from vanphong.files.models import StoredFile
from vanphong.petitions import protection
from vanphong.petitions.models import Petition, PetitionAttachment, PetitionCase, SealedItem, Sender
from vanphong.petitions.services import SenderIn, person_name
from vanphong.security.audit import AuditEvent

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (Petition.objects.count(), PetitionCase.objects.count(), Sender.objects.count(),
            SealedItem.objects.count(), PetitionAttachment.objects.count(), AuditEvent.objects.count())


def test_letters_are_numbered_one_after_another_in_a_register_of_each_year(officer):
    last_year = date(timezone.localdate().year - 1, 12, 30)
    numbers = [letter(officer, received_on=d).letter for d in (last_year, timezone.localdate(), last_year)]
    assert [(x.year, x.number) for x in numbers] == [(last_year.year, 1), (last_year.year + 1, 1),
                                                    (last_year.year, 2)]
    # The numbers come from the same sequence mechanism as the incoming documents, in sequences of their own.
    assert NumberSequence.objects.get(key=f"petitions:{last_year.year}").last == 2


def test_a_letter_without_a_sender_that_is_not_anonymous_is_refused_and_nothing_is_saved(officer):
    before = counts()
    with pytest.raises(ServiceError, match=r"chưa có người gửi.*nặc danh") as exc:
        letter(officer, senders=[SenderIn("  ", "", "")])
    assert exc.value.field == "senders"
    assert counts() == before
    assert not NumberSequence.objects.filter(key__startswith="petitions:").exists()


def test_an_anonymous_letter_is_registered_without_senders_and_one_with_names_is_contradictory(officer):
    done = letter(officer, anonymous=True, content="Phản ánh sai phạm ở xã, không ghi tên.")
    assert done.letter.anonymous and done.letter.senders.count() == 0
    with pytest.raises(ServiceError, match="nặc danh thì không ghi người gửi"):
        letter(officer, anonymous=True, senders=[SenderIn("Trần Văn Bảo")])


def test_a_sender_with_an_address_but_no_name_is_refused(officer):
    with pytest.raises(ServiceError, match="Người gửi thứ 2: hãy ghi họ tên"):
        letter(officer, senders=[SenderIn("Trần Văn Bảo"), SenderIn("", "Số 3 Trần Phú")])


@pytest.mark.parametrize(("written", "kept"), [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"), ("  lê   thị  hoà ", "Lê Thị Hòa"), ("Phạm Văn LEAKX", "Phạm Văn LEAKX"),
])
def test_names_in_capitals_or_small_letters_are_tidied(written, kept):
    assert person_name(written) == kept


def test_senders_are_sealed_tidied_and_placed_in_todays_province(officer):
    done = letter(officer, senders=[SenderIn("TRẦN THỊ THUỶ", "Thôn Đông, xã Tân Dân, tỉnh Hải Dương", "0912 345 678"),
                                    SenderIn("Nguyen Van Binh", "", "", "Quảng Nam")])
    first, second = done.letter.senders.select_related("place", "sealed")
    assert protection.identity_of(first).name == "Trần Thị Thủy"
    assert first.place.short_name == "Hải Phòng" and second.place.short_name == "Đà Nẵng"
    assert done.case.locality.short_name == "Hải Phòng"
    # Nothing of who wrote is stored in plain text: not in the sender row, not in the sealed bytes.
    assert b"Th\xe1\xbb\xa7y" not in bytes(first.sealed.data) and b"Tr" not in bytes(first.sealed.data)[:20]
    assert any("không dấu" in n and "thứ 2" in n for n in done.notices)
    assert any("tỉnh cũ" in n and "Hải Phòng" in n for n in done.notices)


def test_an_unknown_province_is_refused(officer):
    with pytest.raises(ServiceError, match="Không tìm thấy tỉnh, thành phố “Xứ Đoài”"):
        letter(officer, senders=[SenderIn("Trần Văn Bảo", "", "", "Xứ Đoài")])


def test_the_same_file_uploaded_twice_is_kept_once_and_the_person_is_told(officer, store):
    scan = pdf("Đơn khiếu nại")
    done = letter(officer, scans=[("don.pdf", scan)], enclosures=[("ban-sao.pdf", scan), ("quyet-dinh.pdf", pdf("QĐ"))])
    assert StoredFile.objects.count() == 2
    assert sorted(done.letter.attachments.values_list("name", "role")) == [("don.pdf", "ban_quet"),
                                                                          ("quyet-dinh.pdf", "kem_theo")]
    assert any("“ban-sao.pdf” trùng nội dung với tệp “don.pdf”" in n for n in done.notices)
    attachment = done.letter.attachments.get(name="don.pdf")
    assert attachment.file.verify() is None  # fixity: the stored bytes are the ones received


def test_the_scans_of_a_denunciation_are_sealed_not_put_in_the_file_store(officer, store):
    scan = pdf("Tôi là Nguyễn Văn Tố, chữ ký")
    done = letter(officer, kind="to_cao", scans=[("don-to-cao.pdf", scan), ("lan-2.pdf", scan)])
    assert StoredFile.objects.count() == 0 and not done.letter.attachments.exists()
    sealed = done.letter.sealed.get(kind=SealedItem.Kind.SCAN)
    assert protection.open_scan(sealed) == ("don-to-cao.pdf", scan)
    assert any("chỉ lưu một bản" in n for n in done.notices)


def test_a_refused_file_leaves_no_letter_and_takes_no_number(officer):
    before = counts()
    with pytest.raises(ServiceError):
        letter(officer, scans=[("don.pdf", pdf("Đơn")), ("chay.exe", b"MZ\x90\x00" + b"\x00" * 200)])
    assert counts() == before
    assert letter(officer).letter.number == 1


def test_a_letter_can_join_an_earlier_case_and_the_case_keeps_the_earliest_day(officer):
    first = letter(officer, received_on=timezone.localdate() - timedelta(days=3))
    again = letter(officer, case_id=first.case.pk, received_on=timezone.localdate() - timedelta(days=20))
    assert again.case.pk == first.case.pk and first.case.letters.count() == 2
    first.case.refresh_from_db()
    assert first.case.received_on == timezone.localdate() - timedelta(days=20)


def test_a_letter_dated_tomorrow_or_by_someone_without_the_right_is_refused(officer, office):
    with pytest.raises(ServiceError, match="sau hôm nay"):
        letter(officer, received_on=timezone.localdate() + timedelta(days=1))
    with pytest.raises(Forbidden, match="cán bộ xử lý đơn thư"):
        letter(office.thuong)
