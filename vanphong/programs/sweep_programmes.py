"""Leak-sweep registrations of programme routes (pages and API)."""

from vanphong.programs.models.programme import ProgramItem, WorkProgram
from vanphong.security.leak_sweep import RecordParam, register_api, register_page

PROGRAM = RecordParam(WorkProgram)
ITEM = RecordParam(ProgramItem)

register_page("programs:program", pk=PROGRAM)
register_page("programs:program_approve", pk=PROGRAM)
register_page("programs:program_carry", pk=PROGRAM)
register_page("programs:item", pk=ITEM)

for _tail in ("", "/items", "/approve", "/carry-down"):
    register_api(f"/api/v1/programmes/{{program_id}}{_tail}", program_id=PROGRAM)
register_api("/api/v1/programme-items/{item_id}", item_id=ITEM)
register_api("/api/v1/programme-items/{item_id}/adjustments", item_id=ITEM)
