"""Reading files: pages, texts and feeds; bad input gives a clear error per item and never stops the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.infocenter.corpus.build import cp1258
from vanphong.infocenter.pipeline import sources
from vanphong.infocenter.pipeline.analyze import analyze_paths
from vanphong.infocenter.pipeline.sources import read_bytes

PARA = ("Ngày 12/11/2025, đồng chí Lê Văn Hải, Bí thư Tỉnh ủy Quảng Ninh làm việc với Đảng ủy xã về công tác xây dựng "
        "Đảng và phát triển kinh tế – xã hội trên địa bàn.")
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kênh A</title><lastBuildDate>Thu, 13 Nov 2025 08:00:00 +0700</lastBuildDate>
<item><title>Tin một</title><link>https://a.example/1</link><pubDate>Wed, 12 Nov 2025 09:00:00 +0700</pubDate>
<description>&lt;p&gt;{PARA}&lt;/p&gt;&lt;p&gt;Xem thêm: Hà Nội tổ chức hội nghị&lt;/p&gt;</description></item>
<item><title>Tin hai</title><description>Sáng 12/11, tỉnh tổ chức hội nghị. {PARA}</description></item>
</channel></rss>"""


def test_an_rss_feed_gives_one_item_per_entry_with_its_date_and_the_channel_date_as_reference():
    items = read_bytes("feed.xml", RSS.encode("utf-8"))
    assert [(i.source, i.title, i.published, i.outlet) for i in items] == [
        ("https://a.example/1", "Tin một", dt.date(2025, 11, 12), "Kênh A"), ("feed.xml#2", "Tin hai", None, "Kênh A")]
    assert items[1].reference == dt.date(2025, 11, 13)


def test_an_atom_feed():
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Kênh B</title><updated>2025-11-13T00:00:00Z</updated>
    <entry><title>Tin ba</title><link href="https://b.example/3"/><published>2025-11-12T10:00:00+07:00</published>
    <content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>"""
    [item] = read_bytes("b.atom", atom.encode("utf-8"))
    assert (item.source, item.title, item.published, item.outlet) == (
        "https://b.example/3", "Tin ba", dt.date(2025, 11, 12), "Kênh B")


def test_a_broken_feed_is_recovered_and_a_hopeless_one_is_a_clear_error():
    broken = RSS.replace("</channel></rss>", "").replace("Tin một", "Tin một & hai")
    assert [i.title for i in read_bytes("feed.xml", broken.encode("utf-8"))][:1] == ["Tin một & hai"]
    [bad] = read_bytes("feed.xml", b"<rss><channel><title>x</title></channel></rss>")
    assert "không có bài nào" in bad.error


def test_a_feed_with_entity_declarations_is_refused_not_expanded():
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<rss><channel><item><title>&b;</title></item></channel></rss>")
    [item] = read_bytes("bomb.xml", bomb.encode())
    assert item.error and "RSS/Atom" in item.error


def test_empty_binary_and_gigantic_files_are_clear_errors(monkeypatch):
    assert "rỗng" in read_bytes("a.txt", b"  \n ")[0].error
    assert "PDF" in read_bytes("a.pdf", b"%PDF-1.7 ...")[0].error
    assert "nhị phân" in read_bytes("a.bin", bytes(range(256)) * 10)[0].error
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    assert "quá lớn" in read_bytes("a.html", b"<p>" + b"x" * 2000)[0].error


def test_a_windows_1258_page_declares_its_charset():
    page = f'<html><head><meta charset="windows-1258"></head><body><p>{PARA}</p></body></html>'
    [item] = read_bytes("a.html", cp1258(page))
    assert item.kind == "html" and item.encoding == "windows-1258" and PARA in item.content


def test_one_bad_file_never_stops_the_others(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(f"Tin tốt\n\n{PARA}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    result = analyze_paths([tmp_path / "empty.txt", tmp_path / "doc.pdf", good, tmp_path / "missing.html", tmp_path])
    assert [i.title for i in result.items] == ["Tin tốt"]
    assert len(result.errors) == 4
    assert all(message.endswith((".", ")")) or ":" in message for _, message in result.errors)
