"""Leak-sweep registrations of proposal and appraisal routes (a round is reached through its proposal)."""

from vanphong.programs.models import Proposal
from vanphong.security.leak_sweep import RecordParam, ValueParam, register_page

register_page("programs:proposal", pk=RecordParam(Proposal))
register_page("programs:proposal_edit", pk=RecordParam(Proposal))
register_page("programs:appraisal_print", pk=RecordParam(Proposal), round_no=ValueParam(lambda: [1, 2]))

# The forms that only take POST answer GET with 405 whoever asks; they are registered so the sweep tries them.
register_page("programs:proposal_dossier", pk=RecordParam(Proposal))
register_page("programs:proposal_step", pk=RecordParam(Proposal), name=ValueParam(lambda: ["submit"]))
for _name in ("appraisal_checks", "appraisal_assign", "appraisal_report", "appraisal_note"):
    register_page(f"programs:{_name}", pk=RecordParam(Proposal), round_no=ValueParam(lambda: [1]))
register_page("programs:appraisal_step", pk=RecordParam(Proposal), round_no=ValueParam(lambda: [1]),
              name=ValueParam(lambda: ["approve"]))
