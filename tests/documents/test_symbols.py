"""Reading and writing numbers and symbols (số, ký hiệu): real symbols, the spellings people use, every kind of
malformed input with its message, the laws of parse and format, and `vanphong docs symbol`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.text.strategies import SETTINGS
from vanphong.documents.reference import rules_from_json
from vanphong.documents.symbols import (
    PARTY,
    STATE,
    Symbol,
    SymbolError,
    SymbolRules,
    TypeRule,
    format_symbol,
    parse_symbol,
)

RULES = rules_from_json()
ROOT = Path(__file__).resolve().parents[2]


def parse(text: str, on: date | None = None) -> Symbol:
    return parse_symbol(text, RULES, on=on)


def canonical(text: str) -> str:
    return format_symbol(parse(text))


@pytest.mark.parametrize(("text", "number", "code", "name", "issuer", "year"), [
    ("21-KL/TW", 21, "KL", "Kết luận", "TW", None),
    ("215-KL/TW", 215, "KL", "Kết luận", "TW", None),
    ("11-QĐi/TW", 11, "QĐi", "Quy định", "TW", None),
    ("399-QĐ/TW", 399, "QĐ", "Quyết định hoặc Quy định", "TW", None),
    ("259-QĐ/TW", 259, "QĐ", "Quyết định hoặc Quy định", "TW", None),
    ("36-HD/VPTW", 36, "HD", "Hướng dẫn", "VPTW", None),
    ("05-HD/VPTW", 5, "HD", "Hướng dẫn", "VPTW", None),
    ("35-HD/VPTW", 35, "HD", "Hướng dẫn", "VPTW", None),
    ("01-HD/TW", 1, "HD", "Hướng dẫn", "TW", None),
    ("12-BS/UBKTTU", 12, "BS", "Bản sao", "UBKTTU", None),
    ("30/2020/NĐ-CP", 30, "NĐ", "Nghị định", "CP", 2020),
    ("63/2026/NĐ-CP", 63, "NĐ", "Nghị định", "CP", 2026),
    ("451/QĐ-TTg", 451, "QĐ", "Quyết định", "TTg", None),
    ("01/2011/TT-BNV", 1, "TT", "Thông tư", "BNV", 2011),
    ("117/2025/QH15", 117, "", "Luật, Nghị quyết hoặc Pháp lệnh", "QH15", 2025),
])  # fmt: skip
def test_it_reads_real_symbols(text, number, code, name, issuer, year):
    symbol = parse(text)
    assert (symbol.number, symbol.type, symbol.type_name, symbol.issuer, symbol.year) == (
        number, code, name, issuer, year)
    assert symbol.system == (PARTY if re.match(r"\d+-", text) else STATE)
    assert symbol.issuer_known
    assert format_symbol(symbol) == text


def test_a_cong_van_names_its_issuer_and_drafting_unit():
    symbol = parse("Số: 123/VPCP-TCCV")
    assert (symbol.type, symbol.type_name, symbol.issuer, symbol.units) == ("", "Công văn", "VPCP", ("TCCV",))
    assert symbol.issuer_name == "Văn phòng Chính phủ"
    assert format_symbol(symbol) == "123/VPCP-TCCV"


def test_a_joint_document_keeps_every_issuer():
    symbol = parse("01/2014/ttlt-bnv-btc")
    assert (symbol.type, symbol.issuer, symbol.units, symbol.year) == ("TTLT", "BNV", ("BTC",), 2014)
    assert format_symbol(symbol) == "01/2014/TTLT-BNV-BTC"


@pytest.mark.parametrize("text", [
    "Số 21-KL/TW", "Số: 21-KL/TW", "số 21-KL/TW", "SỐ 21-KL/TW", "Số21-KL/TW", "So 21-KL/TW", "Số:  21-KL/TW",
    "21 - KL / TW", "21–KL/TW", "21—KL/TW", "21‑KL／TW", "21−KL⁄TW", "  21-KL/TW\n",
    unicodedata.normalize("NFD", "Số 21-KL/TW"), "Số\u00a021-KL/\u200bTW", "２１-KL/TW", "21-kl/tw", "21-Kl/Tw",
    "21-KL/TƯ",
])  # fmt: skip
def test_the_spellings_people_use_read_as_the_canonical_symbol(text):
    assert canonical(text) == "21-KL/TW"


@pytest.mark.parametrize(("text", "expected"), [
    ("11-qđi/tw", "11-QĐi/TW"), ("11-QĐI/TW", "11-QĐi/TW"), ("11-QDi/TW", "11-QĐi/TW"),
    ("259-QD/TW", "259-QĐ/TW"), ("30/2020/ND-CP", "30/2020/NĐ-CP"), ("30 / 2020 / nđ − cp", "30/2020/NĐ-CP"),
    ("451/qđ-ttg", "451/QĐ-TTg"), ("123/vpcp-tccv", "123/VPCP-TCCV"), ("5-HD/VPTW", "05-HD/VPTW"),
    ("0005/QĐ-TTg", "05/QĐ-TTg"), ("12-KL/BCDTW", "12-KL/BCĐTW"), ("35/2023/ubtvqh15", "35/2023/UBTVQH15"),
    (unicodedata.normalize("NFD", "Số: 30/2020/NĐ-CP"), "30/2020/NĐ-CP"),
])  # fmt: skip
def test_case_the_stroke_of_d_and_leading_zeros_do_not_matter(text, expected):
    assert canonical(text) == expected


@pytest.mark.parametrize("system", [PARTY, STATE])
def test_every_shipped_code_can_be_typed_in_lower_case(system):
    for code in sorted({t.code for t in RULES.types if t.system == system and t.code}):
        text = f"01-{code.lower()}/tw" if system == PARTY else f"01/{code.lower()}-cp"
        assert parse(text).type == code


def test_the_stroke_is_not_guessed_where_it_tells_two_types_apart():
    assert parse("12-DA/TU").type_name == "Dự án"
    assert parse("12-ĐA/TU").type_name == "Đề án"
    assert parse("12-da/TU").type == "DA"


def test_a_legacy_code_still_reads_and_the_date_picks_the_type_name():
    assert parse("11-QĐi/TW", on=date(2019, 2, 18)).type_name == "Quy định"
    assert parse("66-QĐ/TW", on=date(2017, 2, 6)).type_name == "Quyết định hoặc Quy định"
    assert parse("10-QĐ/TW", on=date(2019, 6, 1)).type_name == "Quyết định"  # Quy định was QĐi then
    assert RULES.code_for(PARTY, "Quy định", date(2019, 2, 18)) == "QĐi"
    assert RULES.code_for(PARTY, "Quy định", date(2026, 3, 1)) == "QĐ"
    assert RULES.code_for(STATE, "Quy định", date(2026, 3, 1)) == "QyĐ"


def test_an_issuer_outside_the_table_is_accepted_and_marked_unknown():
    symbol = parse("456/snv-tccb")
    assert (symbol.issuer, symbol.units, symbol.issuer_known) == ("SNV", ("TCCB",), False)
    assert symbol.as_dict()["issuer_known"] is False
    party = parse("21-KL/BTGTUQN")
    assert (party.issuer, party.issuer_name) == ("BTGTUQN", "")


def test_the_json_form_has_four_keys_for_party_symbols_and_the_year_for_state_ones():
    assert parse("Số 21-KL/TW").as_dict() == {"number": 21, "type": "KL", "type_name": "Kết luận", "issuer": "TW"}
    assert parse("30/2020/NĐ-CP").as_dict() == {"number": 30, "type": "NĐ", "type_name": "Nghị định",
                                                "issuer": "CP", "year": 2020}
    assert parse("451/QĐ-TTg").as_dict()["year"] is None


@pytest.mark.parametrize(("text", "message"), [
    ("", "Chưa nhập số, ký hiệu"),
    ("   ", "Chưa nhập số, ký hiệu"),
    ("Số: ", "Chưa nhập số, ký hiệu"),
    ("KL/TW", "Thiếu số văn bản"),
    ("-KL/TW", "Thiếu số văn bản"),
    ("0-KL/TW", "phải từ 1 trở lên"),
    ("00/QĐ-TTg", "phải từ 1 trở lên"),
    ("21a-KL/TW", "“21a” có chữ cái"),
    ("123456789012-KL/TW", "dài 12 chữ số, quá 11"),
    ("21", "Sau số 21 còn thiếu ký hiệu"),
    ("21.KL/TW", "phải là dấu gạch nối"),
    ("21 KL/TW", "không phải dấu cách"),
    ("21-KX/TW", "Không có tên loại viết tắt “KX” trong bảng loại văn bản của Đảng. Có phải: KL (Kết luận)"),
    ("30/2020/NX-CP", "“NX” trong bảng loại văn bản nhà nước. Có phải:"),
    ("451/QX-TTg", "Không có tên loại viết tắt “QX”"),
    ("21/KL-TW", "KL là tên loại văn bản của Đảng: ký hiệu của Đảng viết số-tên loại/cơ quan, ví dụ 21-KL/TW."),
    ("21/CV", "CV là tên loại văn bản của Đảng"),
    ("21-NĐ/TW", "NĐ là tên loại văn bản nhà nước: ký hiệu nhà nước viết số/tên loại-cơ quan, ví dụ 21/NĐ-CP."),
    ("21-", "Thiếu tên loại văn bản viết tắt sau “21-”"),
    ("21-KL", "Thiếu cơ quan ban hành: thêm dấu gạch chéo"),
    ("21-KL/", "Thiếu cơ quan ban hành sau “21-KL/”"),
    ("21-KL-TW", "Sau tên loại KL phải là dấu gạch chéo"),
    ("30/2020/NĐ", "Thiếu cơ quan ban hành sau tên loại NĐ"),
    ("451/QĐ-", "Thiếu ký hiệu cơ quan sau “451/QĐ-”"),
    ("451/", "Thiếu ký hiệu sau “451/”"),
    ("21-KL/15", "Cơ quan ban hành “15” không hợp lệ: phải bắt đầu bằng chữ cái"),
    ("21-KL/" + "A" * 21, "dài quá 20 ký tự"),
    ("21-KL/CP", "CP (Chính phủ) là cơ quan nhà nước"),
    ("123/VPTW-TH", "VPTW (Văn phòng Trung ương Đảng) là cơ quan của Đảng: ký hiệu của Đảng viết số-tên loại/cơ "
                    "quan, ví dụ 123-CV/VPTW"),
    ("30/20/NĐ-CP", "Năm “20” phải viết đủ 4 chữ số"),
    ("30/1899/NĐ-CP", "Năm 1899 ngoài khoảng 1945–"),
    (f"30/{date.today().year + 2}/NĐ-CP", "ngoài khoảng"),
    ("30/2020-NĐ-CP", "Sau năm 2020 phải là dấu gạch chéo"),
    ("21-KL/TW ngày 03/4/2018", "Thừa “ngày 03/4/2018” sau 21-KL/TW"),
    ("21-KL/TW.", "Thừa “.” sau 21-KL/TW"),
    ("30/2020/NĐ-CP/abc", "Thừa “/abc” sau 30/2020/NĐ-CP"),
    ("123/VPCP-ABCDEFGHIJ-KLMNOPQRST-UVWXYZ", "dài 33 ký tự, quá 30"),
    ("21-KL/TW " + "x" * 100, "dài quá"),
])  # fmt: skip
def test_it_rejects_malformed_input_saying_what_to_fix(text, message):
    with pytest.raises(SymbolError) as caught:
        parse(text)
    assert message in str(caught.value)


def test_codes_that_differ_only_by_case_must_be_written_exactly():
    rules = SymbolRules(types=(TypeRule(PARTY, "Tb", "Tờ báo"), TypeRule(PARTY, "TB", "Thông báo")), issuers=())
    assert parse_symbol("01-Tb/TW", rules).type_name == "Tờ báo"
    with pytest.raises(SymbolError, match="có thể là TB hoặc Tb"):
        parse_symbol("01-tb/TW", rules)


# --- Laws ----------------------------------------------------------------------------------------------------

DASHES = ["-", "–", "—", "‑", "−"]
SLASHES = ["/", "／", "⁄"]
PREFIXES = ["", "Số ", "Số: ", "số ", "SỐ: ", "So "]
LETTERS = "ABCDEGHIKLMNOPQRSTUVXYĐ"


def _loose(s: str) -> str:
    return s.upper().replace("Đ", "D")


def _codes(system: str) -> list[str]:
    return sorted({t.code for t in RULES.types if t.system == system and t.code})


KNOWN_ISSUERS = {s: sorted({i.code for i in RULES.issuers if i.system == s}) for s in (PARTY, STATE)}
ISSUER_FORMS = {s: KNOWN_ISSUERS[s] + [a for i in RULES.issuers if i.system == s for a in i.aliases]
                for s in (PARTY, STATE)}
ALL_KNOWN = {_loose(c) for s in (PARTY, STATE) for c in [*_codes(s), *KNOWN_ISSUERS[s]]} | {
    _loose(a) for i in RULES.issuers for a in i.aliases}


def _spellings(code: str, others: list[str]) -> list[str]:
    """Ways to write a known code that still mean it: as is, in capitals, lower case, without Đ's stroke."""
    out = [code]
    if sum(o.upper() == code.upper() for o in others) == 1:
        out += [code.upper(), code.lower()]
        if "Đ" in code.upper() and sum(_loose(o) == _loose(code) for o in others) == 1 and not any(
                o.upper() == _loose(code) for o in others):
            out.append(code.upper().replace("Đ", "D"))
    return out


unknown_words = st.text(LETTERS, min_size=2, max_size=7).filter(lambda w: _loose(w) not in ALL_KNOWN)


@st.composite
def symbols(draw: st.DrawFn) -> Symbol:
    """A well-formed Symbol of any form, with the names the shipped rules give it."""
    number = draw(st.integers(1, 10**11 - 1))
    form = draw(st.sampled_from(["party", "typed", "cong_van", "law"]))
    system = PARTY if form == "party" else STATE
    year = draw(st.integers(RULES.min_year, RULES.max_year)) if form == "law" else None
    if form == "typed":
        year = draw(st.none() | st.integers(RULES.min_year, RULES.max_year))
    code = draw(st.sampled_from(_codes(system))) if form in ("party", "typed") else ""
    candidates = [c for c in KNOWN_ISSUERS[system] if not RULES.type_codes(system, c)]
    issuer = draw(st.sampled_from(candidates) | unknown_words)
    if issuer == "QH" and draw(st.booleans()):
        issuer += str(draw(st.integers(1, 16)))
    units = tuple(draw(st.lists(unknown_words, max_size=2))) if form in ("typed", "cong_van") else ()
    row = RULES.issuer(system, issuer.rstrip("0123456789"))
    symbol = Symbol(number=number, type=code,
                    type_name=RULES.type_name(system, code, with_year=year is not None), issuer=issuer,
                    system=system, year=year, units=units, issuer_name=row.name if row else "")
    assume(len(symbol.notation) <= 30)
    return symbol


@st.composite
def spelled(draw: st.DrawFn, symbol: Symbol) -> str:
    """`symbol` written in any accepted way: prefix, zeros, case, stroke, dashes, spacing, NFD."""
    def sep(ch: str) -> str:
        mark = draw(st.sampled_from(DASHES if ch == "-" else SLASHES))
        return draw(st.sampled_from(["", " "])) + mark + draw(st.sampled_from(["", " "]))

    def issuer(word: str) -> str:
        if not symbol.issuer_known:
            return draw(st.sampled_from([word, word.lower()]))
        base = word.rstrip("0123456789")
        row = RULES.issuer(symbol.system, base)
        forms = _spellings(base, ISSUER_FORMS[symbol.system]) + list(row.aliases if row else ())
        return draw(st.sampled_from(forms)) + word[len(base):]

    digits = str(symbol.number)
    number = "0" * draw(st.integers(0, 11 - len(digits))) + digits
    code = draw(st.sampled_from(_spellings(symbol.type, _codes(symbol.system)))) if symbol.type else ""
    if symbol.system == PARTY:
        body = number + sep("-") + code + sep("/") + issuer(symbol.issuer)
    else:
        chain = [p for p in (code, issuer(symbol.issuer), *(draw(st.sampled_from([u, u.lower()]))
                                                              for u in symbol.units)) if p]
        year = "" if symbol.year is None else str(symbol.year) + sep("/")
        body = number + sep("/") + year + "".join(p if i == 0 else sep("-") + p for i, p in enumerate(chain))
    text = draw(st.sampled_from(PREFIXES)) + body
    return unicodedata.normalize("NFD", text) if draw(st.booleans()) else text


@SETTINGS
@given(st.data())
def test_every_accepted_spelling_formats_to_the_canonical_symbol(data):
    symbol = data.draw(symbols())
    text = data.draw(spelled(symbol))
    assert format_symbol(parse_symbol(text, RULES)) == format_symbol(symbol)


@SETTINGS
@given(symbols())
def test_parsing_a_formatted_symbol_gives_it_back(symbol):
    assert parse_symbol(format_symbol(symbol), RULES) == symbol


# --- The command ---------------------------------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command("docs", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_prints_the_json_of_a_party_symbol(db):
    assert run("symbol", "Số 21-KL/TW", "--json") == (
        '{"number": 21, "type": "KL", "type_name": "Kết luận", "issuer": "TW"}\n')


def test_the_command_adds_the_year_for_a_state_symbol(db):
    assert run("symbol", "Số: 30/2020/NĐ-CP", "--json") == (
        '{"number": 30, "type": "NĐ", "type_name": "Nghị định", "issuer": "CP", "year": 2020}\n')


def test_without_json_the_command_prints_a_readable_line(db):
    line = run("symbol", "11-qđi/tw", "--date", "18/02/2019")
    assert line == ("11-QĐi/TW: Quy định số 11 của Trung ương Đảng (Ban Chấp hành Trung ương, Bộ Chính trị, "
                    "Ban Bí thư) (ký hiệu của Đảng).\n")


def test_the_command_refuses_a_malformed_symbol_with_the_message(db):
    with pytest.raises(CommandError, match="Không có tên loại viết tắt “KX”"):
        run("symbol", "21-KX/TW", "--json")


def test_the_vanphong_command_line_prints_json_and_fails_on_bad_input(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VANPHONG_", "DJANGO_", "DATABASE_URL"))}
    env.update({"VANPHONG_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                "PYTHONPATH": str(ROOT)})

    def vanphong(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "vanphong.cli", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    assert vanphong("migrate", "--no-input", "-v0").returncode == 0
    ok = vanphong("docs", "symbol", "Số 21-KL/TW", "--json")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == '{"number": 21, "type": "KL", "type_name": "Kết luận", "issuer": "TW"}\n'
    bad = vanphong("docs", "symbol", "21-KL/TW abc", "--json")
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert "Thừa “abc” sau 21-KL/TW" in bad.stderr
