"""Bulletins: composing under the access policy, concurrent edits, four eyes, gap-free numbers, rendering,
distribution by clearance, search."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.http import Http404

from tests.factories import make_user
from tests.infocenter.bulletin_helpers import DAY, grant, make_event
from tests.search.helpers import find
from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Notice
from vanphong.core.roles import Role
from vanphong.documents.models import Attachment
from vanphong.infocenter.bulletins import queries, services
from vanphong.infocenter.models import Bulletin
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db

M = Classification.MAT
TEXT = ("Sáng 5/11, Ban Thường vụ Tỉnh ủy Quảng Trị họp bàn giải pháp phục hồi sản xuất sau lũ. "
        "Lũ lớn làm ngập 2.000 ha lúa và hư hại nhiều tuyến đường liên xã ở các xã miền núi. "
        "Tỉnh ủy yêu cầu khôi phục sản xuất lúa và sửa chữa đường liên xã trước ngày 20/11.")


@pytest.fixture
def people(office):
    composer = grant(make_user("bt-soan", clearance=M, unit=office.unit, roles=(Role.ANALYST,),
                               full_name="Đỗ Thị Soạn"), "add_bulletin", "change_bulletin")
    approver = make_user("bt-duyet", clearance=Classification.TOI_MAT, unit=office.unit,
                         roles=(Role.UNIT_HEAD,), full_name="Vũ Văn Duyệt")
    return {"composer": composer, "approver": approver, "office": office}


def _new(user, kind="ngay", level=Classification.THUONG):
    return services.check_create_bulletin(user, services.NewBulletin(kind=kind, period_start=DAY,
                                                                     classification=level))


def _add(user, b, *events):
    b.refresh_from_db()
    return services.check_add_events(user, b.pk, b.version, [e.pk for e in events])


def _issue(b, composer, approver, readers=(), units=()):
    b.refresh_from_db()
    services.check_step(composer, b.pk, "submit", b.version)
    b.refresh_from_db()
    services.check_step(approver, b.pk, "approve", b.version)
    b.refresh_from_db()
    return services.check_step(approver, b.pk, "issue", b.version,
                               readers=services.Readers(list(readers), list(units)))


def test_offered_events_are_those_the_composer_may_see_notable_first_grouped_by_field(people):
    c, office = people["composer"], people["office"]
    small = make_event(office.leader, "Hội nghị xúc tiến đầu tư", [TEXT], fields=("kinh_te_xa_hoi",))
    big = make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT, TEXT, TEXT], fields=("kinh_te_xa_hoi",))
    hot = make_event(office.leader, "Sự cố đê biển", [TEXT], fields=("thien_tai_moi_truong",), notable=True)
    hidden = make_event(office.leader, "Vụ việc mật không chia sẻ", [TEXT], level=M)
    b = _new(c)
    sections = queries.offered_events(c, b)
    offered = [e.pk for s in sections for e in s.entries]
    assert hidden.pk not in offered
    assert [s.label for s in sections] == ["Kinh tế – xã hội", "Tài nguyên, môi trường và phòng, chống thiên tai"]
    assert sections[0].entries == [big, small]
    assert queries.offered_events(c, b) and hot in sections[1].entries


def test_an_event_the_composer_may_not_see_cannot_be_added_by_its_id(people):
    c, office = people["composer"], people["office"]
    hidden = make_event(office.leader, "Vụ việc mật LEAKBULQ", [TEXT], level=M)
    b = _new(c, level=M)
    with pytest.raises(ServiceError) as err:
        _add(c, b, hidden)
    assert "LEAKBULQ" not in err.value.message
    assert "Không có sự kiện mã" in err.value.message
    assert not b.entries.exists()


def test_an_added_event_becomes_an_entry_with_a_generated_heading_and_summary(people):
    c, office = people["composer"], people["office"]
    e = make_event(office.leader, "Quảng Trị khắc phục hậu quả lũ", [TEXT], fields=("thien_tai_moi_truong",))
    b = _new(c)
    [entry] = _add(c, b, e)
    assert entry.heading == "Quảng Trị khắc phục hậu quả lũ"
    assert entry.summary.startswith("Sáng 5/11, Ban Thường vụ Tỉnh ủy Quảng Trị")
    assert entry.section == "thien_tai_moi_truong"


def test_an_ingested_event_whose_fields_are_names_goes_under_its_field_not_other_news(people):
    # The pipeline writes fields by name on what it takes in; the longest name would not even fit an entry's section.
    c, office = people["composer"], people["office"]
    long_name = "Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    e = make_event(office.leader, "Nghệ An đưa dịch vụ công về cấp xã", [TEXT], fields=(long_name,))
    other = make_event(office.leader, "Việc không rõ lĩnh vực", [TEXT], fields=("Thiên văn",))
    b = _new(c)
    offered = {e.pk: s.label for s in queries.offered_events(c, b) for e in s.entries}
    assert (offered[e.pk], offered[other.pk]) == (long_name, "Thông tin khác")
    entry, odd = _add(c, b, e, other)
    assert (entry.section, odd.section) == ("khcn_chuyen_doi_so", "khac")
    assert [s.label for s in queries.sections_of(queries.entries_of(b), queries.section_of)] == [
        long_name, "Thông tin khác"]


def test_a_bulletin_below_its_events_level_is_refused(people):
    c, office = people["composer"], people["office"]
    secret = make_event(office.leader, "Tin mật về an ninh", [TEXT], level=M, shared=(c,))
    b = _new(c)
    with pytest.raises(ServiceError, match="cao hơn độ mật của bản tin"):
        _add(c, b, secret)
    b2 = _new(c, level=M)
    [entry] = _add(c, b2, secret)
    b2.refresh_from_db()
    with pytest.raises(ServiceError, match="không được thấp hơn Mật"):
        services.check_save(c, b2.pk, b2.version, services.BulletinEdit(
            title=b2.title, intro="", classification=Classification.THUONG,
            entries=[services.EntryEdit(entry.pk, entry.heading, entry.summary)]))
    b2.refresh_from_db()
    assert b2.classification == M


def test_a_stale_save_is_a_conflict_and_changes_nothing(people):
    c, office = people["composer"], people["office"]
    e = make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT])
    b = _new(c)
    [entry] = _add(c, b, e)
    b.refresh_from_db()
    opened = b.version
    services.check_save(c, b.pk, opened, services.BulletinEdit(
        title="Bản của người thứ nhất", intro="", classification=0,
        entries=[services.EntryEdit(entry.pk, "Tiêu đề thứ nhất", "Tóm tắt thứ nhất", comment="Sẽ còn mưa")]))
    with pytest.raises(Conflict, match="người khác sửa"):
        services.check_save(c, b.pk, opened, services.BulletinEdit(
            title="Bản của người thứ hai", intro="", classification=0,
            entries=[services.EntryEdit(entry.pk, "Tiêu đề thứ hai", "Tóm tắt thứ hai")]))
    b.refresh_from_db()
    entry.refresh_from_db()
    assert (b.title, entry.heading, entry.comment) == ("Bản của người thứ nhất", "Tiêu đề thứ nhất", "Sẽ còn mưa")


def test_the_conflict_page_keeps_what_was_typed(client, people):
    c, office = people["composer"], people["office"]
    b = _new(c)
    [entry] = _add(c, b, make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT]))
    client.force_login(c)
    r = client.post(f"/thong-tin/ban-tin/{b.pk}/luu/", {
        "version": "1", "title": "Tiêu đề đang gõ", "intro": "", "classification": "0", "entry": str(entry.pk),
        f"heading-{entry.pk}": "Tiêu đề mục đang gõ dở", f"summary-{entry.pk}": "Tóm tắt", f"section-{entry.pk}": "",
        f"position-{entry.pk}": "1", f"comment-{entry.pk}": ""})
    assert r.status_code == 409
    html = r.content.decode()
    assert "Tiêu đề mục đang gõ dở" in html and "người khác sửa" in html


def test_the_composer_cannot_approve_their_own_bulletin(people):
    c, office = people["composer"], people["office"]
    c = grant(c, "approve_bulletin")
    b = _new(c)
    _add(c, b, make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT]))
    b.refresh_from_db()
    services.check_step(c, b.pk, "submit", b.version)
    b.refresh_from_db()
    with pytest.raises(Forbidden, match="hai người"):
        services.check_step(c, b.pk, "approve", b.version)
    plain = make_user(clearance=M, unit=office.unit)
    with pytest.raises((Forbidden, Http404)):
        services.check_step(plain, b.pk, "approve", b.version)
    services.check_step(people["approver"], b.pk, "approve", b.version)
    b.refresh_from_db()
    assert b.status == Bulletin.Status.APPROVED and b.approved_by == people["approver"]


def test_a_returned_bulletin_goes_back_to_draft_with_the_note(people):
    c, office, a = people["composer"], people["office"], people["approver"]
    b = _new(c)
    _add(c, b, make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT]))
    b.refresh_from_db()
    services.check_step(c, b.pk, "submit", b.version)
    b.refresh_from_db()
    with pytest.raises(ServiceError, match="lý do"):
        services.check_step(a, b.pk, "return", b.version)
    services.check_step(a, b.pk, "return", b.version, note="Bổ sung nhận định về mưa lũ")
    b.refresh_from_db()
    assert b.status == Bulletin.Status.DRAFT
    assert Notice.objects.filter(recipient=c, text__contains="trả lại").exists()


def test_numbers_run_per_kind_and_year_without_gaps_and_a_failed_issue_takes_none(people):
    c, office, a = people["composer"], people["office"], people["approver"]
    event = make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT])
    reader = make_user(clearance=Classification.THUONG, unit=office.unit)
    numbers = []
    for kind in ("ngay", "ngay", "tuan"):
        b = _new(c, kind=kind)
        _add(c, b, event)
        numbers.append(_issue(b, c, a, readers=[reader]).number)
    assert numbers == [1, 2, 1]
    b = _new(c)
    _add(c, b, event)
    with pytest.raises(ServiceError, match="chưa được tiếp cận"):
        low = make_user(clearance=Classification.THUONG)
        b.classification = M
        Bulletin.objects.filter(pk=b.pk).update(classification=M)
        _issue(b, c, a, readers=[low])
    b.refresh_from_db()
    assert b.number is None and b.status == Bulletin.Status.APPROVED
    b.refresh_from_db()
    services.check_step(a, b.pk, "issue", b.version, readers=services.Readers([people["office"].mat], []))
    b.refresh_from_db()
    assert b.number == 3


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_issuing_renders_a_docx_and_a_pdf_with_the_headings_in_vietnamese(people, client):
    from pypdf import PdfReader

    c, office, a = people["composer"], people["office"], people["approver"]
    b = _new(c)
    [entry] = _add(c, b, make_event(office.leader, "Quảng Trị khắc phục hậu quả lũ", [TEXT],
                                    fields=("thien_tai_moi_truong",)))
    b.refresh_from_db()
    services.check_save(c, b.pk, b.version, services.BulletinEdit(
        title=b.title, intro="", classification=0,
        entries=[services.EntryEdit(entry.pk, "Quảng Trị khẩn trương khôi phục sản xuất", entry.summary,
                                    comment="Mưa lớn có thể tiếp diễn đến cuối tuần.")]))
    b = _issue(b, c, a, readers=[office.thuong])
    doc = b.document
    assert doc is not None and doc.symbol == f"{b.number:02d}-BT/VPTW"
    files = {att.kind: att for att in doc.attachments.all()}
    with files[Attachment.Kind.RENDERED_DOCX].file.open() as fh:
        xml = _docx_text(fh.read())
    assert "Quảng Trị khẩn trương khôi phục sản xuất" in xml and "BẢN TIN HẰNG NGÀY" in xml
    with files[Attachment.Kind.RENDERED_PDF].file.open() as fh:
        pdf = PdfReader(io.BytesIO(fh.read()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "Quảng Trị khẩn trương khôi phục sản xuất" in text
    assert "TÀI NGUYÊN, MÔI TRƯỜNG VÀ PHÒNG, CHỐNG THIÊN TAI" in text
    assert "Nhận định, dự báo" in text
    client.force_login(office.thuong)
    r = client.get(f"/thong-tin/ban-tin/{b.pk}/tep/pdf/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    # The document it was issued as is an ordinary released document of the văn thư, with its history.
    r = client.get(doc.get_absolute_url())
    assert r.status_code == 200 and "01-BT/VPTW" in r.content.decode()


def test_a_classified_bulletin_reaches_its_readers_within_clearance_and_no_one_else(people, client):
    c, office, a = people["composer"], people["office"], people["approver"]
    secret = make_event(office.leader, "Diễn biến mật LEAKBULQ", [TEXT], level=M, shared=(c,))
    b = _new(c, level=M)
    _add(c, b, secret)
    b.refresh_from_db()
    services.check_save(c, b.pk, b.version, services.BulletinEdit(
        title="Tình hình LEAKBULQ", intro="", classification=M,
        entries=[services.EntryEdit(e.pk, e.heading, e.summary) for e in b.entries.all()]))
    b = _issue(b, c, a, readers=[office.mat])
    # The reader within clearance and on the list sees it, is told without its title; the others get 404.
    assert queries.access_bulletin(office.mat, b.pk) == b
    notice = Notice.objects.get(recipient=office.mat, url=b.get_absolute_url())
    assert "LEAKBULQ" not in notice.text and "độ Mật" in notice.text
    for outsider in (office.thuong, office.toimat, office.outsider):
        client.force_login(outsider)
        for url in (f"/thong-tin/ban-tin/{b.pk}/", f"/thong-tin/ban-tin/{b.pk}/tep/pdf/"):
            assert client.get(url).status_code == 404, (outsider, url)
        assert "LEAKBULQ" not in client.get("/thong-tin/ban-tin/").content.decode()
    client.force_login(office.mat)
    assert client.get(f"/thong-tin/ban-tin/{b.pk}/").status_code == 200


def test_a_reader_without_clearance_gets_404_even_on_the_list(people, client):
    c, office, a = people["composer"], people["office"], people["approver"]
    secret = make_event(office.leader, "Diễn biến mật", [TEXT], level=M, shared=(c,))
    b = _new(c, level=M)
    _add(c, b, secret)
    b = _issue(b, c, a, units=[office.unit])  # the whole unit: thuong is in it but not cleared
    client.force_login(office.thuong)
    assert client.get(f"/thong-tin/ban-tin/{b.pk}/").status_code == 404
    assert not Notice.objects.filter(recipient=office.thuong, url=b.get_absolute_url()).exists()
    assert Notice.objects.filter(recipient=office.mat, url=b.get_absolute_url()).exists()


def test_a_draft_is_seen_only_by_its_composers_and_approvers(people, client):
    c, office = people["composer"], people["office"]
    b = _new(c)
    client.force_login(office.thuong)
    assert client.get(f"/thong-tin/ban-tin/{b.pk}/").status_code == 404
    client.force_login(people["approver"])
    assert client.get(f"/thong-tin/ban-tin/{b.pk}/").status_code == 200


def test_search_finds_an_issued_bulletin_for_a_reader_and_not_for_a_non_reader(people):
    c, office, a = people["composer"], people["office"], people["approver"]
    secret = make_event(office.leader, "Diễn biến Khánhhòaqz", [TEXT], level=M, shared=(c,))
    b = _new(c, level=M)
    _add(c, b, secret)
    assert find(office.mat, "Khánhhòaqz").total == 0  # not before it is issued
    _issue(b, c, a, readers=[office.mat])
    # The bulletin, and the document it was issued as.
    assert sorted(h.type for h in find(office.mat, "Khánhhòaqz").hits) == ["bulletin", "document"]
    assert find(office.toimat, "Khánhhòaqz").total == 0
    assert find(office.thuong, "Khánhhòaqz").total == 0


def test_a_summary_never_draws_on_an_item_more_secret_than_the_bulletin(people):
    from vanphong.infocenter.models import InfoItem

    c, office = people["composer"], people["office"]
    e = make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT])
    secret = InfoItem.objects.create(reference="bao-cao-mat", title="Báo cáo mật", text="Nội dung mật LEAKBULQ "
                                     "về lũ lớn, ngập lúa và đường liên xã ở các xã miền núi Quảng Trị.",
                                     event=e, classification=M, created_by=office.leader, published=DAY)
    secret.shared_with_users.add(c)
    b = _new(c)
    [entry] = _add(c, b, e)
    assert "LEAKBULQ" not in entry.summary


def test_submitting_tells_the_approvers_without_the_title_of_a_classified_bulletin(people):
    c, office, a = people["composer"], people["office"], people["approver"]
    b = _new(c, level=M)
    _add(c, b, make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT]))
    b.refresh_from_db()
    b.title = "Tình hình LEAKBULQ"
    b.save()
    services.check_step(c, b.pk, "submit", b.version)
    notice = Notice.objects.get(recipient=a, url=b.get_absolute_url())
    assert "LEAKBULQ" not in notice.text and "chờ duyệt" in notice.text
    # The approver of a Mật bulletin, on its list now, may open it.
    assert queries.access_bulletin(a, b.pk) == b


@pytest.mark.parametrize("change, message", [
    ({"kind": "thang"}, "loại bản tin"),
    ({"period_end": DAY.replace(day=1)}, "từ ngày bắt đầu trở đi"),
    ({"period_end": DAY.replace(year=2027)}, "ba tháng"),
    ({"classification": Classification.TOI_MAT}, "cao hơn độ mật bạn được tiếp cận"),
    ({"classification": 9}, "Độ mật không hợp lệ"),
])
def test_a_bad_new_bulletin_is_refused_with_a_clear_message_and_nothing_is_made(people, change, message):
    c = people["composer"]
    fields = {"kind": "ngay", "period_start": DAY, "period_end": None, "classification": Classification.THUONG,
              **change}
    with pytest.raises(ServiceError, match=message):
        services.check_create_bulletin(c, services.NewBulletin(**fields))
    assert not Bulletin.objects.filter(created_by=c).exists()


def test_a_bad_edit_changes_nothing(people):
    c, office = people["composer"], people["office"]
    b = _new(c)
    [entry] = _add(c, b, make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT]))
    other = _new(c)
    [foreign] = _add(c, other, make_event(office.leader, "Sự kiện khác", [TEXT]))
    b.refresh_from_db()
    bad = [
        [services.EntryEdit(entry.pk, "", "Tóm tắt")],
        [services.EntryEdit(entry.pk, "Tiêu đề", "x" * 6001)],
        [services.EntryEdit(entry.pk, "Tiêu đề", "Tóm tắt", section="khong-co")],
        [services.EntryEdit(foreign.pk, "Chiếm mục của bản tin khác", "Tóm tắt")],
    ]
    for entries in bad:
        with pytest.raises(ServiceError):
            services.check_save(c, b.pk, b.version, services.BulletinEdit("Tiêu đề mới", "", 0, entries))
    b.refresh_from_db()
    entry.refresh_from_db()
    foreign.refresh_from_db()
    assert b.title != "Tiêu đề mới" and entry.heading == "Lũ lớn ở Quảng Trị" and foreign.heading == "Sự kiện khác"


def test_nobody_without_the_right_composes_and_nothing_is_edited_after_submitting(people):
    c, office = people["composer"], people["office"]
    with pytest.raises(Forbidden):
        _new(office.mat)
    b = _new(c)
    [entry] = _add(c, b, make_event(office.leader, "Lũ lớn ở Quảng Trị", [TEXT]))
    b.refresh_from_db()
    services.check_step(c, b.pk, "submit", b.version)
    b.refresh_from_db()
    with pytest.raises(ServiceError, match="không sửa được"):
        services.check_save(c, b.pk, b.version, services.BulletinEdit(
            "Sửa lén", "", 0, [services.EntryEdit(entry.pk, "Sửa lén", "Tóm tắt")]))
