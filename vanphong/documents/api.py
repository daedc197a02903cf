"""API for the văn thư, over the same services and queries as the pages: registers, documents, entries, steps,
and reading a number and symbol."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.documents import queries, reference, services
from vanphong.documents.flows import INCOMING, OUTGOING
from vanphong.documents.models import Document, IncomingEntry
from vanphong.documents.symbols import SymbolError, parse_symbol
from vanphong.security import policy
from vanphong.security.classification import Classification, Urgency

router = Router(tags=["Văn thư"])

# A step's name, one of each flow's transitions (anything else answers 422 before reaching the services).
STEP = "^(" + "|".join(OUTGOING.transitions) + ")$"
ENTRY_STEP = "^(" + "|".join(INCOMING.transitions) + ")$"


class DocumentOut(Schema):
    id: int
    direction: str
    status: str
    symbol: str
    number: int | None
    type: str
    type_name: str
    issuer: str | None
    issuer_name: str
    issued_on: date | None
    summary: str
    classification: str
    urgency: str
    signer_name: str
    released_at: datetime | None
    version: int

    @staticmethod
    def resolve_type(obj: Document) -> str:
        return obj.doc_type.code

    @staticmethod
    def resolve_type_name(obj: Document) -> str:
        return obj.doc_type.name

    @staticmethod
    def resolve_issuer(obj: Document) -> str | None:
        return obj.issuer.code if obj.issuer_id and obj.issuer else None

    @staticmethod
    def resolve_classification(obj: Document) -> str:
        return Classification(obj.classification).name

    @staticmethod
    def resolve_urgency(obj: Document) -> str:
        return Urgency(obj.urgency).name


class EntryOut(Schema):
    id: int
    number: int | None
    year: int
    channel: str
    status: str
    received_at: datetime
    deadline: date | None
    overdue: bool
    lead_unit_id: int | None
    handler_id: int | None
    classification: str
    document: DocumentOut
    version: int

    @staticmethod
    def resolve_overdue(obj: IncomingEntry) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_classification(obj: IncomingEntry) -> str:
        return Classification(obj.document.classification).name


class StepIn(Schema):
    version: int = Field(..., ge=1, le=2**31)
    note: str = Field("", max_length=4000)
    passphrase: str = Field("", max_length=200)
    submitted_to: int | None = Field(None, ge=1, le=MAX_ID)
    lead_unit: int | None = Field(None, ge=1, le=MAX_ID)
    co_units: list[int] = Field(default_factory=list, max_length=50)
    handler: int | None = Field(None, ge=1, le=MAX_ID)
    deadline: date | None = None
    comment: str = Field("", max_length=4000)
    copies: int | None = Field(None, ge=1, le=100_000)

    def data(self) -> dict[str, Any]:
        return self.dict(exclude={"version", "note"})


class RegisterFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2200)
    q: str = Field("", max_length=200)
    urgency: Literal["THUONG", "KHAN", "THUONG_KHAN", "HOA_TOC"] | None = None


class SymbolReading(Schema):
    number: int
    type: str
    type_name: str
    issuer: str
    year: int | None
    canonical: str


def _filters(f: RegisterFilter) -> queries.RegisterFilters:
    return queries.RegisterFilters(year=f.year, text=f.q, urgency=Urgency[f.urgency] if f.urgency else None)


@router.get("/incoming", response=list[EntryOut], summary="Sổ văn bản đến (những gì bạn được xem)")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def incoming_register(request: HttpRequest, filters: Query[RegisterFilter]) -> Any:
    return queries.incoming_register(acting_user(request), _filters(filters))


@router.get("/outgoing", response=list[DocumentOut], summary="Sổ văn bản đi (những gì bạn được xem)")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def outgoing_register(request: HttpRequest, filters: Query[RegisterFilter]) -> Any:
    return queries.outgoing_register(acting_user(request), _filters(filters))


@router.get("/symbol", response=SymbolReading, summary="Đọc số, ký hiệu văn bản")
def read_symbol(request: HttpRequest, text: str = Query(..., min_length=1, max_length=100)) -> dict[str, Any]:
    try:
        symbol = parse_symbol(text, reference.rules_from_db())
    except SymbolError as exc:
        raise ServiceError(str(exc), field="text") from None
    from vanphong.documents.symbols import format_symbol

    return {**symbol.as_dict(), "year": symbol.year, "canonical": format_symbol(symbol)}


@router.get("/incoming/{entry_id}", response=EntryOut, summary="Một văn bản đến")
def get_entry(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)) -> IncomingEntry:
    return services.access_entry(acting_user(request), entry_id)


@router.post("/incoming/{entry_id}/steps/{name}", response=EntryOut, summary="Một bước xử lý văn bản đến")
def entry_step(request: HttpRequest, data: StepIn, name: str = Path(..., pattern=ENTRY_STEP),
               entry_id: int = Path(..., ge=1, le=MAX_ID)) -> IncomingEntry:
    return services.check_entry_step(acting_user(request), entry_id, name, data.version, note=data.note,
                                     data=data.data())


@router.get("/{document_id}", response=DocumentOut, summary="Một văn bản")
def get_document(request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID)) -> Document:
    return policy.access(acting_user(request), Document.objects.select_related("doc_type", "issuer"), document_id,
                         address=request.META.get("REMOTE_ADDR", ""))


@router.post("/{document_id}/steps/{name}", response=DocumentOut, summary="Một bước của văn bản đi")
def document_step(request: HttpRequest, data: StepIn, name: str = Path(..., pattern=STEP),
                  document_id: int = Path(..., ge=1, le=MAX_ID)) -> Document:
    return services.check_step(acting_user(request), document_id, name, data.version, note=data.note,
                               data=data.data())
