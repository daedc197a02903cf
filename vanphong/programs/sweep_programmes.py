"""Leak-sweep registrations of programme routes."""

from vanphong.programs.models.programme import ProgramItem, WorkProgram
from vanphong.security.leak_sweep import RecordParam, register_page

register_page("programs:program", pk=RecordParam(WorkProgram))
register_page("programs:program_approve", pk=RecordParam(WorkProgram))
register_page("programs:item", pk=RecordParam(ProgramItem))
