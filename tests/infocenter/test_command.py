"""`vanphong analyze [--json] PATH...`: the JSON shape of issue 6, point 8, and its errors."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.infocenter.quality import CORPUS

ITEM_KEYS = {"source", "title", "published", "text", "people", "organizations", "places", "fields", "notable", "event"}


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("analyze", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_json_shape(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err = run("--json", str(CORPUS / "items" / "q1.html"), str(CORPUS / "items" / "q4.html"),
                   str(CORPUS / "items" / "t3.txt"), str(tmp_path / "empty.txt"))
    data = json.loads(out)
    assert set(data) >= {"items", "events"}
    assert ITEM_KEYS <= set(data["items"][0])
    q1, t3 = data["items"]
    assert q1["published"] == "2025-11-10" and t3["published"] is None  # "Sáng 15/11" without a year
    assert q1["copies"] == [str(CORPUS / "items" / "q4.html")]
    assert q1["people"][0] == {"name": "Vũ Đức Thành",
                               "titles": ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh Quảng Ninh"]}
    assert "Quảng Ninh" in q1["places"] and "Xây dựng Đảng" in q1["fields"] and q1["notable"] is False
    assert all(isinstance(x, str) for x in q1["organizations"])
    events = {e["id"]: e for e in data["events"]}
    assert events[q1["event"]]["items"][:2] == [q1["source"], *q1["copies"]]
    assert set(events[q1["event"]]) == {"id", "title", "items"}
    assert data["errors"] == [
        {"source": str(tmp_path / "empty.txt"), "error": "Tệp rỗng: không có nội dung để phân tích."}]
    assert "rỗng" in err


def test_the_summary_and_a_directory():
    out, _ = run(str(CORPUS / "items"))
    assert out.startswith("48 tin, 27 sự kiện, 0 lỗi.")
    assert "Vũ Đức Thành, Ủy viên Trung ương Đảng" in out


def test_nothing_readable_is_a_command_error(tmp_path: Path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="Không phân tích được"):
        run(str(tmp_path / "a.pdf"))
