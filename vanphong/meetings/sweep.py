"""Leak-sweep registrations of every parameterised meetings route (pages and API)."""

from vanphong.meetings.models import AgendaItem, Meeting, Opinion, Participant
from vanphong.security.leak_sweep import RecordParam, ValueParam, register_api, register_page

register_page("meetings:meeting", pk=RecordParam(Meeting))
register_page("meetings:step", pk=RecordParam(Meeting), name=ValueParam(lambda: ["prepare", "hold", "cancel"]))
for _name in ("agenda_add", "agenda_arrange", "participant_add", "site_add", "document_add", "draft_add", "issue",
              "minutes"):
    register_page(f"meetings:{_name}", pk=RecordParam(Meeting))
register_page("meetings:agenda_remove", pk=RecordParam(AgendaItem))
register_page("meetings:opinion_add", pk=RecordParam(AgendaItem))
register_page("meetings:participant_remove", pk=RecordParam(Participant))
register_page("meetings:packet", pk=RecordParam(Participant))
register_page("meetings:opinion_answer", pk=RecordParam(Opinion))

register_api("/api/v1/meetings/{meeting_id}", meeting_id=RecordParam(Meeting))
register_api("/api/v1/meetings/{meeting_id}/agenda", meeting_id=RecordParam(Meeting))
register_api("/api/v1/meetings/{meeting_id}/opinions", meeting_id=RecordParam(Meeting))
register_api("/api/v1/meetings/opinions/{opinion_id}/answer", opinion_id=RecordParam(Opinion))
