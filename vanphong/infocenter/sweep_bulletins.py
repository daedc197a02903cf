"""Leak-sweep registrations of the bulletins' routes (imported by infocenter/sweep.py)."""

from vanphong.infocenter.models import Bulletin
from vanphong.security.leak_sweep import RecordParam, ValueParam, register_api, register_page

for _name in ("bulletin", "bulletin_edit", "bulletin_add", "bulletin_save", "bulletin_remove", "bulletin_regenerate",
              "bulletin_step"):
    register_page(f"infocenter:{_name}", pk=RecordParam(Bulletin))
register_page("infocenter:bulletin_file", pk=RecordParam(Bulletin), kind=ValueParam(lambda: ["docx", "pdf"]))
for _path in ("", "/events", "/steps"):
    register_api(f"/api/v1/info/bulletins/{{bulletin_id}}{_path}", bulletin_id=RecordParam(Bulletin))
