"""Bulletin pages and API: the editor, HTMX re-summarising, the steps through the pages, the API's checks, the
demo's bulletins."""

from __future__ import annotations

import pytest

from tests.factories import make_user
from tests.infocenter.bulletin_helpers import DAY, grant, make_event
from vanphong.core.roles import Role
from vanphong.infocenter import demo_bulletins
from vanphong.infocenter.bulletins import services
from vanphong.infocenter.models import Bulletin
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db
M = Classification.MAT
TEXT = ("Chiều 5/11, Tỉnh ủy Nghệ An tổng kết mô hình chuyển đổi số cấp xã. Hơn 400 xã đã đưa dịch vụ công "
        "trực tuyến vào sử dụng, giúp người dân tiết kiệm thời gian đi lại. Tỉnh đặt mục tiêu phủ kín dịch vụ "
        "công trực tuyến toàn trình trong năm 2027.")


@pytest.fixture
def composer(office):
    return grant(make_user("bt-soan", clearance=M, unit=office.unit, roles=(Role.ANALYST,)), "add_bulletin")


@pytest.fixture
def approver(office):
    return make_user("bt-duyet", clearance=M, unit=office.unit, roles=(Role.UNIT_HEAD,))


def test_a_composer_creates_a_bulletin_picks_events_and_edits_it_through_the_pages(client, composer, office):
    e = make_event(office.leader, "Nghệ An tổng kết chuyển đổi số cấp xã", [TEXT], fields=("khcn_chuyen_doi_so",))
    client.force_login(composer)
    r = client.post("/thong-tin/ban-tin/soan/", {"kind": "ngay", "period_start": DAY.isoformat(),
                                                 "classification": "0"})
    b = Bulletin.objects.get(created_by=composer)
    assert r.status_code == 302 and r["Location"] == f"/thong-tin/ban-tin/{b.pk}/sua/"
    page = client.get(r["Location"]).content.decode()
    assert "Nghệ An tổng kết chuyển đổi số cấp xã" in page and "Khoa học, công nghệ" in page
    client.post(f"/thong-tin/ban-tin/{b.pk}/them-su-kien/", {"version": "1", "events": [str(e.pk)]})
    entry = b.entries.get()
    b.refresh_from_db()
    r = client.post(f"/thong-tin/ban-tin/{b.pk}/luu/", {
        "version": str(b.version), "title": "Tình hình nổi bật ngày 05/11", "intro": "Lời dẫn.",
        "classification": "0", "entry": str(entry.pk), f"heading-{entry.pk}": "Nghệ An phủ kín dịch vụ công",
        f"summary-{entry.pk}": "Tóm tắt đã sửa.", f"section-{entry.pk}": "", f"position-{entry.pk}": "1",
        f"comment-{entry.pk}": "Các tỉnh khác sẽ làm theo."})
    assert r.status_code == 302
    entry.refresh_from_db()
    assert (entry.heading, entry.comment) == ("Nghệ An phủ kín dịch vụ công", "Các tỉnh khác sẽ làm theo.")
    read = client.get(f"/thong-tin/ban-tin/{b.pk}/").content.decode()
    assert "Nghệ An phủ kín dịch vụ công" in read and "Trình duyệt" in read


def test_htmx_writes_the_summary_again_and_hands_back_the_new_version(client, composer, office):
    e = make_event(office.leader, "Nghệ An tổng kết chuyển đổi số cấp xã", [TEXT])
    b = services.check_create_bulletin(composer, services.NewBulletin(kind="ngay", period_start=DAY))
    [entry] = services.check_add_events(composer, b.pk, 1, [e.pk])
    entry.summary = "Tóm tắt cũ"
    entry.save()
    client.force_login(composer)
    r = client.post(f"/thong-tin/ban-tin/{b.pk}/tom-tat-lai/", {"version": "2", "entry_id": str(entry.pk)},
                    HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "Chiều 5/11, Tỉnh ủy Nghệ An" in html
    assert 'name="version" value="3"' in html and 'hx-swap-oob="true"' in html


def test_the_api_refuses_an_event_the_composer_may_not_see_and_a_stale_version(client, composer, office):
    hidden = make_event(office.leader, "Tin mật không chia sẻ", [TEXT], level=M)
    seen = make_event(office.leader, "Nghệ An tổng kết chuyển đổi số cấp xã", [TEXT])
    client.force_login(composer)
    r = client.post("/api/v1/info/bulletins", {"kind": "ngay", "period_start": DAY.isoformat(),
                                                     "classification": "MAT"}, content_type="application/json")
    assert r.status_code == 201
    bid = r.json()["id"]
    r = client.post(f"/api/v1/info/bulletins/{bid}/events", {"version": 1, "event_ids": [hidden.pk]},
                    content_type="application/json")
    assert r.status_code == 400 and "Tin mật" not in r.content.decode()
    r = client.post(f"/api/v1/info/bulletins/{bid}/events", {"version": 1, "event_ids": [seen.pk]},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["entries"][0]["heading"].startswith("Nghệ An")
    r = client.put(f"/api/v1/info/bulletins/{bid}", {"version": 1, "title": "Cũ", "classification": "MAT",
                                                           "entries": []}, content_type="application/json")
    assert r.status_code == 409


def test_a_person_who_may_not_see_a_bulletin_gets_404_from_every_route(client, composer, office):
    b = services.check_create_bulletin(composer, services.NewBulletin(kind="ngay", period_start=DAY,
                                                                      classification=M))
    client.force_login(office.outsider)
    for url in ("", "sua/", "tep/pdf/"):
        assert client.get(f"/thong-tin/ban-tin/{b.pk}/{url}").status_code == 404
    for url in ("luu/", "them-su-kien/", "bo-muc/", "buoc/", "tom-tat-lai/"):
        assert client.post(f"/thong-tin/ban-tin/{b.pk}/{url}", {"version": "1", "step": "submit"}).status_code == 404
    assert client.get(f"/api/v1/info/bulletins/{b.pk}").status_code == 404


def test_the_demo_makes_an_issued_and_a_draft_bulletin_from_the_events(composer, approver, office):
    for n in range(3):
        make_event(office.leader, f"Sự kiện thử số {n} về chuyển đổi số", [TEXT], notable=n == 1)
    assert demo_bulletins.make_bulletins(composer, approver, [office.unit], [approver]) == 2
    mine = Bulletin.objects.filter(created_by=composer)
    issued = mine.get(status=Bulletin.Status.ISSUED)
    draft = mine.get(status=Bulletin.Status.DRAFT)
    # The office's own undated Thường report (an event of no day, offered for every period) may join them.
    assert issued.number == 1 and issued.document is not None
    assert issued.entries.filter(event__title__startswith="Sự kiện thử số").count() == 3
    assert issued.document.attachments.count() == 2
    assert draft.kind == Bulletin.Kind.WEEKLY and draft.entries.exists()
    # Notable first.
    assert issued.entries.order_by("position").first().heading == "Sự kiện thử số 1 về chuyển đổi số"


def test_the_demo_makes_nothing_without_events(composer, approver, office):
    assert demo_bulletins.make_bulletins(composer, approver, [office.unit], []) == 0
    assert not Bulletin.objects.filter(created_by=composer).exists()


def test_the_demo_part_composes_with_the_centre_s_specialist_and_the_chief_approves(db, settings, monkeypatch):
    from vanphong.core import demo as core_demo
    from vanphong.core.demo import DemoSize, build_demo

    def events(ctx):
        for n in range(3):
            make_event(ctx.chief.account, f"Sự kiện trình diễn {n}", [TEXT], day=ctx.today)

    settings.VANPHONG_DEMO_PASSWORD = "Mat-khau-trinh-dien-2026"
    monkeypatch.setattr(core_demo, "DEMO_PARTS", [events, demo_bulletins.build])
    report = build_demo(DemoSize(staff=100, assignments=10))
    assert report.parts["bulletins"] == {"bulletins": 2}
    issued = Bulletin.objects.get(status=Bulletin.Status.ISSUED)
    assert issued.created_by.has_perm("infocenter.add_bulletin") and issued.approved_by != issued.created_by
    assert issued.shared_with_units.exists() and issued.document.attachments.count() == 2


def test_a_stale_htmx_re_summary_keeps_the_typed_summary_and_says_why(client, composer, office):
    e = make_event(office.leader, "Nghệ An tổng kết chuyển đổi số cấp xã", [TEXT])
    b = services.check_create_bulletin(composer, services.NewBulletin(kind="ngay", period_start=DAY))
    [entry] = services.check_add_events(composer, b.pk, 1, [e.pk])
    client.force_login(composer)
    r = client.post(f"/thong-tin/ban-tin/{b.pk}/tom-tat-lai/", {"version": "1", "entry_id": str(entry.pk)},
                    HTTP_HX_REQUEST="true")
    assert r["HX-Reswap"] == "none" and 'id="bt-htmx-loi"' in r.content.decode()
    assert "người khác sửa" in r.content.decode()
