"""`query(text, user, filters, page)`: one search over every registered type, access enforced in the engine."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import tantivy
from django.utils.safestring import SafeString

from vanphong.search import engine
from vanphong.search.documents import SCHEMA, pairs
from vanphong.search.parse import ParsedQuery, Term, parse
from vanphong.search.registry import SPECS, url_context
from vanphong.search.snippets import Matcher, highlight
from vanphong.security import policy
from vanphong.security.classification import Classification

log = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE = 500
SNIPPET_CHARS = 240
# An exact-diacritic match scores this many times a folded one; titles count twice the body.
EXACT_BOOST = 3.0
TITLE_BOOST = 2.0
PREFIX_BOOST = 0.5
# Each word of several syllables found written together adds this much (times the field's weight).
COMPOUND_BOOST = 4.0

EMPTY_MESSAGE = "Hãy gõ từ cần tìm: chữ hoặc số, có dấu hay không dấu đều được."
NO_WORDS_MESSAGE = "Từ khóa không có chữ hay số nào để tìm; hãy gõ lại bằng chữ hoặc số."
ENGINE_MESSAGE = "Tìm kiếm tạm thời gặp sự cố; hệ thống đang dựng lại chỉ mục, hãy thử lại sau ít phút."


@dataclass(frozen=True)
class Filters:
    types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    unit: int | None = None
    body: int | None = None
    place: int | None = None
    classifications: tuple[int, ...] = ()


@dataclass
class Hit:
    type: str
    label: str
    id: int
    title: str
    title_html: SafeString
    snippet: SafeString
    classification: int
    score: float
    url: str

    @property
    def classification_name(self) -> str:
        return Classification(self.classification).name

    @property
    def classification_label(self) -> str:
        return str(Classification(self.classification).label)


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = PAGE_SIZE
    message: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def groups(self) -> list[tuple[str, list[Hit]]]:
        """Hits grouped by type, groups in registry order, hits in score order within each."""
        order = {t: n for n, t in enumerate(sorted(SPECS, key=lambda t: (SPECS[t].order, t)))}
        out: dict[str, list[Hit]] = {}
        for hit in sorted(self.hits, key=lambda h: order.get(h.type, 999)):
            out.setdefault(hit.type, []).append(hit)
        return [(SPECS[t].label if t in SPECS else t, hits) for t, hits in out.items()]


# --- building the engine query ---------------------------------------------------------------------------------
def _should(subs: Sequence[tantivy.Query]) -> tantivy.Query:
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in subs])


def _boost(q: tantivy.Query, weight: float) -> tantivy.Query:
    return q if weight == 1.0 else tantivy.Query.boost_query(q, weight)


@dataclass
class Clauses:
    """A query in parts: what must match (few posting lists), what only adds to the score, what is excluded."""

    must: list[tantivy.Query] = field(default_factory=list)
    should: list[tantivy.Query] = field(default_factory=list)
    must_not: list[tantivy.Query] = field(default_factory=list)

    def query(self) -> tantivy.Query:
        # A Should beside Musts adds to the score of what matches and never widens the match; the engine only
        # looks at it for documents the Musts already chose.
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in self.must]
                                           + [(tantivy.Occur.Should, q) for q in self.should]
                                           + [(tantivy.Occur.MustNot, q) for q in self.must_not])


def word_query(t: Term, c: Clauses, prefix: bool = False) -> None:
    """One word: it must be somewhere in the record (folded); in the title, and as typed, it counts more."""
    matches = tantivy.Query.term_query(SCHEMA, "all_f", t.folded)
    if prefix:
        # A word still being typed also matches the title words it begins (one indexed term, no expansion);
        # in bodies it matches once whole.
        begins = _boost(tantivy.Query.term_query(SCHEMA, "title_p", t.folded), TITLE_BOOST * PREFIX_BOOST)
        matches = _should([matches, begins])
    c.must.append(matches)
    c.should.append(_boost(tantivy.Query.term_query(SCHEMA, "title_f", t.folded), TITLE_BOOST))
    if t.accented:
        c.should.append(_boost(tantivy.Query.term_query(SCHEMA, "title", t.exact), TITLE_BOOST * EXACT_BOOST))
        c.should.append(_boost(tantivy.Query.term_query(SCHEMA, "body", t.exact), EXACT_BOOST))


def phrase_query(terms: list[Term], c: Clauses) -> None:
    if len(terms) == 1:
        word_query(terms[0], c)
        return
    c.must.append(tantivy.Query.phrase_query(SCHEMA, "all_f", [t.folded for t in terms]))
    c.should.append(_boost(tantivy.Query.phrase_query(SCHEMA, "title_f", [t.folded for t in terms]), TITLE_BOOST))
    if any(t.accented for t in terms):
        for name, weight in (("title", TITLE_BOOST), ("body", 1.0)):
            c.should.append(_boost(tantivy.Query.phrase_query(SCHEMA, name, [t.exact for t in terms]),
                                   weight * EXACT_BOOST))


def _filter(q: tantivy.Query) -> tantivy.Query:
    # Filters decide what matches, never how it ranks.
    return tantivy.Query.const_score_query(q, 0.0)


def hidden_query(user: Any) -> tantivy.Query | None:
    """What the policy hides from `user` (security.policy.visible, mirrored), as one query to exclude.

    Everything at Thường is visible; what is above the person's clearance is hidden; a classified record within
    it is hidden unless the person created it, it was shared with them or their unit, or they see all
    classified records. Excluding the (few) hidden records costs the engine far less than requiring the (many)
    visible ones on every match."""
    clearance = int(user.clearance)
    hidden = []
    above = [level for level in Classification.values if level > clearance]
    if above:
        hidden.append(tantivy.Query.term_set_query(SCHEMA, "cls", above))
    within = [level for level in Classification.values if 0 < level <= clearance]
    if within and not policy.sees_all_classified(user):
        mine = [f"u:{user.pk}", f"c:{user.pk}"]
        unit_id = user.unit_id_or_none
        if unit_id is not None:
            mine.append(f"n:{unit_id}")
        hidden.append(tantivy.Query.boolean_query([
            (tantivy.Occur.Must, tantivy.Query.term_set_query(SCHEMA, "cls", within)),
            (tantivy.Occur.MustNot, tantivy.Query.term_set_query(SCHEMA, "acl", mine)),
        ]))
    return _should(hidden) if hidden else None


def filter_queries(f: Filters) -> list[tantivy.Query]:
    out = []
    if f.types:
        out.append(tantivy.Query.term_set_query(SCHEMA, "type", list(f.types)))
    if f.date_from or f.date_to:
        lo = int(f.date_from.strftime("%Y%m%d")) if f.date_from else 0
        hi = int(f.date_to.strftime("%Y%m%d")) if f.date_to else 99991231
        out.append(tantivy.Query.range_query(SCHEMA, "day", tantivy.FieldType.Integer, lo, hi))
    for name, value in (("unit", f.unit), ("org", f.body), ("place", f.place)):
        if value is not None:
            out.append(tantivy.Query.term_query(SCHEMA, name, int(value)))
    if f.classifications:
        out.append(tantivy.Query.term_set_query(SCHEMA, "cls", [int(c) for c in f.classifications]))
    return out


def build(parsed: ParsedQuery, user: Any, filters: Filters) -> tantivy.Query | None:
    """The engine query of what `user` may see matching `parsed`; None: the person sees nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    c = Clauses()
    for t in parsed.words:
        word_query(t, c)
    for terms in parsed.phrases:
        phrase_query(terms, c)
    if parsed.prefix is not None:
        word_query(parsed.prefix, c, prefix=True)
    c.must += [_filter(q) for q in filter_queries(filters)]
    hidden = hidden_query(user)
    if hidden is not None:
        c.must_not.append(hidden)
    c.should += [compound_query(terms) for terms in parsed.compounds]
    return c.query()


def compound_query(terms: list[Term]) -> tantivy.Query:
    # Titles only (a title is where a record says what it is about), through the indexed pairs of neighbouring
    # words: a phrase query would read positions for every candidate, and cost more than the rest of the query.
    words = [t.folded for t in terms]
    found = [tantivy.Query.term_query(SCHEMA, "title_2", pair) for pair in pairs(words)]
    return _boost(found[0] if len(found) == 1 else _should(found), TITLE_BOOST * COMPOUND_BOOST)


# --- running it ------------------------------------------------------------------------------------------------
def query(text: str, user: Any, filters: Filters | None = None, page: int = 1,
          page_size: int = PAGE_SIZE) -> Results:
    """The hits `user` may see for `text`, best first, with a total that counts only what they may see."""
    filters = filters or Filters()
    page = min(max(int(page), 1), MAX_PAGE)
    results = Results(query=text, page=page, page_size=page_size)
    if not text.strip():
        results.message = EMPTY_MESSAGE
        return results
    parsed = parse(text)
    results.notes = parsed.notes
    if parsed.empty and parsed.prefix is None:
        results.message = NO_WORDS_MESSAGE
        return results
    q = build(parsed, user, filters)
    if q is None:
        return results
    try:
        reader, found = _search(q, page, page_size)
    except (ValueError, OSError, engine.IndexUnavailable):
        log.exception("Tìm kiếm lỗi; dựng lại chỉ mục.")
        results.message = ENGINE_MESSAGE
        return results
    searcher = reader.searcher
    if reader.building is not None:
        results.notes.append(building_note(*reader.building))
    matcher = Matcher(parsed)
    rows = []
    for score, address in found.hits:
        doc = searcher.doc(address)
        rows.append((float(score), doc))
    visible = _recheck(user, [_key(d) for _, d in rows])
    dropped = 0
    where = url_context()
    for score, doc in rows:
        record_type, record_id = _key(doc)
        if (record_type, record_id) not in visible:
            dropped += 1
            continue
        spec = SPECS[record_type]
        title = str(doc.get_first("title") or "")
        body = str(doc.get_first("body") or "")
        results.hits.append(Hit(
            type=record_type, label=spec.label, id=record_id, title=title,
            title_html=highlight(title, matcher), snippet=highlight(body, matcher, SNIPPET_CHARS),
            classification=int(doc.get_first("cls") or 0), score=round(score, 4), url=spec.link(record_id, where),
        ))
    if dropped:
        # The engine and the policy disagree: the index is behind; `search check` repairs it.
        log.warning("Chỉ mục tìm kiếm trả %d kết quả mà chính sách truy cập không cho xem.", dropped)
    results.total = max(0, engine.hit_count(found) - dropped)
    return results


def _search(q: tantivy.Query, page: int, page_size: int) -> tuple[engine.Reader, tantivy.SearchResult]:
    node = engine.node()
    try:
        reader = node.reader()
        return reader, reader.searcher.search(q, limit=page_size, offset=(page - 1) * page_size, count=True)
    except (ValueError, OSError, engine.IndexUnavailable) as exc:
        # Files broken under an index that opened: stop trusting it, so the read below rebuilds.
        log.warning("Chỉ mục tìm kiếm hỏng (%s): dựng lại từ cơ sở dữ liệu.", exc)
        node.condemn()
        reader = node.reader()
        return reader, reader.searcher.search(q, limit=page_size, offset=(page - 1) * page_size, count=True)


def building_note(done: int, total: int) -> str:
    share = f" (đã xong {done * 100 // total}%)" if total else ""
    return f"Chỉ mục tìm kiếm đang được dựng lại{share}: kết quả có thể chưa đầy đủ, hãy tìm lại sau ít phút."


def _key(doc: tantivy.Document) -> tuple[str, int]:
    return str(doc.get_first("type")), int(doc.get_first("id") or 0)


def _recheck(user: Any, keys: list[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which hits the policy itself lets `user` see (and that still exist)."""
    by_type: dict[str, list[int]] = {}
    for record_type, record_id in keys:
        by_type.setdefault(record_type, []).append(record_id)
    out: set[tuple[str, int]] = set()
    for record_type, ids in by_type.items():
        spec = SPECS.get(record_type)
        if spec is None:
            continue
        if spec.classified:
            found = policy.visible_ids(user, spec.model, ids)
        else:
            found = set(spec.model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        out.update((record_type, pk) for pk in found)
    return out
