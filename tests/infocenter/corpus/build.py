"""Render the labelled set (articles.py) as the files `vanphong analyze` reads, and write gold.json.

    .venv/bin/python tests/infocenter/corpus/build.py

Three fictional outlets, each with its own page layout and clutter (share bars, related-news boxes inside the
article, photo captions, credits, follow/QR/comment widgets, most-read lists with teasers, tags), plain-text
reports (one in TCVN3), one page in Windows-1258 and an RSS feed. gold.json holds, for every file or feed entry:
its event, its people with titles, its body paragraphs, the clutter lines shown inside the page, and the
publication date (null when the year cannot be known).
"""

from __future__ import annotations

import html
import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.infocenter.corpus.articles import ARTICLES  # noqa: E402
from vanphong.text.normalize import TONE_MARKS, split_tone  # noqa: E402

ITEMS = HERE / "items"
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
OUTLET_NAMES = {"thoisu": "Báo Thời Sự", "mientrung": "Tin Tức Miền Trung", "mientrung1258": "Tin Tức Miền Trung",
                "dangbo": "Cổng Thông tin Đảng bộ", "feed": "Kênh Tin Nhanh"}  # fmt: skip
HEADLINES = [
    "Thủ tướng chủ trì hội nghị trực tuyến với các địa phương về giải ngân vốn",
    "Hà Nội công bố danh sách 12 công trình trọng điểm năm 2026",
    "Phó Thủ tướng kiểm tra tiến độ cao tốc Bắc – Nam phía Đông",
    "Khánh Hòa đón 4 triệu lượt khách quốc tế",
    "Sơn La triển khai mô hình chi bộ thông minh",
    "Bộ Nội vụ hướng dẫn sắp xếp cán bộ cấp xã",
    "Cà Mau phấn đấu xuất khẩu tôm đạt 1,5 tỷ USD",
    "Lạng Sơn thông quan hơn 1.000 xe hàng mỗi ngày",
    "Hội nghị Trung ương bàn về công tác nhân sự",
    "An Giang khánh thành cầu nối hai bờ sông Hậu",
    "Tuyên Quang tổng kết 5 năm xây dựng nông thôn mới",
    "Vĩnh Long đẩy mạnh chuyển đổi số trong nông nghiệp",
    "Quảng Ngãi ký kết hợp tác với tập đoàn năng lượng",
    "Lai Châu trồng mới 2.000 ha cây dược liệu",
    "Cao Bằng đón nhận danh hiệu công viên địa chất toàn cầu lần thứ hai",
    "Bí thư Tỉnh ủy Sơn La kiểm tra công tác chuẩn bị đại hội chi bộ",
    "Đồng Tháp ra mắt sàn giao dịch nông sản trực tuyến",
    "Thái Nguyên khởi công khu nhà ở xã hội 1.200 căn",
]
TEASERS = [
    "Sáng nay, UBND tỉnh tổ chức hội nghị đánh giá kết quả thực hiện các chương trình mục tiêu quốc gia, trong đó "
    "nhiều chỉ tiêu đã về đích sớm...",
    "Theo kế hoạch, dự án sẽ được triển khai từ quý I năm 2026 với tổng mức đầu tư dự kiến hơn 5.000 tỷ đồng và…",
    "Phát biểu tại buổi làm việc, lãnh đạo tỉnh đề nghị các sở, ngành tập trung tháo gỡ khó khăn cho doanh nghiệp…",
    "Chiều qua, đoàn công tác đã đến kiểm tra thực tế tại một số công trình trọng điểm trên địa bàn...",
]
TAGS = ["Tỉnh ủy", "xây dựng Đảng", "kinh tế", "cán bộ", "địa phương", "thời sự"]


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def _dmy(iso: str) -> str:
    return _day(iso).strftime("%d/%m/%Y")


def _weekday(iso: str) -> str:
    return WEEKDAYS[_day(iso).weekday()]


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def resolve(art: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A copy with its original's content applied (title, credit, dropped paragraph)."""
    if "copy_of" not in art:
        return dict(art)
    base = dict(by_id[art["copy_of"]])
    base.update(id=art["id"], outlet=art["outlet"], title=art["title"], copy_of=art["copy_of"],
                time=art["time"] or base["time"], date=art["date"] or base["date"])
    if art["drop_last"]:
        base["paras"] = base["paras"][:-1]
    if art["lead"]:
        base["lead"] = art["lead"]
    base["author"] = art["credit"]
    base["caption"] = base.get("caption", "")
    base["published"] = base["date"]
    return base


def page_thoisu(a: dict[str, Any], rnd: random.Random) -> tuple[str, list[str]]:
    """Báo Thời Sự: Open Graph metadata, share bar, related box inside the body, caption, author, follow, tags."""
    clutter: list[str] = []
    related = rnd.sample(HEADLINES, 2)
    most = rnd.sample(HEADLINES, 5)
    tags = rnd.sample(TAGS, 3)
    parts = [f'<p class="sapo"><strong>{_e(a["lead"])}</strong></p>']
    clutter.append("Chia sẻ | In bài | Gửi bài")
    if a["caption"]:
        credit = a["author"] if a["author"] and not a["author"].startswith("Theo") else "TTXVN"
        cap = f'{a["caption"]} Ảnh: {credit}'
        parts.append(f'<figure class="image"><img src="/img/{a["id"]}.jpg" alt=""><figcaption>{_e(cap)}</figcaption>'
                     "</figure>")
        clutter.append(cap)
    for k, para in enumerate(a["paras"]):
        parts.append(f"<p>{_e(para)}</p>")
        if k == 0 and len(a["paras"]) >= 2:
            parts.append('<div class="box-related"><p><strong>Tin liên quan</strong></p>'
                         + "".join(f'<p><a href="/tin/{rnd.randint(1000, 9999)}.html">{_e(h)}</a></p>' for h in related)
                         + "</div>")  # fmt: skip
            clutter += ["Tin liên quan", *related]
    if a["author"]:
        parts.append(f'<p class="author" style="text-align:right"><strong>{_e(a["author"])}</strong></p>')
        clutter.append(a["author"])
    parts.append('<p class="follow">Theo dõi Báo Thời Sự trên Google News</p>')
    parts.append(f'<div class="tags">Từ khóa: {", ".join(f"<a>{_e(t)}</a>" for t in tags)}</div>')
    clutter += ["Theo dõi Báo Thời Sự trên Google News", f"Từ khóa: {', '.join(tags)}"]
    clutter += ["Đọc nhiều", *most]
    body = "\n".join(parts)
    meta_author = "" if a["author"].startswith(("Theo", "(")) else a["author"]
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{_e(a["title"])} - Báo Thời Sự</title>
<meta property="og:title" content="{_e(a["title"])}">
<meta property="og:site_name" content="Báo Thời Sự">
<meta property="article:published_time" content="{a["date"]}T{a["time"]}:00+07:00">
<meta name="author" content="{_e(meta_author)}">
<link rel="canonical" href="https://thoisu.example.vn/{a["id"]}.html">
</head><body>
<header><div class="logo">Báo Thời Sự</div><nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a>
<a href="/chinh-tri">Chính trị</a> <a href="/kinh-te">Kinh tế</a> <a href="/xa-hoi">Xã hội</a></nav></header>
<main>
<div class="breadcrumb"><a href="/thoi-su">Thời sự</a> / <a href="/chinh-tri">Chính trị</a></div>
<article class="detail">
<h1 class="title">{_e(a["title"])}</h1>
<div class="meta"><span class="date">{_weekday(a["date"])}, {_dmy(a["date"])} {a["time"]} (GMT+7)</span></div>
<div class="share-top"><a>Chia sẻ</a> | <a>In bài</a> | <a>Gửi bài</a></div>
{body}
</article>
<section class="most-read"><h3>Đọc nhiều</h3><ul>
{"".join(f'<li><a href="/tin/{k}.html">{_e(h)}</a></li>' for k, h in enumerate(most))}
</ul></section>
</main>
<footer>© 2025 Báo Thời Sự. Ghi rõ nguồn "Báo Thời Sự" khi phát hành lại thông tin từ website này.</footer>
</body></html>
"""
    return page, clutter


def page_mientrung(a: dict[str, Any], rnd: random.Random, charset: str = "utf-8") -> tuple[str, list[str]]:
    """Tin Tức Miền Trung: no date metadata (a dateline only), captions in the text, credit, comment and QR
    widgets, and a same-section list with teasers inside the article."""
    clutter: list[str] = []
    same = rnd.sample(HEADLINES, 2)
    teasers = rnd.sample(TEASERS, 2)
    dateline = f'{_weekday(a["date"])}, {_dmy(a["date"])} - {a["time"]}'
    clutter += [dateline, "Nghe bài viết"]
    parts = [f"<p><b>{_e(a['lead'])}</b></p>"]
    for k, para in enumerate(a["paras"]):
        parts.append(f"<p>{_e(para)}</p>")
        if k == 0 and a["caption"]:
            cap = f'{a["caption"]} (Ảnh: {rnd.choice(["Văn Tú", "Hoàng Lan", "TTXVN", "Nhật Hạ"])})'
            parts.append(f'<p style="text-align:center"><em>{_e(cap)}</em></p>')
            clutter.append(cap)
    if a["author"]:
        parts.append(f'<p style="text-align:right"><b>{_e(a["author"])}</b></p>')
        clutter.append(a["author"])
    parts.append("<p>Bình luận (0)</p>")
    parts.append("<p>Quét mã QR để đọc bài trên điện thoại</p>")
    clutter += ["Bình luận (0)", "Quét mã QR để đọc bài trên điện thoại"]
    parts.append('<div class="same-category"><p><strong>Tin cùng chuyên mục</strong></p>'
                 + "".join(f"<p><a>{_e(h)}</a></p><p>{_e(t)}</p>" for h, t in zip(same, teasers, strict=True))
                 + "</div>")  # fmt: skip
    clutter += ["Tin cùng chuyên mục"]
    for h, t in zip(same, teasers, strict=True):
        clutter += [h, t]
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{_e(a["title"])} | Tin Tức Miền Trung</title></head>
<body><div id="top">Tin Tức Miền Trung — Cơ quan ngôn luận của Hội Nhà báo khu vực</div>
<div class="container"><div class="content">
<h1>{_e(a["title"])}</h1>
<div class="date-time">{dateline}</div>
<div class="tools">Nghe bài viết</div>
<div class="article-body">
{"".join(parts)}
</div></div></div>
<div class="footer">Giấy phép số 123/GP-BTTTT. Bản quyền thuộc Tin Tức Miền Trung.</div>
</body></html>
"""
    return page, clutter


def page_dangbo(a: dict[str, Any], rnd: random.Random) -> tuple[str, list[str]]:
    """Cổng Thông tin Đảng bộ: <time datetime>, a toolbar, an inline "Xem thêm:" link, a caption, a credit and an
    "other news" list with dates."""
    clutter = ["Cỡ chữ A A A | Nghe bài viết | In | Chia sẻ"]
    more = rnd.choice(HEADLINES)
    others = rnd.sample(HEADLINES, 3)
    parts = [f'<p class="lead">{_e(a["lead"])}</p>']
    for k, para in enumerate(a["paras"]):
        parts.append(f"<p>{_e(para)}</p>")
        if k == 0:
            parts.append(f'<p>Xem thêm: <a href="/tin/{rnd.randint(100, 999)}">{_e(more)}</a></p>')
            clutter.append(f"Xem thêm: {more}")
            if a["caption"]:
                cap = f'{a["caption"]} Ảnh: TL'
                parts.append(f"<p><em>{_e(cap)}</em></p>")
                clutter.append(cap)
    credit = a["author"] or "PV"
    parts.append(f"<p><strong>{_e(credit)}</strong></p>")
    clutter.append(credit)
    stamps = [f"{_dmy(a['date'])} {rnd.randint(6, 22):02d}:{rnd.randint(0, 59):02d}" for _ in others]
    other_html = "".join(f'<p><a href="/tin/{k}">{_e(h)}</a> <span>({s})</span></p>'
                         for k, (h, s) in enumerate(zip(others, stamps, strict=True)))  # fmt: skip
    clutter += ["Tin khác", *[f"{h} ({s})" for h, s in zip(others, stamps, strict=True)]]
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{_e(a["title"])}</title>
<meta name="description" content="{_e(a["lead"][:150])}"></head><body>
<div class="top-menu"><a>Giới thiệu</a> <a>Tin tức</a> <a>Văn bản</a> <a>Liên hệ</a></div>
<div class="main"><div class="article">
<h1>{_e(a["title"])}</h1>
<time datetime="{a["date"]}T{a["time"]}:00+07:00">{_dmy(a["date"])}</time>
<div class="toolbar">Cỡ chữ A A A | Nghe bài viết | In | Chia sẻ</div>
<div class="article-content">
{"".join(parts)}
</div>
<div class="other-news"><p class="heading">Tin khác</p>{other_html}</div>
</div></div>
<div class="bottom">Cổng Thông tin điện tử Đảng bộ. Địa chỉ: số 1 đường Trung tâm.</div>
</body></html>
"""
    return page, clutter


def text_file(a: dict[str, Any]) -> tuple[str, list[str]]:
    lines = [a["title"], "", a["lead"], *[x for p in a["paras"] for x in ("", p)]]
    clutter = []
    if a["author"]:
        lines += ["", a["author"]]
        clutter.append(a["author"])
    return "\n".join(lines) + "\n", clutter


def cp1258(s: str) -> bytes:
    """Windows-1258 as Vietnamese software wrote it: base letters and combining tone marks."""
    mark_of = {tone: mark for mark, tone in TONE_MARKS.items()}
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = split_tone(ch)
            out += base.encode("cp1258") + mark_of[tone].encode("cp1258")
    return bytes(out)


def tcvn3(s: str) -> bytes:
    table = json.loads((HERE.parents[2] / "vanphong" / "text" / "data" / "tcvn3.json").read_text("utf-8"))["table"]
    inverse = {letter: int(code, 16) for code, letter in table.items()}
    out = bytearray()
    for ch in s:
        if ch in inverse:
            out.append(inverse[ch])
        elif ch.lower() in inverse:  # capitals with a tone mark have no TCVN3 code: the .VnTimeH font drew them
            out.append(inverse[ch.lower()])
        else:
            out += ch.encode("latin-1")
    return bytes(out)


def feed(entries: list[dict[str, Any]], rnd: random.Random) -> tuple[str, dict[str, list[str]]]:
    clutter: dict[str, list[str]] = {}
    items = []
    for a in entries:
        more = rnd.choice(HEADLINES)
        paras = [a["lead"], *a["paras"]]
        content = "".join(f"<p>{_e(p)}</p>" for p in paras[:1])
        content += f"<p><em>{_e(a['caption'] or 'Quang cảnh sự kiện.')} Ảnh: TTXVN</em></p>"
        content += "".join(f"<p>{_e(p)}</p>" for p in paras[1:])
        content += f"<p>&gt;&gt; Xem thêm: {_e(more)}</p>"
        link = f"https://tinnhanh.example.vn/{a['id']}.html"
        clutter[link] = [f"{a['caption'] or 'Quang cảnh sự kiện.'} Ảnh: TTXVN", f">> Xem thêm: {more}"]
        day = _day(a["date"])
        stamp = day.strftime("%a, %d %b %Y ") + f"{a['time']}:00 +0700"
        items.append(f"""<item><title>{_e(a["title"])}</title><link>{link}</link><guid>{link}</guid>
<pubDate>{stamp}</pubDate><description>{_e(a["lead"])}</description>
<content:encoded><![CDATA[{content}]]></content:encoded></item>""")
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Kênh Tin Nhanh</title><link>https://tinnhanh.example.vn/</link><description>Tin nhanh trong ngày</description>
<lastBuildDate>Sat, 29 Nov 2025 08:00:00 +0700</lastBuildDate>
{chr(10).join(items)}
</channel></rss>
"""
    return xml, clutter


def main() -> None:
    ITEMS.mkdir(exist_ok=True)
    for old in ITEMS.iterdir():
        old.unlink()
    by_id = {a["id"]: a for a in ARTICLES}
    gold: dict[str, Any] = {}
    feed_entries: list[dict[str, Any]] = []
    for raw in ARTICLES:
        a = resolve(raw, by_id)
        original = by_id[a.get("copy_of", a["id"])]
        rnd = random.Random(a["id"])
        entry = {"event": original["event"], "copy_of": a.get("copy_of"), "title": a["title"],
                 "people": [{"name": n, "titles": t} for n, t in original["people"]],
                 "body": [a["lead"], *a["paras"]], "published": original["published"]}  # fmt: skip
        outlet = a["outlet"]
        if outlet == "feed":
            feed_entries.append(a)
            gold[f"https://tinnhanh.example.vn/{a['id']}.html"] = entry
            continue
        if outlet == "thoisu":
            page, clutter = page_thoisu(a, rnd)
            name, data = f"{a['id']}.html", page.encode("utf-8")
        elif outlet == "mientrung":
            page, clutter = page_mientrung(a, rnd)
            name, data = f"{a['id']}.html", page.encode("utf-8")
        elif outlet == "mientrung1258":
            page, clutter = page_mientrung(a, rnd, charset="windows-1258")
            name, data = f"{a['id']}.html", cp1258(page)
        elif outlet == "dangbo":
            page, clutter = page_dangbo(a, rnd)
            name, data = f"{a['id']}.html", page.encode("utf-8")
        elif outlet == "txt":
            page, clutter = text_file(a)
            name, data = f"{a['id']}.txt", page.encode("utf-8")
        elif outlet == "txt_tcvn3":
            page, clutter = text_file(a)
            name, data = f"{a['id']}.txt", tcvn3(page)
        else:
            raise ValueError(outlet)
        if "copy_of" in a:
            # A page carries its own date; a reprinted text only the lead's day and month.
            entry["published"] = None if outlet == "txt" else a["date"]
        (ITEMS / name).write_bytes(data)
        entry["clutter"] = clutter
        gold[name] = entry
    xml, feed_clutter = feed(feed_entries, random.Random("feed"))
    (ITEMS / "tinnhanh.xml").write_text(xml, encoding="utf-8")
    for link, clutter in feed_clutter.items():
        gold[link]["clutter"] = clutter
    out = {"_comment": "Gold labels for the information centre's labelled set (built by build.py from articles.py). "
                       "Keys: file names in items/, or feed entry links (the entries of items/tinnhanh.xml). "
                       "`published` is null where the year cannot be known from the item.",
           "items": gold}  # fmt: skip
    (HERE / "gold.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(gold)} items, {len({g['event'] for g in gold.values()})} events")


if __name__ == "__main__":
    main()
