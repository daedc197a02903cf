"""From a Document to its rendering: the Layout the renderers draw, its symbol, and the rendered files."""

from __future__ import annotations

from typing import Literal

from django.conf import settings

from vanphong.core.errors import ServiceError
from vanphong.documents import body as body_text
from vanphong.documents.models import Document, System
from vanphong.documents.render import Layout, LayoutError, Marks, Signer, render_docx, render_pdf
from vanphong.documents.symbols import PARTY, STATE, Symbol, format_symbol
from vanphong.security.classification import Classification, Urgency

LETTER_TYPES = {"Công văn"}


def symbol_of(doc: Document, number: int | None = None) -> Symbol | None:
    """The symbol an outgoing document carries (or will carry) with `number`; None without an issuer."""
    if doc.issuer is None:
        return None
    system = PARTY if doc.issuer.system == System.PARTY else STATE
    code = doc.doc_type.code
    day = doc.issued_on
    year = day.year if (system == STATE and doc.doc_type.year_in_symbol and day is not None) else None
    if system == STATE and not code:
        # A State công văn: "123/VPCP-TCCV", the drafting unit's code after the issuer's.
        unit = doc.drafting_unit.code.upper() if doc.drafting_unit_id and doc.drafting_unit else ""
        return Symbol(number or 1, "", doc.doc_type.name, doc.issuer.code, system, year,
                      (unit,) if unit.isalnum() else (), doc.issuer.name)
    return Symbol(number or 1, code, doc.doc_type.name, doc.issuer.code, system, year, (), doc.issuer.name)


def notation_of(doc: Document) -> str:
    """What the header prints after the number ("KL/TW", "2020/NĐ-CP"); a draft prints it after a blank."""
    symbol = symbol_of(doc, doc.number)
    if symbol is None:
        return ""
    if symbol.system == STATE and symbol.year is None and doc.doc_type.year_in_symbol:
        return format_symbol(symbol).split("/", 1)[1]
    return symbol.notation


def layout_of(doc: Document) -> Layout:
    """The document as the renderers draw it; drafts carry "DỰ THẢO" and no number or date."""
    draft = doc.number is None
    system: Literal["party", "state"] = (
        "state" if doc.issuer is not None and doc.issuer.system == System.STATE else "party")
    type_name = "" if doc.doc_type.name in LETTER_TYPES else doc.doc_type.name.upper()
    classification = Classification(doc.classification)
    urgency = Urgency(doc.urgency)
    try:
        return Layout(
            system=system,
            issuer=doc.issuer_name.upper(),
            superior=doc.superior_name.upper(),
            symbol=notation_of(doc),
            number=doc.number,
            date=doc.issued_on,
            place=doc.place or settings.VANPHONG_OFFICE_PLACE,
            type_name=type_name,
            summary=doc.summary,
            addressees=tuple(line.strip() for line in doc.addressees.splitlines() if line.strip()),
            body=body_text.blocks(doc.body),
            signer=Signer(position=doc.signer_position.upper(), name=doc.signer_name,
                          authority=doc.authority,  # type: ignore[arg-type]
                          on_behalf_of=doc.on_behalf_of.upper()),
            recipients=tuple(doc.recipient_lines()),
            marks=Marks(
                classification=classification.name if classification else None,  # type: ignore[arg-type]
                urgency=urgency.name if urgency else None,  # type: ignore[arg-type]
                circulation=doc.circulation,
            ),
            draft=draft,
            draft_version=doc.draft_version if draft else None,
            copies=doc.copies,
        )
    except LayoutError as exc:
        raise ServiceError(str(exc)) from None


def render(doc: Document, kind: str) -> bytes:
    layout = layout_of(doc)
    return render_pdf(layout) if kind == "pdf" else render_docx(layout)


def file_name(doc: Document, extension: str) -> str:
    """A download name people recognise: "21-KL-TW.pdf", a draft "Du-thao-3-…"."""
    if doc.symbol:
        stem = doc.symbol.replace("/", "-")
    else:
        stem = f"Dự thảo {doc.draft_version} - {doc.summary[:60]}"
    return f"{stem}.{extension}"
