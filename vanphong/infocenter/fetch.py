"""Fetching sources: feeds and pages over HTTP (urllib, no new dependency), watched folders from disk.

Politely: one request per `delay_seconds` to the same host, across all sources on it (the wait is taken in the
worker, and is short by design); conditionally: the ETag and Last-Modified of the last answer are sent back, and
304 means nothing new; with limits: a timeout and a byte ceiling (a gigantic page is refused, not read whole).
A transient failure (timeout, 5xx) is tried once more at once; a failed fetch pushes the next one back
exponentially (1, 2, 4… minutes, at most the source's interval), and the first success resets it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from vanphong.infocenter.ingest import IngestReport, do_ingest
from vanphong.infocenter.models import InfoItem, Source
from vanphong.infocenter.pipeline.items import RawItem
from vanphong.infocenter.pipeline.sources import read_bytes

log = logging.getLogger(__name__)

USER_AGENT = "VanPhong-TrungTamThongTin/1.0 (+offline office system)"
FOLDER_SUFFIXES = {".html", ".htm", ".txt", ".docx", ".pdf", ".xml", ".rss", ".atom"}
FOLDER_BATCH = 200  # files taken per scan: a huge folder is worked through over several scans
RETRY_PAUSE = 0.2
_hosts_lock = threading.Lock()
_last_visit: dict[str, float] = {}  # host -> monotonic time of this process's last request


@dataclass
class Fetched:
    status: str  # "ok", "unchanged", "error"
    message: str
    report: IngestReport | None = None


class FetchError(Exception):
    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient


def _polite_wait(source: Source) -> None:
    """Wait until `delay_seconds` have passed since the last request to this host (this process's memory, and
    the sources' last fetch times for other workers)."""
    if not source.host or source.delay_seconds <= 0:
        return
    last = Source.objects.filter(host=source.host).aggregate(last=Max("fetched_at"))["last"]
    wait = 0.0
    if last is not None:
        wait = source.delay_seconds - (timezone.now() - last).total_seconds()
    with _hosts_lock:
        mine = _last_visit.get(source.host)
    if mine is not None:
        wait = max(wait, source.delay_seconds - (time.monotonic() - mine))
    if wait > 0:
        time.sleep(min(wait, source.delay_seconds))
    with _hosts_lock:
        _last_visit[source.host] = time.monotonic()


def _get(source: Source) -> tuple[int, bytes, dict[str, str]]:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
               "Accept": "application/rss+xml, application/atom+xml, text/html, text/xml;q=0.9, */*;q=0.5"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    if not source.url.lower().startswith(("http://", "https://")):
        raise FetchError("Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://.")
    request = urllib.request.Request(source.url, headers=headers)  # noqa: S310 - scheme checked above
    limit = int(settings.VANPHONG_INFO_FETCH_MAX_BYTES)
    try:
        with urllib.request.urlopen(request, timeout=settings.VANPHONG_INFO_FETCH_TIMEOUT) as r:  # noqa: S310
            declared = r.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"Trang quá lớn ({int(declared) / 1048576:.1f} MB, tối đa {limit // 1048576} MB): "
                                 "không tải.")
            data = r.read(limit + 1)
            if len(data) > limit:
                raise FetchError(f"Trang quá lớn (hơn {limit // 1048576} MB): không tải.")
            return r.status, data, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, b"", {}
        raise FetchError(f"Máy chủ trả lời lỗi {exc.code}.", transient=exc.code >= 500 or exc.code == 429) from exc
    except TimeoutError as exc:
        raise FetchError(f"Quá thời gian chờ ({settings.VANPHONG_INFO_FETCH_TIMEOUT} giây).", transient=True) from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"Không kết nối được tới máy chủ ({exc.reason}).", transient=True) from exc


def _backoff(source: Source) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** min(source.failures - 1, 12)), dt.timedelta(minutes=source.interval_minutes))


def _done(source: Source, status: str, *, ok: bool, headers: dict[str, str] | None = None) -> None:
    now = timezone.now()
    source.fetched_at = now
    source.last_status = status[:300]
    if ok:
        source.failures = 0
        source.next_fetch_at = now + dt.timedelta(minutes=source.interval_minutes)
        if headers is not None:
            source.etag = headers.get("etag", "")[:300]
            source.last_modified = headers.get("last-modified", "")[:100]
    else:
        source.failures += 1
        source.next_fetch_at = now + _backoff(source)
    Source.objects.filter(pk=source.pk).update(
        fetched_at=source.fetched_at, last_status=source.last_status, failures=source.failures,
        next_fetch_at=source.next_fetch_at, etag=source.etag, last_modified=source.last_modified)


def fetch_web(source: Source) -> Fetched:
    attempts = 2
    for attempt in range(attempts):
        _polite_wait(source)
        try:
            status, data, headers = _get(source)
            break
        except FetchError as exc:
            if exc.transient and attempt + 1 < attempts:
                time.sleep(RETRY_PAUSE)
                continue
            _done(source, f"Lỗi: {exc.message}", ok=False)
            return Fetched("error", exc.message)
    if status == 304:
        _done(source, "Không có tin mới (máy chủ trả lời 304).", ok=True, headers={
            "etag": source.etag, "last-modified": source.last_modified})
        return Fetched("unchanged", "Không có tin mới.")
    kind = headers.get("content-type", "")
    suffix = ".xml" if source.kind == Source.Kind.FEED and "html" not in kind else (
        ".html" if "html" in kind else "")
    raws = read_bytes(source.url, data, suffix)
    report = do_ingest(raws, actor=source.created_by, source=source)
    _done(source, f"Đã lấy: {report.summary()}.", ok=not (report.errors and not report.created and not report.skipped),
          headers=headers)
    return Fetched("ok", report.summary(), report)


def folder_root() -> Path:
    return Path(settings.VANPHONG_INFO_FOLDER_ROOT).resolve()


def check_folder(path: str) -> Path:
    """The folder a source may watch: an existing folder under VANPHONG_INFO_FOLDER_ROOT."""
    root = folder_root()
    folder = (root / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    if not folder.is_relative_to(root):
        raise FetchError(f"Thư mục theo dõi phải nằm trong {root}.")
    if not folder.is_dir():
        raise FetchError(f"Không thấy thư mục {folder}.")
    return folder


def read_file(path: Path) -> list[RawItem]:
    """A watched or uploaded file as raw items: DOCX and PDF through the file store's text extraction."""
    data = path.read_bytes()
    return read_document(str(path), data, path.suffix)


def read_document(name: str, data: bytes, suffix: str) -> list[RawItem]:
    suffix = suffix.lower()
    if suffix in {".docx", ".pdf"} or data.startswith((b"%PDF", b"PK\x03\x04")):
        from vanphong.files.extract import READERS, Budget
        from vanphong.text import normalize

        reader = READERS["pdf" if data.startswith(b"%PDF") else "docx"]
        try:
            text = normalize(reader(io.BytesIO(data), Budget()))
        except Exception:  # a damaged file can make any reader fail in any way
            return [RawItem(source=name, kind="error", error="Không đọc được chữ trong tệp DOCX/PDF này (tệp hỏng "
                                                               "hoặc là ảnh chụp): hãy gửi bản văn bản.")]
        if not text.strip():
            return [RawItem(source=name, kind="error", error="Tệp không có chữ đọc được (có thể là ảnh quét): hãy "
                                                             "gửi bản văn bản.")]
        return [RawItem(source=name, kind="text", content=text)]
    return read_bytes(name, data, suffix)


def fetch_folder(source: Source) -> Fetched:
    try:
        folder = check_folder(source.path)
    except FetchError as exc:
        _done(source, f"Lỗi: {exc.message}", ok=False)
        return Fetched("error", exc.message)
    taken = set(InfoItem.objects.filter(source=source).values_list("reference", flat=True))
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
    raws: list[RawItem] = []
    for p in files:
        if str(p) in taken:
            continue
        if len(raws) >= FOLDER_BATCH:
            break
        try:
            raws.extend(read_file(p))
        except OSError as exc:
            raws.append(RawItem(source=str(p), kind="error", error=f"Không đọc được tệp ({exc.strerror or exc})."))
    report = do_ingest(raws, actor=source.created_by, source=source)
    _done(source, f"Đã quét thư mục: {report.summary()}.", ok=True)
    return Fetched("ok", report.summary(), report)


def fetch(source: Source) -> Fetched:
    if source.kind in (Source.Kind.FEED, Source.Kind.PAGE):
        return fetch_web(source)
    if source.kind == Source.Kind.FOLDER:
        return fetch_folder(source)
    return Fetched("unchanged", "Nguồn gửi lên bằng tay: không có gì để lấy.")


def due_sources(now: dt.datetime | None = None) -> list[int]:
    """Claim the sources due for fetching (one conditional UPDATE each, so two servers never both take one)."""
    from django.db.models import Q

    now = now or timezone.now()
    due = (Source.objects.filter(active=True).exclude(kind=Source.Kind.UPLOAD)
           .filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now)))
    claimed = []
    for pk, interval in due.values_list("pk", "interval_minutes"):
        hold = now + dt.timedelta(minutes=max(1, interval))
        rows = Source.objects.filter(pk=pk).filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
        if rows.update(next_fetch_at=hold) == 1:
            claimed.append(pk)
    return claimed


def describe(source: Source) -> dict[str, Any]:
    return {"id": source.pk, "name": source.name, "kind": source.kind, "last_status": source.last_status,
            "fetched_at": source.fetched_at, "next_fetch_at": source.next_fetch_at, "failures": source.failures}
