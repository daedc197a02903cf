"""Publication date and the day an item reports on.

The publication date is, in order: the page's own metadata or the feed entry's date; a full date in a dateline
near the top ("Thứ Tư, 05/11/2025 08:30", "Hà Nội, ngày 5 tháng 11 năm 2025"); a day and month in the lead
("Sáng 5/11, …") resolved against the page's or feed's date. When only a day and month are known and nothing
gives the year, the publication date is unknown (None), never guessed from today's date.
The day reported on is the first day-and-month of the lead resolved against the publication date (a report
published on the 6th about "Chiều 5/11"), else the publication date; events use it for their date window.
"""

from __future__ import annotations

import datetime as dt

from vanphong.text import find_vn_dates

LEAD_CHARS = 400


def mentioned(text: str, reference: dt.date | None) -> list[dt.date]:
    """Every day the text mentions, resolved against `reference`, in order, without repeats."""
    seen: dict[dt.date, None] = {}
    for found in find_vn_dates(text, reference):
        if found.parsed.precision == "day" and found.parsed.date is not None:
            seen.setdefault(found.parsed.date)
    return list(seen)


def publication(explicit: dt.date | None, top_lines: list[str], lead: str, reference: dt.date | None
                ) -> tuple[dt.date | None, dt.date | None]:
    """(published, happened) — see the module docstring. `top_lines` are the lines before the body, including
    the ones the clutter filter removed (datelines are clutter but carry the date)."""
    published = explicit
    if published is None and top_lines:
        # One search over the lines together (the date finder costs per call, not per line).
        found = find_vn_dates("\n".join(line[:LEAD_CHARS] for line in top_lines))
        published = next((f.parsed.date for f in found if f.parsed.precision == "day" and f.parsed.date), None)
    first = next((f for f in find_vn_dates(lead[:LEAD_CHARS], published or reference)
                  if f.parsed.precision == "day"), None)  # fmt: skip
    if published is None and first is not None and first.parsed.date is not None:
        published = first.parsed.date
    happened = first.parsed.date if first is not None and first.parsed.date is not None else published
    if happened is not None and published is not None and happened > published + dt.timedelta(days=7):
        happened = published
    return published, happened
