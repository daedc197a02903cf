"""Proposals of the test office (one per level, keyed "cycprop" + level) and helpers for the appraisal tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.factories import LEVELS, Office, make_user, marker
from vanphong.core.models import Body
from vanphong.core.roles import Role
from vanphong.documents.models import Document, DocumentType, Issuer
from vanphong.programs.flows import APPRAISAL, PROPOSAL
from vanphong.programs.models import Appraisal, Proposal, ProposalDocument
from vanphong.security.classification import Classification


def lead_body() -> Body:
    return Body.objects.filter(kind=Body.Kind.MINISTRY).order_by("pk").first() or Body.objects.order_by("pk").first()


def add(office: Office) -> None:
    """One proposal per level, created by the leader, shared with tuyetmat (like the assignments), with an open
    appraisal round appraised by tuyetmat so the round's routes have something to show."""
    leader = office.users["leader"]
    body = lead_body()
    due = timezone.localdate() + timedelta(days=20)
    for key, level in LEVELS.items():
        p = Proposal.objects.create(
            kind="de_an", title=f"Đề án thử {key} {marker('cycprop' + key)}", lead_body=body, due=due,
            summary=f"Tóm tắt {marker('cycprop' + key)}", classification=level, created_by=leader,
            status=Proposal.Status.APPRAISING)
        p.shared_with_users.add(office.users["tuyetmat"])
        PROPOSAL.start(leader, p, Proposal.Status.APPRAISING)
        a = Appraisal.objects.create(proposal=p, round=1, opened_by=leader,
                                     report=f"Báo cáo {marker('cycprop' + key)}")
        a.appraisers.add(office.users["tuyetmat"])
        APPRAISAL.start(leader, a, Appraisal.Status.OPEN)
        office.cycle[f"cycprop{key}"] = p


# --- helpers of the appraisal tests -------------------------------------------------------------------------
def unit_head(office: Office, unit: Any = None, name: str = "truong-vu") -> Any:
    return make_user(name, clearance=Classification.TUYET_MAT, unit=unit or office.unit, roles=(Role.UNIT_HEAD,),
                     full_name="Hoàng Văn Trưởng")


def make_doc(user: Any, summary: str = "về đề án thử nghiệm", level: int = 0) -> Document:
    doc = Document.objects.create(
        direction=Document.Direction.OUTGOING, status=Document.Status.DRAFT,
        doc_type=DocumentType.objects.filter(system="party", code="TTr").first()
        or DocumentType.objects.filter(system="party").exclude(code="").first(),
        issuer=Issuer.objects.get(system="party", code="VPTW"), issuer_name="Ban Kinh tế Trung ương",
        summary=summary, classification=level, created_by=user, body="Nội dung.")
    return doc


def with_dossier(p: Proposal, user: Any) -> Proposal:
    """A proposal whose dossier has its tờ trình (what submission requires)."""
    doc = make_doc(user, "Tờ trình về đề án", p.classification)
    ProposalDocument.objects.create(proposal=p, document=doc, role=ProposalDocument.Role.SUBMISSION, added_by=user)
    p.documents.add(doc)
    return p
