"""Every read of documents and incoming entries, for one person, through the access policy.

The registers list what was registered (incoming: numbered entries; outgoing: issued documents), newest
number first, filtered as the clerk asks; the desk lists what awaits the person, most urgent and nearest
deadline first. An entry is seen through its document: the policy's rules, in the same query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from vanphong.core.ids import id_url
from vanphong.core.models import User
from vanphong.documents.flows import OUTGOING
from vanphong.documents.models import Document, IncomingEntry
from vanphong.security import policy
from vanphong.text import fold
from vanphong.workflow.models import Step

D = Document.Status
E = IncomingEntry.Status


def visible_documents(user: User) -> QuerySet[Document]:
    return policy.visible(user, Document.objects.select_related("doc_type", "issuer"))


def visible_entries(user: User) -> QuerySet[IncomingEntry]:
    qs = IncomingEntry.objects.select_related("document__doc_type", "receiving_unit", "lead_unit", "handler__person")
    return policy.visible_through(user, qs, "document", Document)


# What a register row shows (registers.incoming_rows, the marks, the overdue flag, the link) and no more: a page
# reads 50 rows joined over six tables, and never needs a document's text, recipients or the entry's direction.
INCOMING_REGISTER_FIELDS = (
    "status", "number", "year", "received_at", "handed_at", "deadline", "note", "confirmed_by_id",
    "document__classification", "document__urgency", "document__issuer_name", "document__symbol",
    "document__issued_on", "document__summary", "document__doc_type__name",
    "receiving_unit__name", "receiving_unit__short_name", "lead_unit__name", "lead_unit__short_name",
    "handler__username", "handler__first_name", "handler__last_name", "handler__person__full_name",
)


@dataclass
class RegisterFilters:
    """What the register pages filter by (each None or empty: not filtered)."""

    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    urgency: int | None = None
    classification: int | None = None
    unit: int | None = None
    status: str = ""
    notes: list[str] = field(default_factory=list)


def _text(qs: QuerySet[Any], text: str, prefix: str = "") -> QuerySet[Any]:
    """Words of the summary (without diacritics) or the symbol: a register's quick filter; search does the rest."""
    for word in fold(text).split()[:8]:
        qs = qs.filter(Q(**{f"{prefix}summary_key__contains": word}) | Q(**{f"{prefix}symbol__icontains": word}))
    return qs


def incoming_register(user: User, f: RegisterFilters) -> QuerySet[IncomingEntry]:
    """The incoming register (sổ văn bản đến): entries with an incoming number, by year, newest first."""
    qs = visible_entries(user).filter(number__isnull=False).only(*INCOMING_REGISTER_FIELDS)
    if f.year:
        qs = qs.filter(year=f.year)
    # Days of arrival as a range of moments (from local midnight to the next), not `received_at__date`: SQLite
    # would compute the local date of every row in Python to compare it.
    if f.date_from:
        qs = qs.filter(received_at__gte=_local_midnight(f.date_from))
    if f.date_to:
        qs = qs.filter(received_at__lt=_local_midnight(f.date_to + timedelta(days=1)))
    if f.urgency is not None:
        qs = qs.filter(document__urgency=f.urgency)
    if f.classification is not None:
        qs = qs.filter(document__classification=f.classification)
    if f.unit:
        qs = qs.filter(Q(lead_unit=f.unit) | Q(receiving_unit=f.unit))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.text:
        qs = _text(qs, f.text, "document__")
    return qs.order_by("-year", "-number")


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def outgoing_register(user: User, f: RegisterFilters) -> QuerySet[Document]:
    """The outgoing register (sổ văn bản đi): issued documents, newest first."""
    qs = visible_documents(user).filter(direction=Document.Direction.OUTGOING, number__isnull=False)
    qs = qs.select_related("signer__person", "filed_unit").prefetch_related("internal_recipients")
    if f.year:
        qs = qs.filter(issued_on__year=f.year)
    if f.date_from:
        qs = qs.filter(issued_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(issued_on__lte=f.date_to)
    if f.urgency is not None:
        qs = qs.filter(urgency=f.urgency)
    if f.classification is not None:
        qs = qs.filter(classification=f.classification)
    if f.unit:
        qs = qs.filter(drafting_unit=f.unit)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.text:
        qs = _text(qs, f.text)
    return qs.order_by("-issued_on", "-number")


def drafts(user: User) -> QuerySet[Document]:
    """Outgoing documents not yet issued that the person may see, newest first."""
    return visible_documents(user).filter(direction=Document.Direction.OUTGOING,
                                          status__in=(D.DRAFT, D.REVIEW, D.FORMAT_CHECK, D.SIGNING)
                                          ).select_related("drafting_unit").order_by("-urgency", "-updated_at")


@dataclass
class Awaiting:
    """One thing on the desk: what to do, with which record, by when."""

    action: str
    label: str
    url: str
    urgency: int
    classification: int
    deadline: date | None
    overdue: bool
    record: Any


# What the desk asks a person to do with an entry or a document, by the step it is at: each kind of work the
# desk lists is at its own step, so the step names it (and the query needs no per-row label).
ENTRY_TODO: dict[str, str] = {
    E.SUBMITTED: "Cho ý kiến chỉ đạo", E.DIRECTED: "Xử lý văn bản đến", E.IN_PROGRESS: "Xử lý văn bản đến",
    E.RECEIVED: "Xác nhận đã nhận", E.REGISTERED: "Trình văn bản đến",
}
DOCUMENT_TODO: dict[str, str] = {
    D.SIGNING: "Ký văn bản", D.DRAFT: "Sửa dự thảo được trả lại", D.REVIEW: "Rà soát dự thảo",
    D.FORMAT_CHECK: "Kiểm tra thể thức", D.ISSUED: "Phát hành văn bản",
}


DESK_DOCUMENT_FIELDS = ("id", "status", "symbol", "summary", "classification", "urgency", "created_by_id")
DESK_ENTRY_FIELDS = ("id", "status", "number", "deadline", "document_id", "received_at",
                     *(f"document__{f}" for f in DESK_DOCUMENT_FIELDS))


def awaiting(user: User, today: date | None = None, limit: int = 50) -> list[Awaiting]:
    """What awaits `user` in the văn thư: to direct, handle, confirm, submit, review, check, sign, release.

    Most urgent first, then nearest deadline. Two queries (entries, documents), each through the policy."""
    today = today or timezone.localdate()
    unit = user.unit_id_or_none
    clerk = user.has_perm("documents.register_document")
    mine = Q(status=E.SUBMITTED, submitted_to=user) | Q(status__in=(E.DIRECTED, E.IN_PROGRESS), handler=user)
    if unit is not None:
        mine |= Q(status__in=(E.DIRECTED, E.IN_PROGRESS), handler__isnull=True, lead_unit=unit)
        mine |= Q(status=E.RECEIVED, channel=IncomingEntry.Channel.INTERNAL, receiving_unit=unit)
    if clerk:
        mine |= Q(status=E.REGISTERED) & ~Q(channel=IncomingEntry.Channel.INTERNAL)
    out: list[Awaiting] = []
    # Only what a desk row shows: the desk is every person's first page, drawn on each visit.
    entries = policy.visible_through(user, IncomingEntry.objects.select_related("document"), "document", Document)
    entries = entries.filter(mine).only(*DESK_ENTRY_FIELDS).order_by("-document__urgency", "deadline", "received_at")
    entry_url, doc_url = id_url("documents:incoming"), id_url("documents:detail")
    for e in entries[:limit]:
        doc = e.document
        out.append(Awaiting("entry", ENTRY_TODO[e.status], entry_url(e.pk), doc.urgency, doc.classification,
                            e.deadline, e.is_overdue(today), e))
    returned = Exists(Step.objects.filter(machine=OUTGOING.name, record_id=OuterRef("pk"),
                                          transition__startswith="return_"))
    todo = Q(status=D.SIGNING, signer=user) | Q(returned, status=D.DRAFT, created_by=user)
    if user.has_perm("documents.review_document"):
        review = Q(status=D.REVIEW) & ~Q(created_by=user)
        todo |= review & Q(drafting_unit=unit) if unit else review
    if clerk:
        todo |= Q(status__in=(D.FORMAT_CHECK, D.ISSUED))
    outgoing = policy.visible(user, Document.objects.filter(direction=Document.Direction.OUTGOING).filter(todo))
    for d in outgoing.only(*DESK_DOCUMENT_FIELDS).order_by("-urgency", "updated_at")[:limit]:
        out.append(Awaiting("document", DOCUMENT_TODO[d.status], doc_url(d.pk), d.urgency, d.classification,
                            None, False, d))
    out.sort(key=lambda a: (-a.urgency, not a.overdue, a.deadline or date.max))
    return out[:limit]
