"""`vanphong search`, `vanphong search check` and `vanphong reindex`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vanphong.core.models import Unit
from vanphong.search import engine


def run(*args: str, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_search_as_a_person_prints_json_hits(office):
    rows = json.loads(run("search", "van phong trung uong", user="cv-thuong", json=True))
    assert rows[0]["title"] == "Văn phòng Trung ương Đảng"
    assert set(rows[0]) == {"type", "id", "title", "classification", "score", "snippet"}


def test_search_prints_only_what_the_named_person_may_see(office):
    rows = json.loads(run("search", "leakmark", user="cv-mat", json=True))
    assert [r["title"] for r in rows] == [office.records["thuong"].title]
    rows = json.loads(run("search", "leakmark", user="cv-tuyetmat", json=True, type=["assignment"]))
    assert len(rows) == 4


def test_search_needs_a_person_and_a_known_type(office):
    with pytest.raises(CommandError, match="--user"):
        run("search", "dang")
    with pytest.raises(CommandError, match="Không có tài khoản"):
        run("search", "dang", user="khong-co")
    with pytest.raises(CommandError, match="Loại không có"):
        run("search", "dang", user="cv-thuong", type=["khong-co"])


def test_search_check_repairs_the_index_and_the_word_check_can_still_be_searched(office):
    engine.node().ensure_ready()
    Unit.objects.filter(pk=office.other_unit.pk).update(name="Vụ Địa phương II")
    assert "lệch 2" in run("search", "check")  # the unit and its one member
    assert "lệch 0" in run("search", "check")
    assert "kết quả" in run("search", "check", user="cv-thuong")


def test_reindex_rebuilds_from_the_database(office):
    assert "Đã dựng lại chỉ mục" in run("reindex")
    rows = json.loads(run("search", "leakmark", user="cv-thuong", json=True))
    assert len(rows) == 1
