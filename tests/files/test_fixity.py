"""Fixity: `vanphong files verify` rereads every stored file and names each one that is missing or altered."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.files import samples
from vanphong.files.services import check_store_file
from vanphong.files.storage import blob_name


def _verify() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("files", "verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _two_files():
    a = check_store_file(None, samples.pdf("Kết luận số 21"), "Kết luận 21.pdf")
    b = check_store_file(None, "Ghi chú cuộc họp\n".encode(), "Ghi chú.txt")
    return a, b


def test_verify_passes_when_every_file_is_whole(db):
    _two_files()
    out, _ = _verify()
    assert "Đã kiểm tra 2 tệp: tất cả nguyên vẹn." in out


def test_verify_fails_naming_a_deleted_file(db, store):
    a, _ = _two_files()
    (store / blob_name(a.sha256)).unlink()
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 tệp bị mất, 0 tệp bị thay đổi"):
        call_command("files", "verify", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [f"{a.sha256}  Kết luận 21.pdf: tệp không còn trong kho lưu trữ."]


def test_verify_fails_naming_a_file_altered_in_place(db, store):
    a, b = _two_files()
    path = store / blob_name(b.sha256)
    data = bytearray(path.read_bytes())
    data[0] ^= 0x01  # one bit, same size
    path.write_bytes(bytes(data))
    out = io.StringIO()
    with pytest.raises(CommandError, match="0 tệp bị mất, 1 tệp bị thay đổi"):
        call_command("files", "verify", stdout=out)
    assert f"{b.sha256}  Ghi chú.txt: nội dung đã bị thay đổi" in out.getvalue()
    assert a.sha256 not in out.getvalue()


def test_verify_names_a_file_cut_short(db, store):
    a, _ = _two_files()
    path = store / blob_name(a.sha256)
    path.write_bytes(path.read_bytes()[:100])
    assert a.verify() == f"kích thước là 100 byte, khác {a.size} byte lúc lưu"


def test_the_command_exits_non_zero_from_the_command_line(db, store):
    from django.core.management import ManagementUtility

    a, _ = _two_files()
    (store / blob_name(a.sha256)).unlink()
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["vanphong", "files", "verify"]).execute()
    assert exited.value.code == 1


def test_an_unknown_subcommand_is_refused(db):
    with pytest.raises(CommandError):
        call_command("files", "xoa-het")


def test_extract_processes_what_is_still_pending(db):
    stored = check_store_file(None, "Nội dung chờ trích xuất\n".encode(), "a.txt")
    out = io.StringIO()
    call_command("files", "extract", stdout=out)
    stored.refresh_from_db()
    assert stored.text == "Nội dung chờ trích xuất"
    assert "Đã xử lý 1 tệp: 1 trích xuất được, 0 lỗi." in out.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_verify_shows_a_progress_bar_on_a_terminal_only(db, monkeypatch):
    _two_files()
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    _verify()
    assert "[##############################] 2/2" in terminal.getvalue()
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    _verify()
    assert plain.getvalue() == ""
