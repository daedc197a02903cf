"""The document packet of each participant: only what their clearance and their role allow.

A participant gets the meeting's own documents (invited guests not those kept for members) and the dossiers
(proposal.documents) of the agenda items they attend (an invited guest: the items listed for them, or every item
when none is listed), and of those only the documents at or below the level they may receive. What is not in a
packet is neither listed nor counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.core.models import User
from vanphong.documents.models import Document
from vanphong.meetings.models import AgendaItem, Meeting, MeetingDocument, Participant

P = Participant.Role


@dataclass(frozen=True)
class PacketEntry:
    document: Document
    agenda_item: AgendaItem | None  # None: a document of the meeting itself


def account_of(participant: Participant) -> User | None:
    return User.objects.filter(person_id=participant.person_id, is_active=True).first()


def receivable_level(participant: Participant, account: User | None = None) -> int:
    """The highest level the participant may receive: the level given to them, never above their account's."""
    account = account if account is not None else account_of(participant)
    if account is None:
        return participant.clearance
    return min(participant.clearance, account.clearance)


def packet_for(participant: Participant, account: User | None = None) -> list[PacketEntry]:
    meeting: Meeting = participant.meeting
    level = receivable_level(participant, account)
    invited = participant.role == P.INVITED
    out: list[PacketEntry] = []
    seen: set[int] = set()
    own = MeetingDocument.objects.filter(meeting=meeting, document__classification__lte=level)
    if invited:
        own = own.filter(members_only=False)
    for md in own.select_related("document__doc_type"):
        seen.add(md.document_id)
        out.append(PacketEntry(md.document, None))
    items = meeting.agenda.filter(proposal__isnull=False)
    if invited:
        chosen = set(participant.items.values_list("pk", flat=True))
        if chosen:
            items = items.filter(pk__in=chosen)
    for item in items.order_by("order", "pk"):
        docs = Document.objects.filter(proposals=item.proposal_id, classification__lte=level)
        for doc in docs.select_related("doc_type").order_by("created_at", "pk"):
            if doc.pk not in seen:
                seen.add(doc.pk)
                out.append(PacketEntry(doc, item))
    return out
