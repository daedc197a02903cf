"""Where titles, bodies, places and personal names begin and end in a token stream (the gazetteer plus a grammar).

A title is an optional prefix ("nguyên"), a head ("Bí thư", "Phó Chủ tịch Thường trực") and then any run of
bodies ("Tỉnh ủy", "Ban Tổ chức Trung ương"), places ("tỉnh Quảng Ninh", "Hải Phòng", "xã Tân Lập") and body
words ("nhân dân"); a military rank stands alone. A body not in the gazetteer is a container word ("Sở", "Ban",
"Cục") and the capitalised words after it, each word allowed one lower-case syllable ("Sở Tài chính", "Bộ
Y tế"), because Vietnamese capitalises only the first syllable of each word of a name. A personal name is a
known surname and one to three more capitalised syllables, or, right after a title or "đồng chí"/"ông"/"bà", any
two to four capitalised syllables.
"""

from __future__ import annotations

from vanphong.infocenter.pipeline.gazetteer import Gazetteer, Tokens, match

MAX_NAME = 4
# Levels of local government, which may close a title without a name after them.
_LEVELS = frozenset({("tỉnh",), ("xã",), ("phường",), ("huyện",), ("quận",), ("thành", "phố"), ("đặc", "khu")})
# The longest name of a body not in the gazetteer, in tokens.
MAX_CONTAINER = 12


def _all_caps(tk: Tokens, i: int, j: int) -> bool:
    return all(tk.caps[k] for k in range(i, j) if tk.words[k].isalpha())


def place_at(tk: Tokens, j: int, g: Gazetteer) -> tuple[int, str | None] | None:
    """A place starting at token j: (end, current province or None for a commune, ward, …), or None.

    With a prefix ("tỉnh", "thành phố", "xã"), a province name or any capitalised run; without one, a province
    name written with capitals and not part of a longer phrase that is not a place ("Thái Bình Dương")."""
    n = len(tk)
    prefix = match(g.place_prefixes, tk.lows, j)
    if prefix is not None:
        k = prefix[0]
        if k >= n:
            return None
        if tk.caps[k] and tk.words[k].isalpha():
            province = match(g.places, tk.lows, k)
            if province is not None and _all_caps(tk, k, province[0]):
                return province[0], province[1][0]
            if starts_name(tk, k, g) and _cap_run(tk, k) >= 3:
                return None  # "Chủ tịch UBND tỉnh Nguyễn Thị Bình": a person, not a commune
            e = k + 1
            while e < n and e - k < 4 and ((tk.caps[e] and tk.words[e].isalpha()) or tk.words[e].isdigit()):
                if starts_name(tk, e, g):
                    break
                e += 1
            return e, None
        if tk.words[k].isdigit():
            return k + 1, None
        return None
    if not tk.caps[j]:
        return None
    province = match(g.places, tk.lows, j)
    if province is None or province[1][1] or not _all_caps(tk, j, province[0]):
        return None
    longer = match(g.not_places, tk.lows, j)
    if longer is not None and longer[0] >= province[0]:
        return None
    return province[0], province[1][0]


def _cap_run(tk: Tokens, k: int) -> int:
    e = k
    while e < len(tk) and tk.caps[e] and tk.words[e].isalpha():
        e += 1
    return e - k


def starts_name(tk: Tokens, i: int, g: Gazetteer) -> bool:
    """A known surname followed by a capitalised syllable, and not a place ("Nguyễn Văn", not "Hà Nội")."""
    n = len(tk)
    if tk.lows[i] not in g.surnames or not tk.caps[i] or i + 1 >= n:
        return False
    if not (tk.caps[i + 1] and tk.words[i + 1].isalpha()):
        return False
    province = match(g.places, tk.lows, i)
    return province is None


def _container_end(tk: Tokens, j: int, g: Gazetteer) -> int | None:
    found = match(g.containers, tk.lows, j)
    if found is None or not tk.caps[j]:
        return None
    k = found[0]
    n = len(tk)
    # One word ("Sở") needs a capitalised name after it; a longer one ("Ban Quản lý") may go on in lower case.
    if k >= n or not tk.words[k].isalpha() or (not tk.caps[k] and k - j < 2):
        return None
    while k < n and k - j < MAX_CONTAINER:
        w = tk.words[k]
        if w.isdigit():
            k += 1
            continue
        if w == ",":
            # "Sở Văn hóa, Thể thao và Du lịch" goes on; "Sở Y tế, Sở Tài chính" and "…, Chủ tịch" do not.
            nxt = k + 1
            if (nxt < n and tk.caps[nxt] and tk.words[nxt].isalpha() and not starts_name(tk, nxt, g)
                    and match(g.heads, tk.lows, nxt) is None and match(g.containers, tk.lows, nxt) is None
                    and match(g.bodies, tk.lows, nxt) is None and place_at(tk, nxt, g) is None):
                k = nxt
                continue
            break
        if not w.isalpha():
            break
        if place_at(tk, k, g) is not None:
            break
        if tk.caps[k]:
            if starts_name(tk, k, g) or match(g.heads, tk.lows, k) is not None:
                break
            k += 1
            continue
        # "Sở Giáo dục và Đào tạo": "và" joins two capitalised words of one name.
        if tk.lows[k] == "và" and k + 1 < n and tk.caps[k + 1] and not starts_name(tk, k + 1, g) and (
                match(g.containers, tk.lows, k + 1) is None and match(g.bodies, tk.lows, k + 1) is None):
            k += 1
            continue
        # Lower-case syllables continue the name ("Khu thương mại tự do") until a function word or verb; words of
        # body names that look like verbs ("dự án") are body words.
        word = match(g.body_words, tk.lows, k)
        if word is not None:
            k = word[0]
            continue
        if match(g.stop_words, tk.lows, k) is not None:
            break
        k += 1
    return k


def body_at(tk: Tokens, j: int, g: Gazetteer) -> tuple[int, bool, bool] | None:
    """A body starting at token j: (end, worth listing as an organisation, needs a place), or None."""
    if not tk.caps[j]:
        return None
    # A gazetteer body wins over a container phrase; what follows it (a place, "Trung ương") extends it later.
    known = match(g.bodies, tk.lows, j)
    if known is not None:
        return known[0], known[1].org, known[1].local
    generic = _container_end(tk, j, g)
    if generic is not None:
        return generic, True, True
    return None


def extend_body(tk: Tokens, j: int, g: Gazetteer) -> tuple[int, bool, list[str]]:
    """Extend from token j over bodies, places and body words: (end, whether a body was met, provinces met)."""
    n = len(tk)
    had_body = False
    after_place = False
    provinces: list[str] = []
    while j < n:
        body = body_at(tk, j, g)
        if body is not None:
            j = body[0]
            had_body = True
            after_place = False
            continue
        place = place_at(tk, j, g)
        if place is not None:
            j = place[0]
            after_place = True
            if place[1]:
                provinces.append(place[1])
            continue
        country = match(g.countries, tk.lows, j) if tk.caps[j] else None
        if country is not None:
            j = country[0]  # "Đại sứ Nhật Bản", "… tại Việt Nam" stays outside: "tại" is not consumed
            after_place = True
            continue
        if had_body and not after_place:
            level = next((len(lv) for lv in _LEVELS if tuple(tk.lows[j : j + len(lv)]) == lv), 0)
            if level:
                j += level  # "Chủ tịch UBND tỉnh" with the province named elsewhere
                after_place = True
                continue
            if tk.words[j].isdigit():
                j += 1  # "Quân khu 4"
                continue
        if not after_place:
            word = match(g.body_words, tk.lows, j)
            if word is not None:
                j = word[0]
                continue
        # "… của Quốc hội" continues a title; "và" after a complete body starts a list instead.
        if tk.lows[j] == "của" and j + 1 < n and body_at(tk, j + 1, g) is not None:
            j += 1
            continue
        break
    return j, had_body, provinces


def title_at(tk: Tokens, i: int, g: Gazetteer) -> int | None:
    """The end of a title starting at token i, or None."""
    j = i
    prefix = match(g.prefixes, tk.lows, j)
    if prefix is not None:
        j = prefix[0]
    if j >= len(tk) or not tk.caps[j]:
        return None
    head = match(g.heads, tk.lows, j)
    if head is None:
        rank = match(g.ranks, tk.lows, j)
        return rank[0] if rank is not None else None
    end, had_body, _ = extend_body(tk, head[0], g)
    if head[1] and not had_body:
        return None
    return end


def name_at(tk: Tokens, i: int, g: Gazetteer, strong: bool) -> int | None:
    """The end of a personal name starting at token i, or None. `strong`: a title or "đồng chí" comes just before."""
    n = len(tk)
    if not tk.caps[i] or not tk.words[i].isalpha():
        return None
    if tk.lows[i] not in g.surnames and not strong:
        return None
    # A known body is not a name, but a container word may be a surname ("ông Đoàn Văn Lực", not "Đoàn …").
    if match(g.heads, tk.lows, i) is not None or match(g.bodies, tk.lows, i) is not None:
        return None
    if match(g.countries, tk.lows, i) is not None:
        return None
    if (not strong or tk.lows[i] not in g.surnames) and body_at(tk, i, g) is not None:
        return None
    j = i + 1
    while j < n and j - i < MAX_NAME and tk.caps[j] and tk.words[j].isalpha():
        if match(g.heads, tk.lows, j) is not None or match(g.bodies, tk.lows, j) is not None:
            break
        if j - i >= 2 and place_at(tk, j, g) is not None:
            break
        j += 1
    if j - i < 2:
        return None
    province = match(g.places, tk.lows, i)
    if province is not None and province[0] >= j:
        return None
    return j
