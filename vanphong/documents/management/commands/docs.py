"""`vanphong docs SUBCOMMAND`: the văn thư's commands; `docs symbol "Số 21-KL/TW" [--json]` reads a symbol.

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


SUBCOMMANDS: list[Callable[[Subparsers], None]] = [add_symbol]


class Command(BaseCommand):
    help = "Lệnh văn thư. `symbol`: đọc số, ký hiệu văn bản (Đảng: 21-KL/TW; Nhà nước: 30/2020/NĐ-CP)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="LỆNH")
        for add in SUBCOMMANDS:
            add(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        options["run"](self, options)
