"""Fetching against a local server and files (no Internet): conditional requests (304 = nothing new), ETag and
Last-Modified kept, size limits, timeouts, retries with backoff, politeness per host, watched folders (HTML,
TXT, DOCX, PDF), the periodic claim, and an item arriving through a feed landing in its event and in the right
specialist's feed only."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests.infocenter.test_copies_events import OTHER_ANGLE, STORY
from vanphong.infocenter import fetch, tasks
from vanphong.infocenter.models import Delivery, InfoItem, Source, Watch

pytestmark = pytest.mark.django_db


def rss(entries: list[tuple[str, str, list[str]]]) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Sat, 08 Nov 2025 09:00:00 +0700</pubDate>"
        f"<description>{''.join(f'&lt;p&gt;{p}&lt;/p&gt;' for p in paras)}</description></item>"
        for link, t, paras in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Miền Núi</title>'
            f"{items}</channel></rss>").encode()


class Site:
    """A tiny local site: each path answers what `pages` says; every request is logged with its headers."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.delay = 0.0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.log.append((time.monotonic(), self.path, dict(self.headers)))
                if site.delay:
                    time.sleep(site.delay)
                status, body, headers = site.pages.get(self.path, (404, b"", {}))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                for k, v in {"Content-Type": "application/rss+xml; charset=utf-8", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def feed_source(office, site, path="/rss", **kw) -> Source:
    return Source.objects.create(name="Báo Miền Núi", kind=Source.Kind.FEED, url=site.url(path),
                                 created_by=office.leader, delay_seconds=0, **kw)


def test_an_item_arriving_through_a_feed_lands_in_its_event_and_in_the_right_feed_only(office, site):
    watcher = Watch.objects.create(user=office.mat, name="Lào Cai", places=["Lào Cai"])
    Watch.objects.create(user=office.toimat, name="Đối ngoại", fields=["Đối ngoại"], places=["Cà Mau"])
    site.pages["/rss"] = (200, rss([("https://mien-nui.vn/1", "Sạt lở ở Lào Cai, 3 người mất tích", STORY)]),
                          {"ETag": '"v1"'})
    source = feed_source(office, site)
    assert tasks.fetch_source.call(source.pk) == "ok"
    item = InfoItem.objects.get(reference="https://mien-nui.vn/1")
    assert item.source == source and item.event is not None and item.outlet == "Báo Miền Núi"
    routed = Delivery.objects.filter(item__source=source)
    assert sorted(routed.values_list("user_id", "item_id")) == sorted([(office.mat.pk, item.pk),
                                                                      (office.thuong.pk, item.pk)])
    assert routed.get(user=office.mat).watch == watcher
    # A second article on the same happening arrives: the event grows, and it is routed to the same person.
    site.pages["/rss"] = (200, rss([("https://mien-nui.vn/1", "Sạt lở ở Lào Cai, 3 người mất tích", STORY),
                                    ("https://mien-nui.vn/2", "Lào Cai tìm kiếm người mất tích", OTHER_ANGLE)]),
                          {"ETag": '"v2"'})
    assert tasks.fetch_source.call(source.pk) == "ok"
    second = InfoItem.objects.get(reference="https://mien-nui.vn/2")
    assert second.event_id == item.event_id
    item.event.refresh_from_db()
    assert item.event.item_count == 2
    assert not Delivery.objects.filter(user=office.toimat).exists()  # follows other fields and places
    assert routed.filter(user=office.mat).count() == 2
    source.refresh_from_db()
    assert source.etag == '"v2"' and source.failures == 0 and "2 tin mới" not in source.last_status


def test_conditional_requests_304_means_nothing_new(office, site):
    site.pages["/rss"] = (200, rss([("https://mien-nui.vn/1", "Sạt lở", STORY)]),
                          {"ETag": '"abc"', "Last-Modified": "Sat, 08 Nov 2025 02:00:00 GMT"})
    source = feed_source(office, site)
    assert fetch.fetch(source).status == "ok"
    source.refresh_from_db()
    assert (source.etag, source.last_modified) == ('"abc"', "Sat, 08 Nov 2025 02:00:00 GMT")
    before = InfoItem.objects.filter(source=source).count()
    result = fetch.fetch(source)
    assert result.status == "unchanged"
    headers = site.log[-1][2]
    assert headers["If-None-Match"] == '"abc"' and headers["If-Modified-Since"] == "Sat, 08 Nov 2025 02:00:00 GMT"
    assert InfoItem.objects.filter(source=source).count() == before
    source.refresh_from_db()
    assert "304" in source.last_status and source.etag == '"abc"'


def test_a_gigantic_page_is_refused_and_failures_back_off(office, site, settings):
    settings.VANPHONG_INFO_FETCH_MAX_BYTES = 1000
    site.pages["/rss"] = (200, b"<rss>" + b"x" * 5000 + b"</rss>", {})
    source = feed_source(office, site, interval_minutes=60)
    assert fetch.fetch(source).status == "error"
    source.refresh_from_db()
    assert source.failures == 1 and "quá lớn" in source.last_status
    first_wait = source.next_fetch_at - source.fetched_at
    fetch.fetch(source)
    source.refresh_from_db()
    assert source.failures == 2
    assert source.next_fetch_at - source.fetched_at > first_wait  # exponential backoff…
    for _ in range(10):
        fetch.fetch(source)
    source.refresh_from_db()
    assert source.next_fetch_at - source.fetched_at <= dt.timedelta(minutes=60)  # …at most the interval
    assert not InfoItem.objects.filter(source=source).exists()


def test_a_server_error_is_retried_once_then_counted(office, site, monkeypatch):
    monkeypatch.setattr(fetch, "RETRY_PAUSE", 0)
    site.pages["/rss"] = (503, b"busy", {})
    source = feed_source(office, site)
    assert fetch.fetch(source).status == "error"
    assert len(site.log) == 2  # tried again at once
    source.refresh_from_db()
    assert source.failures == 1 and "503" in source.last_status
    # Then the site recovers: the failures are reset.
    site.pages["/rss"] = (200, rss([("https://mien-nui.vn/1", "Sạt lở", STORY)]), {})
    assert fetch.fetch(source).status == "ok"
    source.refresh_from_db()
    assert source.failures == 0


def test_a_slow_site_times_out(office, site, settings, monkeypatch):
    monkeypatch.setattr(fetch, "RETRY_PAUSE", 0)
    settings.VANPHONG_INFO_FETCH_TIMEOUT = 0.3
    site.delay = 1.0
    site.pages["/rss"] = (200, rss([]), {})
    source = feed_source(office, site)
    assert fetch.fetch(source).status == "error"
    source.refresh_from_db()
    assert "thời gian" in source.last_status


def test_politeness_spaces_requests_to_the_same_host(office, site):
    site.pages["/a"] = (200, rss([("https://x.vn/1", "Sạt lở", STORY)]), {})
    site.pages["/b"] = (200, rss([("https://x.vn/2", "Tìm kiếm", OTHER_ANGLE)]), {})
    a = Source.objects.create(name="A", kind=Source.Kind.FEED, url=site.url("/a"), created_by=office.leader,
                              delay_seconds=0.6)
    b = Source.objects.create(name="B", kind=Source.Kind.FEED, url=site.url("/b"), created_by=office.leader,
                              delay_seconds=0.6)
    assert a.host == b.host == "127.0.0.1"
    fetch.fetch(a)
    fetch.fetch(b)
    (t1, _, _), (t2, _, _) = site.log
    assert t2 - t1 >= 0.55


def test_a_watched_folder_takes_each_file_once_and_reads_docx_and_pdf(office, settings, tmp_path):
    import docx
    from reportlab.pdfgen import canvas

    settings.VANPHONG_INFO_FOLDER_ROOT = tmp_path
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(STORY), encoding="utf-8")
    d = docx.Document()
    for p in OTHER_ANGLE:
        d.add_paragraph(p)
    d.save(folder / "b.docx")
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Bao cao tinh hinh kinh te xa hoi thang 11 cua tinh Lao Cai, tang truong on dinh.")
    c.drawString(72, 700, "Thu ngan sach dat ke hoach, cac du an trong diem duoc trien khai dung tien do.")
    c.save()
    (folder / "c.pdf").write_bytes(buf.getvalue())
    (folder / "anh.png").write_bytes(b"\x89PNG....")  # not a kind the folder takes
    source = Source.objects.create(name="Thư mục báo cáo", kind=Source.Kind.FOLDER, path="bao-cao",
                                   created_by=office.leader)
    assert fetch.fetch(source).status == "ok"
    refs = sorted(InfoItem.objects.filter(source=source).values_list("reference", flat=True))
    assert refs == sorted(str(folder / n) for n in ("a.txt", "b.docx", "c.pdf"))
    assert "mất tích" in InfoItem.objects.get(reference=str(folder / "b.docx")).text
    assert fetch.fetch(source).report.created == []  # each file once


def test_a_folder_outside_the_root_is_refused(office, settings, tmp_path):
    settings.VANPHONG_INFO_FOLDER_ROOT = tmp_path / "goc"
    (tmp_path / "goc").mkdir()
    source = Source.objects.create(name="X", kind=Source.Kind.FOLDER, path="/etc", created_by=office.leader)
    assert fetch.fetch(source).status == "error"
    source.refresh_from_db()
    assert "phải nằm trong" in source.last_status
    source.path = "../"
    assert fetch.fetch(source).status == "error"


def test_due_sources_are_claimed_once(office, site):
    due = feed_source(office, site)
    later = feed_source(office, site, next_fetch_at=timezone.now() + dt.timedelta(hours=1))
    Source.objects.create(name="Gửi tay", kind=Source.Kind.UPLOAD, created_by=office.leader)
    assert fetch.due_sources() == [due.pk]
    assert fetch.due_sources() == []  # claimed: a second server finds nothing
    assert later.pk in fetch.due_sources(timezone.now() + dt.timedelta(hours=2))  # its turn comes
