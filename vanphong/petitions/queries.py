"""Reads of cases and letters, always through the access policy; senders as the reader may see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from vanphong.core.models import User
from vanphong.petitions import protection
from vanphong.petitions.models import Petition, PetitionAttachment, PetitionCase, RevealRequest, Sender
from vanphong.security import policy


def visible_cases(user: User) -> QuerySet[PetitionCase]:
    # A case grouped into another (its one letter moved there) is kept for ungrouping, not listed.
    qs = (PetitionCase.objects.filter(merged_into__isnull=True).select_related("locality")
          .annotate(letter_count=Count("letters")))
    # A GROUP BY query ignores Meta.ordering: said again, so pages of the list never overlap.
    return policy.visible(user, qs.order_by("-received_on", "-pk"))


def overdue_q(today: date | None = None) -> Q:
    """The query twin of PetitionCase.is_overdue."""
    return Q(status__in=PetitionCase.OPEN, deadline__lt=today or timezone.localdate())


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    status: str = ""
    locality_id: int | None = None
    overdue: bool = False


def cases(user: User, f: Filters) -> QuerySet[PetitionCase]:
    qs = visible_cases(user)
    if f.kind == "chua":
        qs = qs.filter(kind="")
    elif f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.locality_id:
        qs = qs.filter(locality_id=f.locality_id)
    if f.overdue:
        qs = qs.filter(overdue_q())
    return qs


@dataclass(frozen=True)
class SenderRow:
    order: int
    name: str
    address: str
    contact: str
    place: str
    hidden: bool


def senders_of(letter: Petition) -> list[SenderRow]:
    """The letter's senders as pages and the API show them: sealed details opened only for an unprotected
    letter; "***" for a protected one."""
    rows = []
    for s in letter.senders.all():
        who = protection.shown_identity(letter, s)
        rows.append(SenderRow(s.order, who.name, who.address, who.contact,
                              s.place.short_name if s.place_id and s.place else "", letter.protected))
    return rows


def letters_of(case: PetitionCase) -> QuerySet[Petition]:
    return case.letters.select_related("case").prefetch_related(
        "attachments",
        # Sender rows with their sealed identity in two queries, not one per sender.
        Prefetch("senders", queryset=Sender.objects.select_related("sealed", "place")),
    )


def visible_attachment(user: User, attachment_id: int) -> PetitionAttachment | None:
    qs = policy.visible_through(user, PetitionAttachment.objects.select_related("file", "petition__case"),
                                "petition__case", PetitionCase)
    return qs.filter(pk=attachment_id).first()


def visible_requests(user: User) -> QuerySet[RevealRequest]:
    return policy.visible_through(user, RevealRequest.objects.select_related("case", "requested_by__person"),
                                  "case", PetitionCase)
