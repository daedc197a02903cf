"""Places and organisations an item mentions.

Places are provinces: the 34 current ones and the 63 of before 1 July 2025, each reported as the current
province it is now part of ("Hải Dương" → "Hải Phòng"), so a locality watch keeps working on older articles.
A province name inside a personal name or a longer phrase that is not a place is skipped. Organisations are the
gazetteer's bodies and container phrases ("Sở Tài chính"), with the place that completes them ("Tỉnh ủy Quảng
Ninh", "UBND tỉnh Quảng Ninh"); a local kind of body without its place ("Tỉnh ủy" alone) is not listed.
"""

from __future__ import annotations

from vanphong.infocenter.pipeline.gazetteer import Tokens, canonical, load
from vanphong.infocenter.pipeline.phrases import body_at, extend_body, place_at


def places_and_organizations(tk: Tokens, name_spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """(current provinces, organisations), each in order of first mention, without repeats; `name_spans` are the
    token spans of personal names (from people.recognise), whose syllables are never a place."""
    g = load()
    inside = bytearray(len(tk))
    for i, j in name_spans:
        inside[i:j] = b"\x01" * (j - i)
    provinces: dict[str, None] = {}
    orgs: dict[str, str] = {}
    n = len(tk)
    i = 0
    while i < n:
        if inside[i] or not tk.words[i][0].isalnum():
            i += 1
            continue
        body = body_at(tk, i, g)
        if body is not None:
            end, met_body, found = extend_body(tk, i, g)
            for province in found:
                provinces.setdefault(province)
            worth, needs_place = body[1], body[2]
            has_place = end > body[0] and (bool(found) or _ends_with_place(tk, body[0], end))
            if met_body and worth and (has_place or not needs_place):
                name = tk.span(i, end)
                orgs.setdefault(canonical(name), name)
            i = max(end, i + 1)
            continue
        place = place_at(tk, i, g)
        if place is not None:
            if place[1]:
                provinces.setdefault(place[1])
            i = place[0]
            continue
        i += 1
    return list(provinces), list(orgs.values())


def _ends_with_place(tk: Tokens, start: int, end: int) -> bool:
    g = load()
    j = start
    while j < end:
        place = place_at(tk, j, g)
        if place is not None:
            return True
        j += 1
    return False
