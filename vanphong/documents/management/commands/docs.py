"""`vanphong docs SUBCOMMAND`: the văn thư's commands; `docs symbol "Số 21-KL/TW" [--json]` reads a symbol,
`docs render --symbol 21-KL/TW --format pdf --out FILE` writes an issued document out.

Each subcommand is one `add_*` function: it declares its parser and sets `run` to its handler, which gets the
command (for stdout/stderr) and the parsed options. To add one, write that pair and list it in SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.documents.reference import rules_from_db
from vanphong.documents.symbols import SymbolError, describe_symbol, parse_symbol
from vanphong.text import parse_vn_date

Subparsers = argparse._SubParsersAction  # what add_subparsers returns; argparse exports no public name for it


def _day(text: str) -> date:
    parsed = parse_vn_date(text)
    if parsed.precision != "day" or parsed.date is None:
        raise argparse.ArgumentTypeError(f"Ngày “{text}” không đọc được: viết ngày/tháng/năm, ví dụ 03/4/2018.")
    return parsed.date


def run_symbol(command: BaseCommand, options: dict[str, Any]) -> None:
    try:
        symbol = parse_symbol(options["text"], rules_from_db(), on=options["date"])
    except SymbolError as exc:
        raise CommandError(str(exc)) from None
    if options["json"]:
        command.stdout.write(json.dumps(symbol.as_dict(), ensure_ascii=False))
    else:
        command.stdout.write(describe_symbol(symbol))


def add_symbol(sub: Subparsers) -> None:
    p = sub.add_parser("symbol", help="đọc số, ký hiệu văn bản: vanphong docs symbol \"Số 21-KL/TW\" [--json]")
    p.add_argument("text", help="số, ký hiệu như ghi trên văn bản, ví dụ \"Số 21-KL/TW\" hoặc \"30/2020/NĐ-CP\"")
    p.add_argument("--json", action="store_true",
                   help="in JSON: number, type, type_name, issuer (văn bản nhà nước thêm year; units nếu có; "
                        "issuer_known: false nếu cơ quan chưa có trong bảng)")
    p.add_argument("--date", type=_day, default=None,
                   help="ngày văn bản (dd/mm/yyyy): tên loại theo bảng có hiệu lực ngày đó; mặc định hôm nay")
    p.set_defaults(run=run_symbol)


def run_render(command: BaseCommand, options: dict[str, Any]) -> None:
    from pathlib import Path

    from django.db import transaction

    from vanphong.core.errors import ServiceError
    from vanphong.documents import rendering
    from vanphong.documents.models import Attachment, Document
    from vanphong.documents.symbols import format_symbol
    from vanphong.security.audit import record_event

    try:
        canonical = format_symbol(parse_symbol(options["symbol"], rules_from_db()))
    except SymbolError as exc:
        raise CommandError(str(exc)) from None
    found = Document.objects.filter(symbol=canonical).select_related("doc_type", "issuer").order_by("-issued_on")
    if options["year"]:
        found = found.filter(issued_on__year=options["year"])
    doc = found.first()
    if doc is None:
        raise CommandError(f"Không có văn bản số, ký hiệu {canonical}"
                           + (f" ban hành năm {options['year']}." if options["year"] else "."))
    if found.count() > 1:
        command.stderr.write(f"Có {found.count()} văn bản {canonical} (các nhiệm kỳ khác nhau): xuất văn bản ngày "
                             f"{doc.issued_on:%d/%m/%Y}; chọn văn bản khác bằng --year.")
    fmt = options["format"]
    kind = Attachment.Kind.SIGNED_PDF if fmt == "pdf" else Attachment.Kind.RENDERED_DOCX
    stored = doc.attachments.filter(kind=kind).select_related("file").order_by("-added_at").first()
    if stored is not None:
        with stored.file.open() as fh:
            content = fh.read()
    else:
        try:
            content = rendering.render(doc, fmt)
        except ServiceError as exc:
            raise CommandError(exc.message) from None
    out = Path(options["out"])
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise CommandError(f"Không ghi được tệp {out}: {exc.strerror}.") from None
    with transaction.atomic():
        record_event("documents.exported", obj=doc, new={"format": fmt, "signed": stored is not None})
    command.stdout.write(f"Đã xuất {canonical} ({'bản đã ký số' if stored else 'bản trình bày'}) ra {out}.")


def add_render(sub: Subparsers) -> None:
    p = sub.add_parser("render", help="xuất văn bản đã ban hành: vanphong docs render --symbol 21-KL/TW "
                                      "--format pdf --out TỆP")
    p.add_argument("--symbol", required=True, help="số, ký hiệu văn bản, ví dụ 21-KL/TW")
    p.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                   help="pdf: bản đã ký số (nếu có); docx: bản trình bày để sửa, in")
    p.add_argument("--out", required=True, help="tệp ghi ra")
    p.add_argument("--year", type=int, default=None, help="năm ban hành, khi cùng số, ký hiệu ở hai nhiệm kỳ")
    p.set_defaults(run=run_render)


SUBCOMMANDS: list[Callable[[Subparsers], None]] = [add_symbol, add_render]


class Command(BaseCommand):
    help = ("Lệnh văn thư. `symbol`: đọc số, ký hiệu văn bản (Đảng: 21-KL/TW; Nhà nước: 30/2020/NĐ-CP). "
            "`render`: xuất văn bản đã ban hành ra PDF (bản đã ký số) hoặc DOCX.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="LỆNH")
        for add in SUBCOMMANDS:
            add(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        options["run"](self, options)
