"""Leak-sweep registrations of the petitions' routes."""

from vanphong.petitions.models import (
    CaseDocument,
    Petition,
    PetitionAttachment,
    PetitionCase,
    RepeatDecision,
    RevealRequest,
    SealedItem,
)
from vanphong.security.leak_sweep import RecordParam, register_api, register_page

register_page("petitions:case", pk=RecordParam(PetitionCase))
register_page("petitions:classify", pk=RecordParam(PetitionCase))
register_page("petitions:step", pk=RecordParam(PetitionCase))
register_page("petitions:reveal_request", pk=RecordParam(PetitionCase))
register_page("petitions:reveal_decide", pk=RecordParam(RevealRequest))
register_page("petitions:reveal_open", pk=RecordParam(RevealRequest))
register_page("petitions:attachment", pk=RecordParam(PetitionAttachment))
register_page("petitions:group", pk=RecordParam(Petition))
register_page("petitions:ungroup", pk=RecordParam(RepeatDecision))
register_page("petitions:result", pk=RecordParam(PetitionCase))
register_page("petitions:case_file", pk=RecordParam(CaseDocument))
register_page("petitions:notice_pdf", pk=RecordParam(CaseDocument))
register_page("petitions:sealed_scan", pk=RecordParam(RevealRequest), item_id=RecordParam(SealedItem))
register_api("/api/v1/petitions/{case_id}", case_id=RecordParam(PetitionCase))
