"""“Did you mean”: the accented form of a query typed without diacritics, taken from the hits' titles.

Only the hits a person was shown are read, so a suggestion never comes from a title they may not see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from vanphong.search.query import Hit
from vanphong.text import fold, syllables


def did_you_mean(q: str, hits: Sequence[Hit], top: int = 20) -> str:
    """For a query typed without diacritics, the accented form seen most often in the top hits' titles.

    "dang uy" → "đảng ủy" when the titles say "Đảng ủy". The words are matched in a row first; failing that, one
    by one, as long as every word occurs in some title. "" when the query has diacritics or nothing is found.
    """
    typed = [w.lower() for w in syllables(q)]
    if not typed or any(fold(w) != w for w in typed):
        return ""
    n = len(typed)
    in_a_row: Counter[str] = Counter()
    one_by_one: list[Counter[str]] = [Counter() for _ in typed]
    seen = [False] * n
    for hit in hits[:top]:
        words = [w.lower() for w in syllables(hit.title)]
        folded = [fold(w) for w in words]
        for i in range(len(words) - n + 1):
            if folded[i:i + n] == typed and words[i:i + n] != typed:
                in_a_row[" ".join(words[i:i + n])] += 1
        for word, f in zip(words, folded, strict=True):
            for k, t in enumerate(typed):
                if f == t:
                    seen[k] = True
                    if word != t:
                        one_by_one[k][word] += 1
    if in_a_row:
        return in_a_row.most_common(1)[0][0]
    if all(seen) and any(one_by_one):
        return " ".join(c.most_common(1)[0][0] if c else t for c, t in zip(one_by_one, typed, strict=True))
    return ""
