"""Copies: the same article published by several outlets (syndicated, retitled, with their own clutter).

Exact copies meet on the hash of their folded text; near copies on MinHash signatures (datasketch) of
4-syllable shingles, found through locality-sensitive hashing and kept when the estimated Jaccard similarity
reaches THRESHOLD. Different articles on one happening share far fewer shingles (they are grouped into events
instead, by events.py).
"""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash, MinHashLSH

from vanphong.text import fold

NUM_PERM = 64
SHINGLE = 4
THRESHOLD = 0.5
MIN_SHINGLES = 8
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(fold(text))
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def copy_groups(texts: list[str]) -> list[list[int]]:
    """Groups of indexes of `texts` that are copies of one another, each in input order; singletons included."""
    n = len(texts)
    union = _Union(n)
    first_of: dict[str, int] = {}
    sets: list[set[bytes]] = []
    for i, text in enumerate(texts):
        digest = hashlib.sha256(" ".join(fold(text).split()).encode()).hexdigest()
        if digest in first_of:
            union.join(first_of[digest], i)
        else:
            first_of[digest] = i
        sets.append(shingles(text))
    candidates = [i for i in range(n) if len(sets[i]) >= MIN_SHINGLES]
    hashes = MinHash.bulk([list(sets[i]) for i in candidates], num_perm=NUM_PERM)
    signature = dict(zip(candidates, hashes, strict=True))
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for i, mh in signature.items():
        for other in lsh.query(mh):
            j = int(other)
            if mh.jaccard(signature[j]) >= THRESHOLD:
                union.join(i, j)
        lsh.insert(str(i), mh)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(union.find(i), []).append(i)
    return list(groups.values())
