"""Document numbers: one gap-free sequence per (issuer, type, scope), taken only when a document is issued.

The scope is the committee term for Party issuers (numbers run from 01 across the whole term, DOMAIN §2) and
the calendar year for State issuers (§3); secret documents share the ordinary sequence or have their own, as the
issuer's row says. Incoming numbers run through the year in the office's register. A number is taken inside
the transaction that issues (or registers) the document, on a locked sequence row: if that transaction fails,
the number goes back with it, so there is never a gap nor a duplicate (invariant 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from vanphong.core.errors import ServiceError
from vanphong.core.models import Body, Term
from vanphong.documents.models import Document, Issuer, NumberingScope, NumberSequence
from vanphong.security.classification import Classification
from vanphong.text import fold


@dataclass(frozen=True)
class Sequence:
    key: str
    label: str


def term_for(issuer: Issuer, day: date) -> Term:
    """The committee term an issuer numbers within on `day`: its body's, else the nearest ancestor's, else the
    term of the committee this installation serves (the top leadership body with terms)."""
    body: Body | None = issuer.body
    seen: set[int] = set()
    while body is not None and body.pk not in seen:
        seen.add(body.pk)
        term = Term.current_for(body, day)
        if term is not None:
            return term
        body = body.parent
    top = (Term.objects.filter(body__parent__isnull=True, body__kind=Body.Kind.LEADERSHIP, start__lte=day)
           .order_by("-start").select_related("body").first())
    if top is None or not top.contains(day):
        raise ServiceError(
            f"Chưa khai báo nhiệm kỳ (khóa) của cấp ủy cho ngày {day:%d/%m/%Y}, nên chưa cấp được số văn bản của "
            f"{issuer.name}: hãy nhờ quản trị hệ thống thêm khóa, nhiệm kỳ trong mục Cơ quan tổ chức."
        )
    return top


def outgoing_sequence(doc: Document, day: date) -> Sequence:
    issuer = doc.issuer
    if issuer is None:
        raise ServiceError("Văn bản chưa chọn cơ quan ban hành nên chưa cấp được số.", field="issuer")
    # The sequence follows the type's abbreviation, so types that share one (Quyết định and Quy định, "QĐ") share
    # a sequence; types written without one (a State law, a resolution of the National Assembly, a công văn) are
    # told apart by name, as their rule rows are, instead of all falling into one "-" sequence of the issuer.
    code = doc.doc_type.code or "-" + "-".join(fold(doc.doc_type.name).split())[:40]
    if issuer.numbering_scope == NumberingScope.TERM:
        term = term_for(issuer, day)
        scope, scope_label = f"term-{term.pk}", term.name
    else:
        scope, scope_label = f"year-{day.year}", f"năm {day.year}"
    secret = doc.classification > Classification.THUONG and issuer.secret_own_sequence
    label = f"{doc.doc_type.name} của {issuer.code}, {scope_label}" + (" (văn bản mật)" if secret else "")
    return Sequence(f"out:{issuer.system}:{issuer.code}:{code}:{scope}" + (":mat" if secret else ""), label)


def incoming_sequence(year: int, classification: int) -> Sequence:
    secret = classification > Classification.THUONG and settings.VANPHONG_SECRET_INCOMING_OWN_REGISTER
    return Sequence(f"in:{year}" + (":mat" if secret else ""),
                    f"Sổ văn bản đến năm {year}" + (" (văn bản mật)" if secret else ""))


def take(sequence: Sequence) -> int:
    """The next number of `sequence`. Must run inside the transaction that uses the number."""
    if not connection.in_atomic_block:
        raise RuntimeError("take() phải chạy trong transaction của thao tác dùng số.")
    number = _next(sequence.key)
    if number is None:
        try:
            with transaction.atomic():
                NumberSequence.objects.create(key=sequence.key, label=sequence.label[:200], last=1)
            return 1
        except IntegrityError:
            # Another issuer created it at the same moment: count on from theirs, like any other time.
            number = _next(sequence.key)
            if number is None:
                raise
    return number


def _next(key: str) -> int | None:
    """Count the sequence on and read the new last number in one statement, which also locks the row until the
    transaction ends (PostgreSQL: the row lock, waited for if another issuer holds it; SQLite: the write lock
    held since BEGIN IMMEDIATE). One round trip under the lock instead of a locking read and a write."""
    q = connection.ops.quote_name
    table, last = q(NumberSequence._meta.db_table), q("last")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {last} = {last} + 1 WHERE {q('key')} = %s RETURNING {last}",  # noqa: S608
                       [key])
        row = cursor.fetchone()
    return int(row[0]) if row else None
