"""Read and write a document's number and symbol (số, ký hiệu): 21-KL/TW, 30/2020/NĐ-CP, 123/VPCP-TCCV.

Pure Python: the rule tables come in as a `SymbolRules` value (built from the database or the shipped JSON by
vanphong.documents.reference). The forms, once "Số"/"Số:" and spacing are set aside:

    Party   N-TYPE/ISSUER              21-KL/TW, 11-QĐi/TW, 05-HD/VPTW, 12-BS/UBKTTU
    State   N[/YEAR]/TYPE-ISSUER[-…]   451/QĐ-TTg, 30/2020/NĐ-CP, 01/2014/TTLT-BNV-BTC (joint issuers)
            N/ISSUER[-UNIT…]           công văn, no type written: 123/VPCP-TCCV (TCCV drafts it)
            N/YEAR/ISSUER              luật, nghị quyết, pháp lệnh: 117/2025/QH15

Decisions:
- Numbers: the value is the integer ("05" is 5). The canonical form writes numbers below 10 with a leading zero
  (05-HD/VPTW, 01/2021/NĐ-CP): Hướng dẫn 36-HD/VPTW numbers "from 01", and Nghị định 30/2020/NĐ-CP (Phụ lục I)
  asks for the zero.
- Codes are matched exactly, then ignoring case, then also ignoring the stroke of Đ (QD → QĐ) when one code
  fits; the stroke is never guessed when it matters (DA is Dự án, ĐA Đề án).
- Validity: parsing accepts every code the tables hold, whatever its dates, because old documents are
  registered too. The type name is that of the code's rows valid on `on` (the document's date; default today),
  or of all its rows if none is valid then: 399-QĐ/TW is "Quyết định hoặc Quy định" since 2021, a QĐ of 2019
  "Quyết định" (Quy định was QĐi then). The code to write on a new document is `SymbolRules.code_for(system,
  name, on)`; numbering keys on the code, so types sharing one share its sequence.
- Issuers not in the table are accepted when well-formed (an office receives from bodies it does not list),
  with `issuer_name == ""`; malformed ones are refused. An issuer of the other system is refused with the form
  to use. In "N/X-Y" without a year, X is a type if the table has it, else the issuer of a công văn, except
  when Y is a known issuer: then X was meant as a type and is reported as unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from vanphong.documents.reference import PARTY, STATE, IssuerRule, SymbolRules, TypeRule
from vanphong.text import normalize

__all__ = [
    "PARTY", "STATE", "IssuerRule", "Symbol", "SymbolError", "SymbolRules", "TypeRule", "describe_symbol",
    "format_symbol", "parse_symbol",
]

NUMBER_WIDTH = 2  # numbers below 10 carry a leading zero
MAX_NUMBER_DIGITS = 11  # edXML CodeNumber
MAX_NOTATION = 30  # edXML CodeNotation: everything after the number
MAX_PART = 20  # one abbreviation between separators
MAX_INPUT = 100

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
_SLASHES = "\u2044\u2215\u29f8\uff0f"
# Full-width digits come from East Asian input methods and some PDF exports.
_SEPARATORS = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SLASHES, "/"),
                             **{chr(0xFF10 + d): str(d) for d in range(10)}})
_PREFIX = re.compile(r"(?:số|so)(?:\s*[:.]\s*|\s+|(?=\d))", re.IGNORECASE)
_SPACED_SEP = re.compile(r"\s*([-/])\s*")
_TOKEN = re.compile(r"[^\W_]+|.", re.DOTALL)  # a run of letters and digits, or any one other character
_DIGITS = re.compile(r"[0-9]+")
_PART = re.compile(r"[^\W\d_][^\W_]*")
_TERM_SUFFIX = re.compile(r"(.*\D)(\d{1,3})")


class SymbolError(ValueError):
    """A number and symbol that cannot be read; the message (Vietnamese) says what to fix."""


@dataclass(frozen=True)
class Symbol:
    number: int
    type: str  # canonical code as in the table ("KL", "QĐi"); "" when the form writes no type (công văn, luật)
    type_name: str
    issuer: str  # canonical: "TW", "VPTW"; State: the part after the type ("CP", "TTg"), or first for công văn
    system: str  # PARTY or STATE
    year: int | None = None  # State legal documents: 30/2020/NĐ-CP
    units: tuple[str, ...] = ()  # after the issuer: the drafting unit of a công văn (TCCV), or joint issuers
    issuer_name: str = ""  # "" for an issuer not in the table

    @property
    def issuer_known(self) -> bool:
        return bool(self.issuer_name)

    @property
    def notation(self) -> str:
        """Everything after the number: "KL/TW", "2020/NĐ-CP", "VPCP-TCCV" (edXML CodeNotation)."""
        return format_symbol(self).split("-" if self.system == PARTY else "/", 1)[1]

    def as_dict(self) -> dict[str, Any]:
        """The JSON of the command and the API: Party symbols carry four keys, State ones the year too."""
        out: dict[str, Any] = {"number": self.number, "type": self.type, "type_name": self.type_name,
                               "issuer": self.issuer}
        if self.system == STATE:
            out["year"] = self.year
            if self.units:
                out["units"] = list(self.units)
        if not self.issuer_known:
            out["issuer_known"] = False
        return out


def format_symbol(symbol: Symbol) -> str:
    """The canonical form: 21-KL/TW, 05-HD/VPTW; 30/2020/NĐ-CP, 451/QĐ-TTg, 123/VPCP-TCCV."""
    number = f"{symbol.number:0{NUMBER_WIDTH}d}"
    if symbol.system == PARTY:
        return f"{number}-{symbol.type}/{symbol.issuer}"
    year = "" if symbol.year is None else f"{symbol.year}/"
    return f"{number}/{year}" + "-".join(p for p in (symbol.type, symbol.issuer, *symbol.units) if p)


def describe_symbol(symbol: Symbol) -> str:
    """One Vietnamese line: "21-KL/TW: Kết luận số 21 của Trung ương Đảng (…)"."""
    what = symbol.type_name or "Văn bản"
    year = f" năm {symbol.year}" if symbol.year is not None else ""
    who = symbol.issuer_name or f"{symbol.issuer} (cơ quan chưa có trong bảng cơ quan ban hành)"
    units = f", {'đơn vị soạn thảo' if not symbol.type else 'cùng'} {', '.join(symbol.units)}" if symbol.units else ""
    system = "ký hiệu của Đảng" if symbol.system == PARTY else "ký hiệu nhà nước"
    return f"{format_symbol(symbol)}: {what} số {symbol.number}{year} của {who}{units} ({system})."


def _shown(s: str) -> str:
    return s if len(s) <= 30 else s[:29] + "…"


def _clean(text: str) -> str:
    s = normalize(text).translate(_SEPARATORS)
    if m := _PREFIX.match(s):
        s = s[m.end():]
    return _SPACED_SEP.sub(r"\1", s).strip()


class _Reader:
    """The tokens of a cleaned symbol, read left to right."""

    def __init__(self, s: str) -> None:
        self.tokens = _TOKEN.findall(s)
        self.at = 0

    def peek(self) -> str:
        return self.tokens[self.at] if self.at < len(self.tokens) else ""

    def take(self) -> str:
        tok = self.peek()
        self.at += 1
        return tok

    def word(self) -> str:
        """The next run of letters and digits, or "" (nothing taken) if the next token is not one."""
        return self.take() if self.peek().isalnum() else ""

    def rest(self) -> str:
        return "".join(self.tokens[self.at:])


def parse_symbol(text: str, rules: SymbolRules, on: date | None = None) -> Symbol:
    """Read a number and symbol as written on a document or typed by a person; `SymbolError` if it cannot be."""
    s = _clean(text)
    if not s:
        raise SymbolError("Chưa nhập số, ký hiệu. Ví dụ: 21-KL/TW (Đảng); 30/2020/NĐ-CP, 451/QĐ-TTg (Nhà nước).")
    if len(s) > MAX_INPUT:
        raise SymbolError(f"Số, ký hiệu dài quá ({len(s)} ký tự): chỉ nhập số và ký hiệu, ví dụ 21-KL/TW; "
                          "trích yếu và ngày tháng ghi ở ô riêng.")
    r = _Reader(s)
    raw_number = r.word()
    number = _number(raw_number)
    sep = r.take()
    if sep == "-":
        symbol = _party(r, number, rules, on)
    elif sep == "/":
        symbol = _state(r, number, rules, on)
    elif not sep:
        raise SymbolError(f"Sau số {raw_number} còn thiếu ký hiệu: ví dụ {raw_number}-KL/TW (Đảng) "
                          f"hoặc {raw_number}/QĐ-TTg (Nhà nước).")
    else:
        found = "dấu cách" if sep.isspace() else f"“{_shown(sep + r.rest())}”"
        raise SymbolError(f"Sau số {raw_number} phải là dấu gạch nối (Đảng: {raw_number}-KL/TW) hoặc dấu gạch chéo "
                          f"(Nhà nước: {raw_number}/QĐ-TTg), không phải {found}.")
    if extra := r.rest().strip():
        raise SymbolError(f"Thừa “{_shown(extra)}” sau {format_symbol(symbol)}: xóa phần thừa "
                          "(ngày tháng, trích yếu ghi ở ô riêng).")
    if len(symbol.notation) > MAX_NOTATION:
        raise SymbolError(f"Ký hiệu “{_shown(symbol.notation)}” dài {len(symbol.notation)} ký tự, quá "
                          f"{MAX_NOTATION} ký tự cho phép khi trao đổi văn bản điện tử: kiểm tra lại ký hiệu.")
    return symbol


def _number(raw: str) -> int:
    if not raw or not any(ch.isdigit() for ch in raw):
        raise SymbolError("Thiếu số văn bản: số, ký hiệu bắt đầu bằng số, ví dụ 21-KL/TW hoặc 451/QĐ-TTg.")
    if not _DIGITS.fullmatch(raw):
        raise SymbolError(f"Số văn bản “{_shown(raw)}” có chữ cái: số chỉ gồm chữ số, ví dụ 21-KL/TW.")
    if len(raw) > MAX_NUMBER_DIGITS:
        raise SymbolError(f"Số văn bản dài {len(raw)} chữ số, quá {MAX_NUMBER_DIGITS} chữ số cho phép: "
                          "kiểm tra lại số.")
    if int(raw) == 0:
        raise SymbolError(f"Số văn bản phải từ 1 trở lên (đang là “{raw}”).")
    return int(raw)


def _part(r: _Reader, after: str, what: str, example: str) -> str:
    """The next abbreviation, checked for shape; `after` is what came before it, for the message."""
    word = r.word()
    if not word:
        raise SymbolError(f"Thiếu {what} sau “{_shown(after)}”: ví dụ {example}.")
    if len(word) > MAX_PART:
        raise SymbolError(f"Ký hiệu “{_shown(word)}” dài quá {MAX_PART} ký tự: kiểm tra lại {what}.")
    if not _PART.fullmatch(word):
        raise SymbolError(f"{what[0].upper() + what[1:]} “{word}” không hợp lệ: phải bắt đầu bằng chữ cái, "
                          f"ví dụ {example}.")
    return word


def _as_written(word: str) -> str:
    # An abbreviation not in the tables keeps its spelling; typed all in lower case it is put in capitals.
    return word.upper() if word == word.lower() else word


def _one(hits: list[str], word: str, what: str) -> str | None:
    if len(hits) > 1:
        raise SymbolError(f"“{word}” có thể là {' hoặc '.join(hits)}: viết đúng chữ hoa, chữ thường và chữ Đ "
                          f"của {what}.")
    return hits[0] if hits else None


def _type(rules: SymbolRules, system: str, word: str) -> str | None:
    return _one(rules.type_codes(system, word), word, "tên loại văn bản")


def _unknown_type(rules: SymbolRules, system: str, word: str, number: int, on: date | None) -> SymbolError:
    other = PARTY if system == STATE else STATE
    n = f"{number:0{NUMBER_WIDTH}d}"
    if (code := _type(rules, other, word)) is not None:
        if other == PARTY:
            return SymbolError(f"{code} là tên loại văn bản của Đảng: ký hiệu của Đảng viết số-tên loại/cơ quan, "
                               f"ví dụ {n}-{code}/TW.")
        return SymbolError(f"{code} là tên loại văn bản nhà nước: ký hiệu nhà nước viết số/tên loại-cơ quan, "
                           f"ví dụ {n}/{code}-CP.")
    near = rules.near_type_codes(system, word, on)
    hint = (" Có phải: " + ", ".join(f"{c} ({rules.type_name(system, c, on)})" for c in near) + "?") if near else ""
    table = "của Đảng" if system == PARTY else "nhà nước"
    return SymbolError(f"Không có tên loại viết tắt “{word}” trong bảng loại văn bản {table}.{hint} "
                       "Nếu đây là loại mới, nhờ quản trị viên thêm vào bảng Loại văn bản.")


def _issuer(rules: SymbolRules, system: str, word: str, number: int, type_code: str,
            on: date | None) -> tuple[str, str]:
    """(canonical code, name) of an issuer; name "" if not in the table. Refuses an issuer of the other system,
    showing the symbol in that system's form (with `type_code` when that system has it)."""
    code = _one(rules.issuer_codes(system, word), word, "cơ quan ban hành")
    suffix = ""
    if code is None and (m := _TERM_SUFFIX.fullmatch(word)):
        base = _one(rules.issuer_codes(system, m.group(1)), m.group(1), "cơ quan ban hành")
        row = rules.issuer(system, base, on) if base else None
        if row is not None and row.with_term_number:
            code, suffix = base, m.group(2)
    if code is not None:
        row = rules.issuer(system, code, on)
        return code + suffix, row.name if row else ""
    other = PARTY if system == STATE else STATE
    if (foreign := _one(rules.issuer_codes(other, word), word, "cơ quan ban hành")) is not None:
        row = rules.issuer(other, foreign, on)
        name = f" ({row.name})" if row else ""
        n = f"{number:0{NUMBER_WIDTH}d}"
        shown = type_code if type_code and rules.type_codes(other, type_code) == [type_code] else ""
        if other == STATE:
            raise SymbolError(f"{foreign}{name} là cơ quan nhà nước: ký hiệu nhà nước viết số/tên loại-cơ quan, "
                              f"ví dụ {n}/{shown or 'QĐ'}-{foreign}.")
        raise SymbolError(f"{foreign}{name} là cơ quan của Đảng: ký hiệu của Đảng viết số-tên loại/cơ quan, "
                          f"ví dụ {n}-{shown or 'CV'}/{foreign}.")
    return _as_written(word), ""


def _party(r: _Reader, number: int, rules: SymbolRules, on: date | None) -> Symbol:
    n = f"{number:0{NUMBER_WIDTH}d}"
    word = _part(r, f"{n}-", "tên loại văn bản viết tắt", f"{n}-KL/TW")
    code = _type(rules, PARTY, word)
    if code is None:
        raise _unknown_type(rules, PARTY, word, number, on)
    if r.peek() != "/":
        if not r.peek():
            raise SymbolError(f"Thiếu cơ quan ban hành: thêm dấu gạch chéo và ký hiệu cơ quan, ví dụ {n}-{code}/TW.")
        raise SymbolError(f"Sau tên loại {code} phải là dấu gạch chéo rồi ký hiệu cơ quan, ví dụ {n}-{code}/TW, "
                          f"không phải “{_shown(r.rest())}”.")
    r.take()
    word = _part(r, f"{n}-{code}/", "cơ quan ban hành", f"{n}-{code}/TW")
    issuer, issuer_name = _issuer(rules, PARTY, word, number, code, on)
    return Symbol(number=number, type=code, type_name=rules.type_name(PARTY, code, on), issuer=issuer,
                  system=PARTY, issuer_name=issuer_name)


def _state(r: _Reader, number: int, rules: SymbolRules, on: date | None) -> Symbol:
    n = f"{number:0{NUMBER_WIDTH}d}"
    year: int | None = None
    if _DIGITS.fullmatch(r.peek()):
        raw = r.take()
        if len(raw) != 4:
            raise SymbolError(f"Năm “{raw}” phải viết đủ 4 chữ số, ví dụ {n}/2020/NĐ-CP.")
        year = int(raw)
        if not rules.min_year <= year <= rules.max_year:
            raise SymbolError(f"Năm {year} ngoài khoảng {rules.min_year}–{rules.max_year}: kiểm tra lại năm ban hành.")
        if r.take() != "/":
            raise SymbolError(f"Sau năm {year} phải là dấu gạch chéo rồi ký hiệu, ví dụ {n}/{year}/NĐ-CP.")
    head = f"{n}/" + (f"{year}/" if year is not None else "")
    chain = [_part(r, head, "ký hiệu", f"{n}/QĐ-TTg" if year is None else f"{n}/{year}/NĐ-CP")]
    while r.peek() == "-":
        r.take()
        chain.append(_part(r, head + "-".join(chain) + "-", "ký hiệu cơ quan", f"{head}{chain[0]}-CP"))
    first = chain[0]
    code = _type(rules, STATE, first)
    if code is None and year is not None and len(chain) > 1:
        raise _unknown_type(rules, STATE, first, number, on)
    if code is None and year is None and not rules.issuer_codes(STATE, first):
        # "N/X-Y": X is the issuer of a công văn, unless it is a Party type or Y is a known issuer: then X was
        # meant as a type.
        if rules.type_codes(PARTY, first) or (len(chain) > 1 and rules.issuer_codes(STATE, chain[1])):
            raise _unknown_type(rules, STATE, first, number, on)
    if code is not None:
        if len(chain) == 1:
            raise SymbolError(f"Thiếu cơ quan ban hành sau tên loại {code}: ví dụ {head}{code}-CP.")
        issuer, name = _issuer(rules, STATE, chain[1], number, code, on)
        units = chain[2:]
        type_name = rules.type_name(STATE, code, on)
    else:
        code = ""
        issuer, name = _issuer(rules, STATE, first, number, "", on)
        units = chain[1:]
        type_name = rules.type_name(STATE, "", on, with_year=year is not None)
    return Symbol(number=number, type=code, type_name=type_name, issuer=issuer, system=STATE, year=year,
                  units=tuple(_unit(rules, u) for u in units), issuer_name=name)


def _unit(rules: SymbolRules, word: str) -> str:
    # A joint issuer takes its table spelling (ttg → TTg); a drafting unit (TCCV) is in no table.
    hits = rules.issuer_codes(STATE, word)
    return hits[0] if len(hits) == 1 else _as_written(word)
