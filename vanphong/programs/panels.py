"""What programs adds to a document's page (vanphong.documents.panels): the proposals whose dossier holds it."""

from __future__ import annotations

from vanphong.core.models import User
from vanphong.documents.models import Document
from vanphong.documents.panels import Panel
from vanphong.programs.models.appraisal import ProposalDocument
from vanphong.security import policy


def dossier_panel(user: User, doc: Document) -> Panel | None:
    """On a dossier document's page: each proposal it belongs to, with its role there and the proposal's
    programme item, shown only to who may see them (the document alone tells nothing of a hidden proposal)."""
    rows = []
    for link in ProposalDocument.objects.filter(document=doc).select_related("proposal__item").order_by("pk"):
        proposal = link.proposal
        if not policy.can_view(user, proposal):
            continue
        item = proposal.item if proposal.item is not None and policy.can_view(user, proposal.item) else None
        rows.append({"role": link.get_role_display(), "proposal": proposal, "item": item})
    return Panel("programs/_document_panel.html", {"rows": rows}) if rows else None
