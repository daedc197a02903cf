"""Leak-sweep registrations for assignment routes."""

from vanphong.documents.models import Document
from vanphong.followup.models import Assignment
from vanphong.security.leak_sweep import RecordParam, register_api, register_page

register_page("followup:detail", pk=RecordParam(Assignment))
register_page("followup:status", pk=RecordParam(Assignment))
register_page("followup:report", pk=RecordParam(Assignment))
register_page("followup:remind", pk=RecordParam(Assignment))
register_page("followup:subtask", pk=RecordParam(Assignment))
register_page("followup:milestone", pk=RecordParam(Assignment))
register_page("followup:assign", doc_pk=RecordParam(Document))
register_api("/api/v1/assignments/{assignment_id}", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}/status", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}/reports", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}/reminders", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}/subtasks", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/{assignment_id}/parent", assignment_id=RecordParam(Assignment))
register_api("/api/v1/assignments/from-decision/{document_id}", document_id=RecordParam(Document))
