"""Pages and API of the information centre: events (newest and largest first, filters), an event's timeline, an
item with what was removed, the feed, watches, sources, the upload of a provincial report (original kept), the
rules page; search; and what one may not see answers 404 and is absent from lists."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.infocenter.test_copies_events import OTHER_ANGLE, STORY, UNRELATED, raw
from tests.search.helpers import find
from vanphong.infocenter.ingest import do_ingest
from vanphong.infocenter.models import Delivery, Event, InfoItem, KeywordRule, Source, Watch
from vanphong.security.classification import Classification

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def news(office):
    Watch.objects.create(user=office.mat, places=["Lào Cai"])
    edited = [STORY[0].replace("Sáng 8/11", "Rạng sáng 8/11"), *STORY[1:]]
    do_ingest([raw("https://a.vn/1", "Sạt lở tại Lào Cai, 3 người mất tích", STORY, "Báo A"),
               raw("https://b.vn/1", "Lào Cai: sạt lở vùi lấp 5 ngôi nhà", edited, "Báo B"),
               raw("https://c.vn/2", "Lào Cai tìm kiếm người mất tích", OTHER_ANGLE, "Báo C"),
               raw("https://a.vn/3", "Lào Cai xúc tiến đầu tư", UNRELATED, "Báo A")], actor=office.leader)
    return InfoItem.objects.get(reference="https://a.vn/1").event


def test_the_event_list_newest_and_largest_first_with_filters(office, news):
    c = client_for(office.mat)
    page = c.get("/thong-tin/").content.decode()
    assert page.index("Sạt lở tại Lào Cai") < page.index("Lào Cai xúc tiến đầu tư")
    # The office part's reports: Thường for all; the others for the specialist they were shared with.
    assert "LEAKCYCCYCINFTHUONGQ" in page and "LEAKCYCCYCINFMATQ" not in page
    assert "LEAKCYCCYCINFTUYETMATQ" in client_for(office.tuyetmat).get("/thong-tin/").content.decode()
    notable = c.get("/thong-tin/", {"dang-chu-y": "1"}).content.decode()
    assert "Sạt lở tại Lào Cai" in notable and "xúc tiến đầu tư" not in notable
    assert "Sạt lở" not in c.get("/thong-tin/", {"dia-ban": "Cà Mau"}).content.decode()


def test_the_event_page_shows_the_timeline_outlets_people_and_places(office, news):
    page = client_for(office.mat).get(news.get_absolute_url()).content.decode()
    for text in ("Diễn biến", "Báo A, Báo B", "1 bản đăng lại", "Báo C", "Hoàng Gia Bảo", "Phó Chủ tịch UBND tỉnh",
                 "Lào Cai", "Đáng chú ý"):
        assert text in page, text
    assert Delivery.objects.filter(user=office.mat, event=news, seen_at__isnull=True).count() == 0  # seen now


def test_the_item_page_shows_the_clean_text_beside_what_was_removed(office):
    html = ("<html><body><article><h1>Sạt lở tại Lào Cai</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
            + "<p>Xem thêm: Hà Nội tổ chức hội nghị</p></article></body></html>")
    from vanphong.infocenter.pipeline.items import RawItem

    do_ingest([RawItem(source="https://a.vn/p", kind="html", content=html)], actor=office.leader)
    item = InfoItem.objects.get(reference="https://a.vn/p")
    page = client_for(office.thuong).get(item.get_absolute_url()).content.decode()
    assert "Nội dung đã làm sạch" in page and "Phần đã lược bỏ" in page
    assert "vùi lấp 5 ngôi nhà" in page
    if item.removed:
        assert "<del>" in page


def test_what_one_may_not_see_answers_404_everywhere(office):
    do_ingest([raw("bao-cao/mat.txt", "Báo cáo SECRETWORD về xúc tiến đầu tư", UNRELATED, "Tỉnh ủy Lào Cai")],
              actor=office.leader, classification=Classification.MAT, shared_users=[office.tuyetmat])
    item = InfoItem.objects.get(reference="bao-cao/mat.txt")
    from vanphong.search import engine

    for who, status in ((office.tuyetmat, 200), (office.outsider, 404), (office.thuong, 404), (office.mat, 404)):
        c = client_for(who)
        assert c.get(item.get_absolute_url()).status_code == status
        assert c.get(item.event.get_absolute_url()).status_code == status
        assert c.get(f"/api/v1/info/items/{item.pk}").status_code == status
        assert c.get(f"/api/v1/info/events/{item.event_id}").status_code == status
        assert ("SECRETWORD" in c.get("/thong-tin/").content.decode()) == (status == 200)
        engine.node().searcher()
        assert find(who, "SECRETWORD").total == (2 if status == 200 else 0)  # the item and its event


def test_the_feed_page_and_marking_seen(office, news):
    c = client_for(office.mat)
    page = c.get("/thong-tin/theo-doi/").content.decode()
    assert "Sạt lở tại Lào Cai" in page and "Địa bàn: Lào Cai" in page and "Cảnh báo" in page
    assert "Lào Cai: sạt lở vùi lấp" not in page  # the copy is shown once, on its original
    d = Delivery.objects.filter(user=office.mat).first()
    assert c.post("/thong-tin/theo-doi/da-xem/", {"delivery": [d.pk]}).status_code == 302
    d.refresh_from_db()
    assert d.seen_at is not None
    assert client_for(office.toimat).get("/thong-tin/theo-doi/").content.decode().count("Sạt lở tại") == 0
    feed = c.get("/api/v1/info/feed").json()
    assert feed["count"] == Delivery.objects.filter(user=office.mat).count()


def test_watch_settings_page(office):
    c = client_for(office.mat)
    assert c.get("/thong-tin/theo-doi/cai-dat/").status_code == 200
    r = c.post("/thong-tin/theo-doi/cai-dat/", {"name": "Biển đảo", "fields": ["Đối ngoại"], "places": ["Khánh Hòa"],
                                                 "active": ["0", "1"], "email": "1"})
    assert r.status_code == 302
    w = Watch.objects.get(user=office.mat)
    assert (w.fields, w.places, w.email, w.active) == (["Đối ngoại"], ["Khánh Hòa"], True, True)
    r = c.post("/thong-tin/theo-doi/cai-dat/", {"fields": ["Thiên văn"]})
    assert r.status_code == 400 and "Không có lĩnh vực" in r.content.decode()
    assert client_for(office.toimat).get(f"/thong-tin/theo-doi/cai-dat/{w.pk}/").status_code == 404


def test_sources_upload_and_rules_for_analysts_only(office, analyst, django_capture_on_commit_callbacks):
    for url in ("/thong-tin/nguon/", "/thong-tin/nguon/moi/", "/thong-tin/quy-tac/"):
        assert client_for(office.thuong).get(url).status_code == 404
    c = client_for(analyst)
    assert c.get("/thong-tin/nguon/").status_code == 200
    r = c.post("/thong-tin/nguon/moi/", {"name": "Báo Miền Núi", "kind": "feed", "url": "ftp://x", "active": "1"})
    assert r.status_code == 400 and "http://" in r.content.decode()
    assert not Source.objects.filter(name="Báo Miền Núi").exists()
    r = c.post("/thong-tin/nguon/moi/", {"name": "Báo Miền Núi", "kind": "feed", "url": "https://mien-nui.invalid/rss",
                                         "classification": "0", "interval_minutes": "30", "delay_seconds": "2",
                                         "active": "1"})
    assert r.status_code == 302
    source = Source.objects.get(name="Báo Miền Núi")
    from vanphong.infocenter.tasks import fetch_source

    with django_capture_on_commit_callbacks() as callbacks:
        assert c.post(f"/thong-tin/nguon/{source.pk}/lay-tin/").status_code == 302
    assert any(getattr(cb, "func", None) == fetch_source.enqueue for cb in callbacks)
    assert "Đang chờ lấy tin" in c.get("/thong-tin/nguon/").content.decode()
    # Rules: add one; a bad one changes nothing.
    n = KeywordRule.objects.count()
    r = c.post("/thong-tin/quy-tac/", {"kind": "field", "target": "Đối ngoại", "phrase": "hội đàm cấp cao",
                                       "weight": "3", "active": ["0", "1"]})
    assert r.status_code == 302 and KeywordRule.objects.count() == n + 1
    assert c.post("/thong-tin/quy-tac/", {"kind": "field", "target": "Đối ngoại", "phrase": "hội đàm cấp cao",
                                          "weight": "3"}).status_code == 400
    assert KeywordRule.objects.count() == n + 1


def test_uploading_a_provincial_report_keeps_the_original(office, analyst):
    c = client_for(analyst)
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = "\n".join(["Báo cáo nhanh tình hình sạt lở đất", *STORY]).encode("utf-8")
    r = c.post("/thong-tin/gui-bao-cao/", {"outlet": "Tỉnh ủy Lào Cai", "classification": str(Classification.MAT),
                                           "file": SimpleUploadedFile("bao-cao.txt", body, "text/plain")})
    assert r.status_code == 302
    item = InfoItem.objects.get(source__kind="upload")
    assert item.classification == Classification.MAT and item.original is not None
    assert item.outlet == "Tỉnh ủy Lào Cai" and "mất tích" in item.text
    assert c.get(f"/thong-tin/tin/{item.pk}/tep-goc/").status_code == 200
    assert client_for(office.thuong).get(f"/thong-tin/tin/{item.pk}/tep-goc/").status_code == 404
    # The same file again: taken in once.
    c.post("/thong-tin/gui-bao-cao/", {"outlet": "Tỉnh ủy Lào Cai", "classification": str(Classification.MAT),
                                       "file": SimpleUploadedFile("bao-cao.txt", body, "text/plain")})
    assert InfoItem.objects.filter(source__kind="upload").count() == 1
    # Bad input: a clear error, nothing stored.
    r = c.post("/thong-tin/gui-bao-cao/", {"outlet": "Tỉnh ủy Lào Cai", "classification": "0",
                                           "file": SimpleUploadedFile("anh.png", b"\x89PNG", "image/png")})
    assert r.status_code == 400 and "HTML, TXT, DOCX hoặc PDF" in r.content.decode()
    r = c.post("/thong-tin/gui-bao-cao/", {"outlet": "Tỉnh ủy Lào Cai", "classification": str(Classification.TOI_MAT),
                                           "file": SimpleUploadedFile("b.txt", b"Noi dung", "text/plain")})
    assert r.status_code == 400  # above the analyst's clearance
    assert InfoItem.objects.filter(source__kind="upload").count() == 1


def test_api_events(office, news):
    c = client_for(office.mat)
    data = c.get("/api/v1/info/events").json()
    assert data["items"][0]["title"] == news.title
    detail = c.get(f"/api/v1/info/events/{news.pk}").json()
    assert detail["item_count"] == 3 and detail["outlet_count"] == 3
    assert [t["copies"] for t in detail["timeline"]] == [1, 0]
    item = c.get(f"/api/v1/info/items/{detail['timeline'][0]['item']['id']}").json()
    assert "mất tích" in item["text"] and isinstance(item["removed"], list)


def test_search_finds_items_and_events(office, news):
    from vanphong.search import engine

    engine.node().searcher()  # the index built and caught up (a first search may otherwise read a partial build)
    results = find(office.thuong, "vùi lấp")
    assert results.total >= 1
    assert Event.objects.filter(pk=news.pk).exists()
    assert find(office.thuong, "Mậu A").total >= 1
