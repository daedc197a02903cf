"""Leak-sweep registrations for assignment routes."""

from vanphong.followup.models import Assignment
from vanphong.security.leak_sweep import RecordParam, register_api, register_page

register_page("followup:detail", pk=RecordParam(Assignment))
register_page("followup:status", pk=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}/status", assignment_id=RecordParam(Assignment))
