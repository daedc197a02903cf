"""Leak-sweep registrations of proposal and appraisal routes (a round is addressed by its number: 1 and 2)."""

from vanphong.programs.models import Proposal
from vanphong.security.leak_sweep import RecordParam, ValueParam, register_api, register_page


def _rounds() -> list[int]:
    return [1, 2]


def _proposal_steps() -> list[str]:
    return ["submit", "start_appraisal", "withdraw"]


def _round_steps() -> list[str]:
    return ["submit_report", "approve", "send_back"]


PROPOSAL = RecordParam(Proposal)
ROUND = ValueParam(_rounds)

register_page("programs:proposal", pk=PROPOSAL)
register_page("programs:proposal_edit", pk=PROPOSAL)
# The forms that only take POST answer GET with 405 whoever asks; they are registered so the sweep tries them.
register_page("programs:proposal_dossier", pk=PROPOSAL)
register_page("programs:proposal_upload", pk=PROPOSAL)
register_page("programs:proposal_step", pk=PROPOSAL, name=ValueParam(_proposal_steps))
for _name in ("appraisal_checks", "appraisal_assign", "appraisal_report", "appraisal_note", "appraisal_print"):
    register_page(f"programs:{_name}", pk=PROPOSAL, round_no=ROUND)
register_page("programs:appraisal_step", pk=PROPOSAL, round_no=ROUND, name=ValueParam(_round_steps))

register_api("/api/v1/proposals/{proposal_id}", proposal_id=PROPOSAL)
register_api("/api/v1/proposals/{proposal_id}/steps/{name}", proposal_id=PROPOSAL, name=ValueParam(_proposal_steps))
register_api("/api/v1/proposals/{proposal_id}/appraisals/{round_no}", proposal_id=PROPOSAL, round_no=ROUND)
for _tail in ("notes", "checks", "report"):
    register_api(f"/api/v1/proposals/{{proposal_id}}/appraisals/{{round_no}}/{_tail}", proposal_id=PROPOSAL,
                 round_no=ROUND)
register_api("/api/v1/proposals/{proposal_id}/appraisals/{round_no}/steps/{name}", proposal_id=PROPOSAL,
             round_no=ROUND, name=ValueParam(_round_steps))
