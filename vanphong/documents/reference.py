"""The văn thư's rule tables as data: the shipped JSON (documents/data/), loaders that put it in the database,
and `SymbolRules`, the value the symbol parser reads, built from the database or from the JSON.

Loaders are idempotent and take model classes, so a migration can pass its historical models. They create only
the rows missing by natural key (system, code, start of validity; a type without a code by its name) and never
change an existing row, so an administrator's edits stand. The post_migrate hook reloads a table only when it
is empty (after a test flush or a reset): a row an administrator deleted stays deleted. To retire a rule, give
it an end date rather than deleting it: documents issued under it are still read.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from vanphong.text import normalize

DATA = Path(__file__).parent / "data"
PARTY = "party"
STATE = "state"


def _in_period(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


@dataclass(frozen=True)
class TypeRule:
    system: str
    code: str
    name: str
    valid_from: date | None = None
    valid_to: date | None = None
    year_in_symbol: bool = False
    is_administrative: bool = False
    order: int = 100

    def valid_on(self, day: date) -> bool:
        return _in_period(self.valid_from, self.valid_to, day)


@dataclass(frozen=True)
class IssuerRule:
    system: str
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    numbering_scope: str = "term"
    secret_own_sequence: bool = False
    with_term_number: bool = False
    valid_from: date | None = None
    valid_to: date | None = None
    order: int = 100

    def valid_on(self, day: date) -> bool:
        return _in_period(self.valid_from, self.valid_to, day)


def _loose(s: str) -> str:
    return s.upper().replace("Đ", "D")


class _Forms:
    """Written forms of the codes of one system and table, looked up exactly, by case, then without Đ's stroke."""

    def __init__(self, forms: dict[str, str]) -> None:
        self.exact = forms
        self.by_key: list[dict[str, set[str]]] = []
        for key in (str.upper, _loose):
            table: dict[str, set[str]] = {}
            for written, code in forms.items():
                table.setdefault(key(written), set()).add(code)
            self.by_key.append(table)

    def match(self, written: str) -> list[str]:
        if written in self.exact:
            return [self.exact[written]]
        for key, table in zip((str.upper, _loose), self.by_key, strict=True):
            if hits := table.get(key(written)):
                return sorted(hits)
        return []


def _join_or(names: Iterable[str]) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " hoặc " + unique[-1]


@dataclass(frozen=True)
class SymbolRules:
    """The two rule tables as the parser needs them; every row of every period."""

    types: tuple[TypeRule, ...]
    issuers: tuple[IssuerRule, ...]
    min_year: int = 1945  # the first State documents
    max_year: int = field(default_factory=lambda: date.today().year + 1)

    @cached_property
    def _type_forms(self) -> dict[str, _Forms]:
        return {s: _Forms({t.code: t.code for t in self.types if t.system == s and t.code}) for s in (PARTY, STATE)}

    @cached_property
    def _issuer_forms(self) -> dict[str, _Forms]:
        out = {}
        for s in (PARTY, STATE):
            forms: dict[str, str] = {}
            for i in self.issuers:
                if i.system == s:
                    forms.update({alias: i.code for alias in i.aliases})
            for i in self.issuers:  # a code wins over another issuer's alias
                if i.system == s:
                    forms[i.code] = i.code
            out[s] = _Forms(forms)
        return out

    def type_rows(self, system: str, code: str, on: date | None = None) -> list[TypeRule]:
        """The rows of a code valid on `on` (default today), or all of them if none is (QĐi, an old code)."""
        rows = sorted((t for t in self.types if t.system == system and t.code == code), key=lambda t: t.order)
        day = on or date.today()
        return [t for t in rows if t.valid_on(day)] or rows

    def type_name(self, system: str, code: str, on: date | None = None, *, with_year: bool = False) -> str:
        """The name(s) a code stands for on `on` ("Quyết định hoặc Quy định"); a type not written, by the form."""
        rows = self.type_rows(system, code, on)
        if not code:
            rows = [t for t in rows if t.year_in_symbol == with_year]
        return _join_or(t.name for t in rows) if rows else ""

    def types_valid_on(self, system: str, on: date) -> list[TypeRule]:
        return sorted((t for t in self.types if t.system == system and t.valid_on(on)), key=lambda t: t.order)

    def code_for(self, system: str, name: str, on: date) -> str | None:
        """The abbreviation to write on a new document of type `name` issued on `on` (Quy định: QĐi in 2019)."""
        wanted = normalize(name)
        return next((t.code for t in self.types_valid_on(system, on) if t.name == wanted), None)

    def issuer(self, system: str, code: str, on: date | None = None) -> IssuerRule | None:
        """The row of an issuer code valid on `on` (default today), else its latest row."""
        rows = sorted((i for i in self.issuers if i.system == system and i.code == code),
                      key=lambda i: i.valid_from or date.min)
        day = on or date.today()
        chosen = [i for i in rows if i.valid_on(day)] or rows
        return chosen[-1] if chosen else None

    def type_codes(self, system: str, written: str) -> list[str]:
        """The codes `written` may stand for: its exact spelling, else ignoring case, else also Đ's stroke."""
        return self._type_forms[system].match(written)

    def issuer_codes(self, system: str, written: str) -> list[str]:
        """Like `type_codes`, for issuers and their other spellings ("TƯ" → TW)."""
        return self._issuer_forms[system].match(written)

    def near_type_codes(self, system: str, written: str, on: date | None = None) -> list[str]:
        """Up to three codes spelled like `written`, for a did-you-mean: among the codes in use on `on` (default
        today), or among all if none is."""
        day = on or date.today()
        coded = [t for t in self.types if t.system == system and t.code]
        codes = sorted({t.code for t in coded if t.valid_on(day)} or {t.code for t in coded})
        by_key: dict[str, list[str]] = {}
        for code in codes:
            by_key.setdefault(_loose(code), []).append(code)
        keys = difflib.get_close_matches(_loose(written), list(by_key), n=3, cutoff=0.5)
        return [code for k in keys for code in by_key[k]][:3]


# --- The shipped tables -------------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _common(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "system": row["system"], "code": normalize(row["code"]), "name": normalize(row["name"]),
        "order": row.get("order", 100), "valid_from": _day(row.get("valid_from")),
        "valid_to": _day(row.get("valid_to")), "note": row.get("note", ""),
    }


def document_type_rows() -> list[dict[str, Any]]:
    """The shipped document types as model field values."""
    return [
        {**_common(row), "is_administrative": row.get("is_administrative", False),
         "year_in_symbol": row.get("year_in_symbol", False)}
        for row in _data("document_types.json")["types"]
    ]


def issuer_rows() -> list[dict[str, Any]]:
    """The shipped issuers as model field values, the system's defaults filled in; "body" is a Body's name."""
    data = _data("issuers.json")
    return [
        {**_common(row), **data["defaults"][row["system"]],
         **{k: row[k] for k in ("numbering_scope", "secret_own_sequence") if k in row},
         "with_term_number": row.get("with_term_number", False),
         "aliases": ", ".join(normalize(a).strip() for a in row.get("aliases", "").split(",") if a.strip()),
         "body": normalize(row["body"]) if row.get("body") else None}
        for row in data["issuers"]
    ]


def _type_key(system: str, code: str, name: str, valid_from: date | None) -> tuple[str, str, str, date | None]:
    return (system, code, "" if code else name, valid_from)


def load_document_types(type_model: Any) -> int:
    """Create the shipped document types the table lacks; returns how many were created."""
    have = {_type_key(*row) for row in type_model.objects.values_list("system", "code", "name", "valid_from")}
    new = []
    for row in document_type_rows():
        key = _type_key(row["system"], row["code"], row["name"], row["valid_from"])
        if key not in have:
            have.add(key)
            new.append(type_model(**row))
    type_model.objects.bulk_create(new)
    return len(new)


def load_issuers(issuer_model: Any, body_model: Any) -> int:
    """Create the shipped issuers the table lacks, linked to their Body when one has that name."""
    rows = issuer_rows()
    bodies = {b.name: b for b in body_model.objects.filter(name__in={r["body"] for r in rows if r["body"]})}
    have = set(issuer_model.objects.values_list("system", "code", "valid_from"))
    new = []
    for row in rows:
        key = (row["system"], row["code"], row["valid_from"])
        if key not in have:
            have.add(key)
            new.append(issuer_model(**{**row, "body": bodies.get(row["body"] or "")}))
    issuer_model.objects.bulk_create(new)
    return len(new)


def ensure_rules(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the shipped tables back when a flush emptied them; a no-op when they have rows."""
    from vanphong.core.models import Body
    from vanphong.documents.models import DocumentType, Issuer

    if using != "default":
        return  # the loaders write through the default managers
    if not DocumentType.objects.exists():
        load_document_types(DocumentType)
    if not Issuer.objects.exists():
        load_issuers(Issuer, Body)


_TYPE_FIELDS = [f.name for f in fields(TypeRule)]
_ISSUER_FIELDS = [f.name for f in fields(IssuerRule) if f.name != "aliases"]


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a for a in (part.strip() for part in text.split(",")) if a)


def rules_from_json() -> SymbolRules:
    """The rules as shipped, without a database (pure tests, tools)."""
    return SymbolRules(
        types=tuple(TypeRule(**{k: row[k] for k in _TYPE_FIELDS}) for row in document_type_rows()),
        issuers=tuple(IssuerRule(**{k: row[k] for k in _ISSUER_FIELDS}, aliases=_aliases(row["aliases"]))
                      for row in issuer_rows()),
    )


def rules_from_db() -> SymbolRules:
    """The rules as the administrators keep them: every row of both tables, whatever its validity (two queries)."""
    from vanphong.documents.models import DocumentType, Issuer

    return SymbolRules(
        types=tuple(TypeRule(**{k: getattr(t, k) for k in _TYPE_FIELDS}) for t in DocumentType.objects.all()),
        issuers=tuple(IssuerRule(**{k: getattr(i, k) for k in _ISSUER_FIELDS}, aliases=_aliases(i.aliases))
                      for i in Issuer.objects.all()),
    )
