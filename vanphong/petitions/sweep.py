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

# Citizen reception (views_reception, api_reception).
from vanphong.petitions.models import ReceptionDay, ReceptionVisitor  # noqa: E402
from vanphong.security.leak_sweep import ValueParam  # noqa: E402

register_page("petitions:reception", pk=RecordParam(ReceptionDay))
register_page("petitions:reception_visitor", pk=RecordParam(ReceptionDay))
register_page("petitions:reception_minutes", pk=RecordParam(ReceptionDay))
register_page("petitions:reception_approve", pk=RecordParam(ReceptionDay))
register_page("petitions:reception_status", pk=RecordParam(ReceptionDay))
register_page("petitions:reception_follow_up", pk=RecordParam(ReceptionDay), visitor=ValueParam(
    lambda: list(ReceptionVisitor.objects.values_list("pk", flat=True)[:5]) or [1]))
register_api("/api/v1/petitions/receptions/{reception_id}", reception_id=RecordParam(ReceptionDay))
register_api("/api/v1/petitions/receptions/{reception_id}/visitors", reception_id=RecordParam(ReceptionDay))
register_api("/api/v1/petitions/receptions/{reception_id}/minutes", reception_id=RecordParam(ReceptionDay))
register_api("/api/v1/petitions/receptions/{reception_id}/minutes/approve", reception_id=RecordParam(ReceptionDay))
register_api("/api/v1/petitions/receptions/{reception_id}/visitors/{visitor_id}/follow-up",
             reception_id=RecordParam(ReceptionDay), visitor_id=ValueParam(
                 lambda: list(ReceptionVisitor.objects.values_list("pk", flat=True)[:5]) or [1]))

# Letters waiting to be registered (views_inbox): for handlers only; the public form's pages take no record.
from vanphong.petitions.models import Submission, SubmissionFile  # noqa: E402

register_page("petitions:submission", pk=RecordParam(Submission))
register_page("petitions:submission_set_aside", pk=RecordParam(Submission))
register_page("petitions:submission_restore", pk=RecordParam(Submission))
register_page("petitions:submission_file", pk=RecordParam(Submission), item_id=RecordParam(SubmissionFile))
