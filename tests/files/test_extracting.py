"""Text extraction: Vietnamese text comes back normalised from PDF, DOCX, ODT, ODS, RTF and TXT; it runs after
the upload commits, once, and a failure is recorded in Vietnamese without reaching the uploader."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.files import samples
from vanphong.files import extract, services, tasks
from vanphong.files.extract import extract_now
from vanphong.files.models import StoredFile
from vanphong.files.services import check_store_file
from vanphong.files.signals import text_extracted
from vanphong.files.storage import blob_name

Status = StoredFile.TextStatus


def _extracted(data: bytes, name: str) -> StoredFile:
    return extract_now(check_store_file(None, data, name))


def test_a_vietnamese_pdf_comes_back_as_normalised_text(db):
    stored = _extracted(samples.pdf("ĐẢNG CỘNG SẢN VIỆT NAM\nTỉnh ủy Hoà Bình", "Trang hai: công tác thuỷ lợi"),
                        "nghi-quyet.pdf")
    assert stored.text_status == Status.DONE and stored.text_error == ""
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in stored.text
    assert "Tỉnh ủy Hòa Bình" in stored.text and "Hoà" not in stored.text
    assert "công tác thủy lợi" in stored.text


def test_a_docx_gives_its_paragraphs_tables_and_header(db):
    data = samples.docx("Kính gửi: các đồng chí", "Về việc hoà giải ở cơ sở",
                        table=[["Đơn vị", "Kết quả"], ["Vụ Tổng hợp", "Hoàn thành"]],
                        header="VĂN PHÒNG TRUNG ƯƠNG ĐẢNG")
    stored = _extracted(data, "cong-van.docx")
    assert "Kính gửi: các đồng chí" in stored.text
    assert "Về việc hòa giải ở cơ sở" in stored.text
    assert "Vụ Tổng hợp" in stored.text and "Hoàn thành" in stored.text
    assert "VĂN PHÒNG TRUNG ƯƠNG ĐẢNG" in stored.text


def test_an_odt_gives_its_heading_and_paragraphs_in_order(db):
    stored = _extracted(samples.odt("Đoạn một về khoẻ mạnh.", "Đoạn hai.", heading="Tiêu đề"), "van-ban.odt")
    assert stored.text.split("\n") == ["Tiêu đề", "Đoạn một về khỏe mạnh.", "Đoạn hai."]


def test_an_ods_gives_its_cells(db):
    stored = _extracted(samples.ods("Thanh Hoá", "Quảng Trị"), "bang.ods")
    assert "Thanh Hóa" in stored.text and "Quảng Trị" in stored.text


def test_a_utf8_text_file_is_read_and_normalised(db):
    stored = _extracted("\ufeffGhi chú: thuỷ điện Hoà Bình\r\n".encode(), "ghi-chu.txt")
    assert stored.text == "Ghi chú: thủy điện Hòa Bình"


def test_an_rtf_is_read(db):
    stored = _extracted(rb"{\rtf1\ansi\ansicpg1258 Ngh\u7883\'3f quy\u7871\'3ft\par}", "thu.rtf")
    assert stored.text == "Nghị quyết"


def test_storing_a_file_extracts_its_text_after_commit(db, immediate_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = check_store_file(None, "Nội dung cần tìm\n".encode(), "a.txt")
    stored.refresh_from_db()
    assert stored.text_status == Status.DONE and stored.text == "Nội dung cần tìm"


def test_extraction_is_queued_after_commit_with_the_id_only(db, django_capture_on_commit_callbacks, monkeypatch):
    queued: list[tuple[object, ...]] = []
    monkeypatch.setattr(services, "extract_text", SimpleNamespace(enqueue=lambda *args: queued.append(args)))
    with django_capture_on_commit_callbacks(execute=True):
        stored = check_store_file(None, "Nội dung\n".encode(), "a.txt")
        assert queued == []
    assert queued == [(stored.pk,)]


def test_a_queue_that_is_down_does_not_fail_the_upload(db, django_capture_on_commit_callbacks, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis không trả lời")

    monkeypatch.setattr(services, "extract_text", SimpleNamespace(enqueue=down))
    with django_capture_on_commit_callbacks(execute=True):
        stored = check_store_file(None, "Nội dung\n".encode(), "a.txt")
    assert StoredFile.objects.get(pk=stored.pk).text_status == Status.PENDING


def test_the_signal_is_sent_once_after_the_text_is_saved(db, django_capture_on_commit_callbacks):
    seen: list[tuple[int, str]] = []

    def receiver(sender, stored_file_id, **kwargs):
        seen.append((stored_file_id, StoredFile.objects.get(pk=stored_file_id).text))

    text_extracted.connect(receiver)
    try:
        stored = check_store_file(None, "Kết luận số 21\n".encode(), "a.txt")
        with django_capture_on_commit_callbacks(execute=True):
            tasks.extract_text.call(stored.pk)
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.extract_text.call(stored.pk) == Status.DONE
    finally:
        text_extracted.disconnect(receiver)
    assert seen == [(stored.pk, "Kết luận số 21")]


def test_a_failing_receiver_does_not_undo_the_extraction(db, django_capture_on_commit_callbacks):
    def broken(sender, stored_file_id, **kwargs):
        raise RuntimeError("chỉ mục lỗi")

    text_extracted.connect(broken)
    try:
        stored = check_store_file(None, "Nội dung\n".encode(), "a.txt")
        with django_capture_on_commit_callbacks(execute=True):
            extract_now(stored)
    finally:
        text_extracted.disconnect(broken)
    assert StoredFile.objects.get(pk=stored.pk).text_status == Status.DONE


def test_a_file_that_cannot_be_read_is_marked_failed_in_vietnamese(db, store):
    stored = check_store_file(None, samples.pdf("Văn bản"), "a.pdf")
    (store / blob_name(stored.sha256)).write_bytes(b"%PDF-1.7\nkhong con la PDF")
    stored = extract_now(stored)
    assert stored.text_status == Status.FAILED and stored.text == ""
    assert "Không đọc được chữ trong tài liệu PDF" in stored.text_error


def test_a_missing_file_is_marked_failed_and_points_to_verify(db, store):
    stored = check_store_file(None, "Nội dung\n".encode(), "a.txt")
    (store / blob_name(stored.sha256)).unlink()
    assert tasks.extract_text.call(stored.pk) == Status.FAILED
    stored.refresh_from_db()
    assert stored.text_status == Status.FAILED and "files verify" in stored.text_error


def test_the_text_is_bounded_and_flagged_when_cut(db, monkeypatch):
    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 50)
    stored = _extracted(("Dòng chữ dài. " * 100).encode(), "dai.txt")
    assert stored.text_status == Status.DONE and stored.text_truncated
    assert 0 < len(stored.text) <= 50


def test_a_file_without_text_to_read_is_never_extracted(db, django_capture_on_commit_callbacks, monkeypatch):
    queued: list[tuple[object, ...]] = []
    monkeypatch.setattr(services, "extract_text", SimpleNamespace(enqueue=lambda *args: queued.append(args)))
    with django_capture_on_commit_callbacks(execute=True):
        stored = check_store_file(None, samples.PNG, "anh.png")
    assert stored.text_status == Status.NOT_APPLICABLE and queued == []


@pytest.mark.parametrize("status", [Status.DONE, Status.FAILED])
def test_a_finished_extraction_is_not_redone_unless_forced(db, status):
    stored = check_store_file(None, "Nội dung mới\n".encode(), "a.txt")
    StoredFile.objects.filter(pk=stored.pk).update(text_status=status, text="cũ")
    stored.refresh_from_db()
    assert extract_now(stored).text == "cũ"
    assert extract_now(stored, force=True).text == "Nội dung mới"
