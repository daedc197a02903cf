"""Read what a person typed into words, quoted phrases and a last word being typed; never engine syntax."""

from __future__ import annotations

from dataclasses import dataclass, field

from vanphong.text import fold, normalize, syllables, words

MAX_CHARS = 500
MAX_TERMS = 16
# Tantivy's default tokenizer drops tokens of 40 bytes or more, so such a word could never match.
MAX_TERM_BYTES = 39
MIN_PREFIX = 2
OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Term:
    """One word: `exact` as typed (lower case, diacritics kept), `folded` without diacritics."""

    exact: str
    folded: str

    @property
    def accented(self) -> bool:
        return self.exact != self.folded


@dataclass
class ParsedQuery:
    words: list[Term] = field(default_factory=list)
    phrases: list[list[Term]] = field(default_factory=list)
    # The last word, still being typed: it also matches longer words it begins.
    prefix: Term | None = None
    # Words of several syllables ("hội nghị", "Trung ương") as the segmenter reads the unquoted text: records
    # holding them as written together rank above records with the same syllables scattered.
    compounds: list[list[Term]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def all_terms(self) -> list[Term]:
        return [*self.words, *(t for p in self.phrases for t in p)]


def _term(word: str) -> Term | None:
    exact = word.lower()
    if len(exact.encode()) > MAX_TERM_BYTES:
        return None
    return Term(exact, fold(exact))


def parse(text: str) -> ParsedQuery:
    """Split `text` into words and "quoted phrases"; an unbalanced quote counts as a space.

    Engine syntax a person may type (* : ^ [ ] - AND OR) is treated as punctuation or dropped, so it can never
    reach the engine as syntax.
    """
    out = ParsedQuery()
    text = text.replace("\x00", " ")
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        out.notes.append(f"Từ khóa dài quá {MAX_CHARS} ký tự: chỉ tìm theo phần đầu.")
    typing_last = bool(text) and not text[-1].isspace()
    text = normalize(text)
    parts = text.split('"')
    if len(parts) % 2 == 0:
        # An odd number of quotes: the last one opens nothing.
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    seen: set[str] = set()
    count = 0
    last_plain: str | None = None
    for i, part in enumerate(parts):
        words = syllables(part)
        if i % 2 == 1:
            terms = [t for t in (_term(w) for w in words) if t is not None][: MAX_TERMS - count]
            if terms:
                out.phrases.append(terms)
                count += len(terms)
            continue
        plain = [w for w in words if w not in OPERATORS]
        for w in plain:
            t = _term(w)
            if t is None or t.exact in seen or count >= MAX_TERMS:
                continue
            seen.add(t.exact)
            out.words.append(t)
            count += 1
        if plain and i == len(parts) - 1:
            last_plain = plain[-1]
    if count >= MAX_TERMS:
        out.notes.append(f"Chỉ tìm theo {MAX_TERMS} từ đầu tiên.")
    if typing_last and last_plain is not None and text.endswith(last_plain) and out.words:
        last = out.words[-1]
        if last.exact == last_plain.lower() and len(last.folded) >= MIN_PREFIX:
            out.prefix = out.words.pop()
    out.compounds = _compounds(parts, out)
    return out


def _compounds(parts: list[str], out: ParsedQuery) -> list[list[Term]]:
    """The multi-syllable words of the unquoted parts.

    Typed with diacritics, the segmenter finds them (a query is short: ~0.3 ms). Typed without, it cannot tell
    words apart ("van phong trung uong" is not Vietnamese to it), so every pair of neighbouring syllables counts.
    A word ending in a syllable still being typed stays: it simply matches nothing until the syllable is whole.
    """
    if len(out.words) + (out.prefix is not None) < 2:
        return []
    found: list[list[Term]] = []
    for i in range(0, len(parts), 2):
        part = parts[i]
        if fold(part) == part.lower():
            sylls = [w for w in syllables(part) if w not in OPERATORS]
            groups = [sylls[k:k + 2] for k in range(len(sylls) - 1)]
        else:
            groups = [w.split() for w in words(part)]
        for group in groups:
            terms = [t for t in (_term(w) for w in group if w not in OPERATORS) if t is not None]
            if len(terms) >= 2 and len(terms) == len(group) and terms not in found:
                found.append(terms)
    return found[:MAX_TERMS // 2]
