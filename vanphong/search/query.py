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
from vanphong.search.documents import PUBLIC, SCHEMA
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


def _fields() -> list[tuple[str, float]]:
    return [("title", TITLE_BOOST), ("body", 1.0)]


def word_query(t: Term, prefix: bool = False) -> tantivy.Query:
    subs = []
    for name, weight in _fields():
        subs.append(_boost(tantivy.Query.term_query(SCHEMA, f"{name}_f", t.folded), weight))
        if t.accented:
            subs.append(_boost(tantivy.Query.term_query(SCHEMA, name, t.exact), weight * EXACT_BOOST))
        if prefix and name == "title":
            # A word still being typed matches the longer words it begins in titles, which is what one
            # recognises while typing; in bodies it matches once whole (expanding it there costs the most).
            subs.append(_boost(tantivy.Query.phrase_prefix_query(SCHEMA, f"{name}_f", [t.folded]),
                               weight * PREFIX_BOOST))
    return _should(subs)


def phrase_query(terms: list[Term]) -> tantivy.Query:
    if len(terms) == 1:
        return word_query(terms[0])
    subs = []
    accented = any(t.accented for t in terms)
    for name, weight in _fields():
        subs.append(_boost(tantivy.Query.phrase_query(SCHEMA, f"{name}_f", [t.folded for t in terms]), weight))
        if accented:
            subs.append(_boost(tantivy.Query.phrase_query(SCHEMA, name, [t.exact for t in terms]),
                               weight * EXACT_BOOST))
    return _should(subs)


def _filter(q: tantivy.Query) -> tantivy.Query:
    # Filters decide what matches, never how it ranks.
    return tantivy.Query.const_score_query(q, 0.0)


def access_query(user: Any) -> tantivy.Query | None:
    """The policy as an engine query (security.policy.visible, mirrored); None: the person sees nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    parts = [tantivy.Query.range_query(SCHEMA, "cls", tantivy.FieldType.Integer, 0, int(user.clearance))]
    if not policy.sees_all_classified(user):
        terms = [PUBLIC, f"u:{user.pk}", f"c:{user.pk}"]
        unit_id = user.unit_id_or_none
        if unit_id is not None:
            terms.append(f"n:{unit_id}")
        parts.append(tantivy.Query.term_set_query(SCHEMA, "acl", terms))
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, _filter(p)) for p in parts])


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
    access = access_query(user)
    if access is None:
        return None
    must = [word_query(t) for t in parsed.words]
    must += [phrase_query(p) for p in parsed.phrases]
    if parsed.prefix is not None:
        must.append(word_query(parsed.prefix, prefix=True))
    must += [_filter(q) for q in filter_queries(filters)]
    must.append(access)
    clauses = [(tantivy.Occur.Must, q) for q in must]
    # Ranking only: a Should beside Musts adds to the score of what matches and never widens the match.
    clauses += [(tantivy.Occur.Should, compound_query(c)) for c in parsed.compounds]
    return tantivy.Query.boolean_query(clauses)


def compound_query(terms: list[Term]) -> tantivy.Query:
    # Titles only: a title is where a record says what it is about, and phrase positions in 1–3 KB bodies would
    # cost more than the whole rest of the query.
    return _boost(tantivy.Query.phrase_query(SCHEMA, "title_f", [t.folded for t in terms]),
                  TITLE_BOOST * COMPOUND_BOOST)


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
