"""People and their titles as Vietnamese political news writes them.

The forms recognised:
- "Trần Văn A, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hải Phòng, …" (titles after the name, comma by comma);
- "Thường trực Ban Bí thư Trần Văn A", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Lê Thị B" (titles before it);
- "đồng chí Nguyễn Văn C, Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương Đảng" ("đồng chí", "ông", "bà");
- lists: "các đồng chí: A, T1, T2; B, T3" — each name with its own titles, and "các đồng chí Phó Chủ tịch UBND
  tỉnh: A, B" — one title shared by the names that follow it;
- a bare name of three or more syllables with a known surname, and any later mention of a known person.
A title just before a name belongs to that name, even inside another person's comma list. Mentions of one person
meet under the folded name; a two-syllable mention that ends a known longer name is that person ("ông Đức Thành").
underthesea's tagger is not used here: it misses or mislabels most such names (see bench/info.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from vanphong.infocenter.pipeline.gazetteer import Gazetteer, Tokens, canonical, load, match, tokenize
from vanphong.infocenter.pipeline.items import Person
from vanphong.infocenter.pipeline.phrases import name_at, title_at
from vanphong.text import fold

_COMMA = frozenset({",", "-", "–", "—"})
_BREAK = frozenset({".", "!", "?", "(", ")", '"', "'", "…"})
_AND = frozenset({"và", "cùng"})


@dataclass(slots=True)
class _Elem:
    kind: str  # "title", "name", "comma", "and", "colon", "semi", "break", "other", "plural"
    i: int
    j: int
    strong: bool = False


def _elements(tk: Tokens, g: Gazetteer) -> list[_Elem]:
    elems: list[_Elem] = []
    n = len(tk)
    i = 0
    strong = False
    while i < n:
        w = tk.words[i]
        if not w[0].isalnum():
            kind = ("comma" if w in _COMMA else "colon" if w == ":" else "semi" if w == ";"
                    else "break" if w in _BREAK else "other")  # fmt: skip
            elems.append(_Elem(kind, i, i + 1))
            strong = False
            i += 1
            continue
        plural = match(g.plural_honorifics, tk.lows, i)
        if plural is not None:
            elems.append(_Elem("plural", i, plural[0]))
            strong = True
            i = plural[0]
            continue
        honorific = match(g.honorifics, tk.lows, i)
        if honorific is not None and honorific[0] < n and tk.caps[honorific[0]]:
            strong = True
            i = honorific[0]
            continue
        end = title_at(tk, i, g)
        if end is not None:
            elems.append(_Elem("title", i, end))
            strong = True
            i = end
            continue
        end = name_at(tk, i, g, strong)
        if end is not None:
            elems.append(_Elem("name", i, end, strong))
            strong = False
            i = end
            continue
        if tk.lows[i] in _AND:
            elems.append(_Elem("and", i, i + 1))
        elif not elems or elems[-1].kind != "other":
            elems.append(_Elem("other", i, i + 1))
        strong = False
        i += 1
    return elems


def _assign(elems: list[_Elem]) -> list[tuple[_Elem, list[_Elem]]]:
    """Each name with the title elements that belong to it."""
    claimed: set[int] = set()
    out: list[tuple[_Elem, list[_Elem]]] = []
    shared: _Elem | None = None  # "các đồng chí Phó Bí thư Tỉnh ủy: A, B"
    for k, e in enumerate(elems):
        if e.kind == "plural" and k + 2 < len(elems) and elems[k + 1].kind == "title" and elems[k + 2].kind == "colon":
            shared = elems[k + 1]
            claimed.add(k + 1)
            continue
        if e.kind in {"break", "semi", "other"}:
            shared = None
        if e.kind != "name":
            continue
        pre: list[int] = []
        b = k - 1
        if b >= 0 and elems[b].kind == "title" and elems[b].j == e.i and b not in claimed:
            pre.append(b)
            b -= 1
            while b - 1 >= 0 and elems[b].kind == "comma" and elems[b - 1].kind == "title" and b - 1 not in claimed:
                pre.append(b - 1)
                b -= 2
        post: list[int] = []
        a = k + 1
        while a + 1 < len(elems) and elems[a].kind == "comma" and elems[a + 1].kind == "title":
            nxt = a + 2
            if nxt < len(elems) and elems[nxt].kind == "name" and elems[nxt].i == elems[a + 1].j:
                break  # that title introduces the next name
            post.append(a + 1)
            a += 2
        claimed.update(pre)
        claimed.update(post)
        titles = [elems[x] for x in sorted(pre)] + [elems[x] for x in post]
        if shared is not None and not pre:
            titles.insert(0, shared)
        out.append((e, titles))
    return out


def recognise(tk: Tokens) -> tuple[list[Person], list[tuple[int, int]]]:
    """The people of the tokens, in order of first mention, each with the titles given anywhere; and the token
    spans of every name (places inside them are not places)."""
    g = load()
    found: dict[str, Person] = {}
    keys: dict[str, set[str]] = {}
    spans: list[tuple[int, int]] = []
    for name_elem, title_elems in _assign(_elements(tk, g)):
        name = tk.span(name_elem.i, name_elem.j)
        key = fold(name)
        if key in g.not_people:
            continue
        spans.append((name_elem.i, name_elem.j))
        size = name_elem.j - name_elem.i
        if not title_elems and not name_elem.strong and size < 3 and key not in found:
            continue  # two capitalised syllables alone are as often a place or a name of something else
        person = found.get(key)
        if person is None:
            person = found[key] = Person(name)
            keys[key] = set()
        for t in title_elems:
            _add_title(person, keys[key], tk.span(t.i, t.j))
    return _merge_short_mentions(found, keys), spans


def people(text: str) -> list[Person]:
    """The people of `text` (normalised): see `recognise`."""
    return recognise(tokenize(text))[0]


def _add_title(person: Person, seen: set[str], title: str) -> None:
    """Add `title` unless the person has it already; "Bí thư Thành ủy" and "Bí thư Thành ủy Đà Nẵng" are one
    title, kept in its longer form."""
    ck = canonical(title)
    if ck in seen:
        return
    for k, known in enumerate(person.titles):
        other = canonical(known)
        if other.startswith(ck + " "):
            return
        if ck.startswith(other + " "):
            person.titles[k] = title
            seen.discard(other)
            seen.add(ck)
            return
    seen.add(ck)
    person.titles.append(title)


def _merge_short_mentions(found: dict[str, Person], keys: dict[str, set[str]]) -> list[Person]:
    """Fold "ông Đức Thành" into "Vũ Đức Thành" when it ends exactly one longer known name."""
    result: dict[str, Person] = {}
    by_len = sorted(found, key=lambda k: -len(k.split()))
    for key in by_len:
        words = key.split()
        longer = [k for k in result if len(k.split()) > len(words) and k.split()[-len(words) :] == words]
        if len(longer) == 1:
            target = result[longer[0]]
            for title in found[key].titles:
                _add_title(target, keys[longer[0]], title)
            continue
        result[key] = found[key]
    order = list(found)
    return sorted(result.values(), key=lambda p: order.index(fold(p.name)))
