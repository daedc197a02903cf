"""`vanphong analyze [--json] PATH...`: the information centre's pipeline over files, without the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.infocenter.pipeline.analyze import analyze_paths, to_json


class Command(BaseCommand):
    help = (
        "Phân tích tin, bài từ tệp HTML, TXT hoặc nguồn tin RSS/Atom (không ghi vào cơ sở dữ liệu): làm sạch, "
        "gộp bản sao, nhóm sự kiện, nhận diện người và chức danh, cơ quan, địa bàn, lĩnh vực, tin đáng chú ý. "
        "--json in kết quả dạng JSON {items, events, errors}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="tệp HTML, TXT hoặc RSS/Atom (thư mục: mọi tệp trong đó)")
        parser.add_argument("--json", action="store_true", help="in JSON thay cho bản tóm tắt dễ đọc")

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = []
        for name in options["paths"]:
            path = Path(name)
            if path.is_dir():
                paths.extend(sorted(p for p in path.rglob("*") if p.is_file()))
            else:
                paths.append(path)
        analysis = analyze_paths(paths)
        for source, message in analysis.errors:
            self.stderr.write(f"{source}: {message}")
        if options["json"]:
            self.stdout.write(json.dumps(to_json(analysis), ensure_ascii=False, indent=2))
        else:
            self._summary(analysis)
        if not analysis.items and analysis.errors:
            raise CommandError("Không phân tích được tệp nào (xem lỗi từng tệp ở trên).")

    def _summary(self, analysis: Any) -> None:
        by_id = {it.source: it for it in analysis.items}
        self.stdout.write(f"{len(analysis.items)} tin, {len(analysis.events)} sự kiện, {len(analysis.errors)} lỗi.")
        for event in analysis.events:
            self.stdout.write(f"\n[{event.id}] {event.title} ({len(event.items)} tin)")
            for source in event.items:
                item = by_id.get(source)
                if item is None:
                    self.stdout.write(f"    bản sao: {source}")
                    continue
                day = item.published.strftime("%d/%m/%Y") if item.published else "không rõ ngày"
                mark = " [đáng chú ý]" if item.notable else ""
                self.stdout.write(f"  - {item.title} — {item.outlet or source} ({day}){mark}")
                for person in item.people:
                    titles = f", {', '.join(person.titles)}" if person.titles else ""
                    self.stdout.write(f"      {person.name}{titles}")
                if item.places or item.fields:
                    self.stdout.write(f"      địa bàn: {', '.join(item.places) or '—'}; lĩnh vực: "
                                      f"{', '.join(item.fields) or '—'}")
