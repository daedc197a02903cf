"""Repeats (đơn trùng, đơn viết nhiều lần): the earlier letters from the same sender or about the same matter.

Each registered letter leaves keys in MatchKey, keyed hashes computed when the identity is still in hand (at
intake, or by `vanphong petitions rotate-key` from the sealed copy), so finding a repeat never opens a seal and a
protected sender's name is stored nowhere in the clear:

- name keys: the folded name's tokens in sorted order (word order does not matter: "VĂN AN NGUYỄN"), and for
  each full token the initials of the whole name with that token ("N. V. An" meets "Nguyễn Văn An");
- address keys: the current province (old names mapped through core's places) with the sorted tokens of the
  address without the province part, and with those of its first part only (house number, street, hamlet);
- content keys: MinHash (datasketch) of the word 3-shingles of the text without its senders' details, in LSH
  bands, plus the whole signature in Fingerprint to score.

A new letter's keys are looked up in one indexed query; the letters hit most are scored (same sender: name and
address of one person; same matter: estimated Jaccard of the texts) and offered, by case, to a person, who
groups them into one case or says they are not the same matter (RepeatDecision, audited); a grouping is undone
only by ungrouping with a reason. What a handler is shown is the case, the letter's number and the reasons,
never who wrote it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash
from django.db import transaction

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import User
from vanphong.petitions import deadlines, protection
from vanphong.petitions.flows import HANDLE_RIGHT
from vanphong.petitions.models import (
    Fingerprint,
    MatchKey,
    Petition,
    PetitionCase,
    RepeatDecision,
)
from vanphong.petitions.protection import Identity
from vanphong.search.changes import record_changed
from vanphong.security import crypto, policy
from vanphong.security.audit import record_event
from vanphong.text import fold, normalize

K = MatchKey.Kind
NUM_PERM = 64
# 16 bands of 4: letters two thirds alike meet in a band 97 times in 100, half alike 64, a tenth alike 0.2.
BANDS, ROWS = 16, 4
SHINGLE = 3
# Hits read for one letter at most (a very common name could match thousands of letters) and letters scored.
MAX_HITS = 20_000
MAX_SCORED = 60
SENDER_THRESHOLD = 0.67
CONTENT_THRESHOLD = 0.45
_SEED = 20260701
# Named, not left to datasketch's default: the stored keys are only comparable under one hashing scheme.
SCHEME = "affine32"
_TITLES = {"ong", "ba", "cu", "co", "chu"}
_COMMON_NAME_WORDS = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "van", "thi", "duc", "huu", "dinh",
}
# Words of an address that say what kind of place follows, not which: dropped so "Số 12 ngõ 5" meets "12 ngo 5".
_ADDRESS_FILLERS = {
    "so", "nha", "duong", "pho", "ngo", "ngach", "hem", "kiet", "to", "thon", "xom", "ap", "ban", "khu", "doi",
    "xa", "phuong", "thi", "tran", "huyen", "quan", "thanh", "tinh", "tp", "tx", "tt", "p", "q", "h", "dia", "chi",
    "cu", "tru", "tai", "o", "pho.", "khom", "bon", "lang", "khoi",
}
# Where the commune (or an old district) begins: what is before it is the house, street or hamlet.
_COMMUNE = {"xa", "phuong", "thi", "huyen", "quan"}
_WORD = re.compile(r"\w+")
_REDACTED_FOLDED = fold(protection.REDACTED)


# --- keys ----------------------------------------------------------------------------------------------------------
def match_secret(field_key: bytes | None = None) -> bytes:
    """The key of the match keys, derived from the field key by HMAC-SHA-256 (so it is as secret, and rotates
    with it)."""
    if field_key is None:
        from django.conf import settings

        field_key = crypto.parse_key(settings.VANPHONG_FIELD_KEY)
    return hmac.new(field_key, b"vanphong.petitions.match-keys.v1", hashlib.sha256).digest()


def _h(secret: bytes, text: str | bytes) -> int:
    """A keyed hash (BLAKE2b with the secret as its key: a MAC, as HMAC is, in a tenth of the time)."""
    data = text.encode() if isinstance(text, str) else text
    digest = hashlib.blake2b(data, digest_size=8, key=secret).digest()
    return int.from_bytes(digest, "big") >> 1  # 63 bits: fits a signed BIGINT everywhere


def name_tokens(name: str) -> list[str]:
    tokens = [t for t in _WORD.findall(fold(name).replace(".", " ")) if t]
    if len(tokens) > 2 and tokens[0] in _TITLES:
        tokens = tokens[1:]
    return tokens


def name_keys(secret: bytes, name: str) -> list[tuple[int, int]]:
    tokens = name_tokens(name)
    if not tokens:
        return []
    full = [t for t in tokens if len(t) > 1]
    initials = "".join(sorted(t[0] for t in tokens))
    # The most common surnames and middle names say little beside the initials: no part key of their own, or one
    # key would be shared by a tenth of all letters.
    out: list[tuple[int, int]] = [(K.NAME_PART, _h(secret, f"p|{initials}|{t}"))
                                  for t in sorted(set(full) - _COMMON_NAME_WORDS)]
    if len(full) == len(tokens):
        out.append((K.NAME, _h(secret, "n|" + " ".join(sorted(tokens)))))
    return out


def _address_tokens(address: str) -> tuple[list[str], list[str]]:
    """The address's tokens without the province and the words that only say what kind of place follows, and
    those before the commune (the house, street or hamlet), wherever the writer put the commas."""
    from vanphong.petitions.services import _place

    parts = [p for p in normalize(address).split(",") if p.strip()]
    # The province (old or new name) is in the key as the current place; its words would make old and new differ.
    while parts and _place(parts[-1]) is not None:
        parts.pop()
    words = _WORD.findall(fold(" ".join(parts)))
    cut = next((n for n, w in enumerate(words) if w in _COMMUNE), len(words))
    keep = [w for w in words if w not in _ADDRESS_FILLERS]
    return keep, [w for w in words[:cut] if w not in _ADDRESS_FILLERS]


def address_keys(secret: bytes, address: str, place_id: int | None) -> list[tuple[int, int]]:
    everything, street = _address_tokens(address)
    if not everything:
        return []
    where = place_id or 0
    out: list[tuple[int, int]] = [(K.ADDRESS, _h(secret, f"a|{where}|{' '.join(sorted(everything))}"))]
    if len(street) > 1 or any(t.isdigit() for t in street):
        out.append((K.STREET, _h(secret, f"s|{where}|{' '.join(sorted(street))}")))
    return out


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME, hashfunc=_crc)


def shingles(text: str, people: Iterable[Identity] = ()) -> list[bytes]:
    """The text's word 3-shingles, folded, without its senders' names, addresses and contacts where they are
    written (protection.redact's pieces, found in the folded text: the same, at a fraction of the cost)."""
    folded = fold(text).replace(_REDACTED_FOLDED, " ")
    for identity in people:
        for piece in protection._variants(identity):
            folded = folded.replace(fold(piece), " ")
    words = _WORD.findall(folded)
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return list({" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)})


def _crc(data: bytes) -> int:
    # CRC-32 of a shingle, in C: the permutations of MinHash then spread it; SHA-1 (the default) costs 3 times more.
    return zlib.crc32(data)


def signature(text: str, people: Iterable[Identity] = ()) -> np.ndarray | None:
    grams = shingles(text, people)
    if not grams:
        return None
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=t.permutations, scheme=SCHEME, hashfunc=_crc)
    m.update_batch(grams)
    return np.asarray(m.hashvalues, dtype="<u8")


def band_keys(secret: bytes, sig: np.ndarray) -> list[tuple[int, int]]:
    raw = sig.tobytes()
    width = ROWS * sig.itemsize
    return [(K.BAND, _h(secret, b"b|%d|" % b + raw[b * width:(b + 1) * width])) for b in range(BANDS)]


@dataclass(frozen=True)
class Keys:
    rows: list[tuple[int, int, int]]  # (kind, part, key)
    signature: bytes
    name_parts: str


def keys_for(secret: bytes, people: Iterable[tuple[Identity, int | None]], text: str) -> Keys:
    """Every key of a letter with these senders (identity, current province id) and this text (as written)."""
    people = list(people)
    rows: list[tuple[int, int, int]] = []
    parts = []
    for n, (identity, place_id) in enumerate(people, start=1):
        names = name_keys(secret, identity.name)
        addresses = address_keys(secret, identity.address, place_id)
        # Per sender: how many name parts, and "a" when an address was written (what scoring cannot learn from
        # the keys a lookup happens to hit).
        parts.append(f"{sum(1 for k, _ in names if k == K.NAME_PART)}{'a' if addresses else ''}")
        rows += [(kind, n, key) for kind, key in names + addresses]
    # The text without its senders' words (name, address, contact): the same person's name in two letters is not
    # "the same matter", and no key may be made of who they are but the name and address keys.
    sig = signature(text, [identity for identity, _ in people])
    if sig is not None:
        rows += [(kind, 0, key) for kind, key in band_keys(secret, sig)]
    return Keys(rows, sig.tobytes() if sig is not None else b"", ",".join(parts))


def index_letter(letter: Petition, people: Iterable[tuple[Identity, int | None]], text: str, *,
                 secret: bytes | None = None) -> Keys:
    """Store the letter's keys, replacing any it had (in the caller's transaction)."""
    keys = keys_for(secret or match_secret(), people, text)
    MatchKey.objects.filter(petition=letter).delete()
    MatchKey.objects.bulk_create([MatchKey(petition=letter, kind=k, part=p, key=v) for k, p, v in keys.rows])
    Fingerprint.objects.update_or_create(petition=letter, defaults={
        "signature": keys.signature, "name_parts": keys.name_parts, "key_id": crypto.current_key_id()})
    return keys


# --- finding -------------------------------------------------------------------------------------------------------
@dataclass
class Match:
    letter_id: int
    case_id: int
    number: int
    year: int
    received_on: Any
    protected: bool
    sender: float
    content: float
    reasons: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max(self.sender, self.content) + 0.25 * min(self.sender, self.content)


@dataclass
class CaseMatch:
    case: PetitionCase
    letters: list[Match]

    @property
    def best(self) -> Match:
        return self.letters[0]


def _sender_score(mine: dict[int, dict[int, set[int]]], theirs: dict[int, dict[int, set[int]]],
                  my_parts: list[tuple[int, bool]], their_parts: list[tuple[int, bool]]) -> float:
    """The best match of one of my senders with one of theirs: the name (whole, or initials with a part) and the
    address of the same person; a whole name alone when neither wrote an address."""
    best = 0.0
    for i, mk in mine.items():
        for j, tk in theirs.items():
            if mk.get(K.NAME, set()) & tk.get(K.NAME, set()):
                name = 1.0
            else:
                shared = len(mk.get(K.NAME_PART, set()) & tk.get(K.NAME_PART, set()))
                room = min(my_parts[i - 1][0] if i - 1 < len(my_parts) else 0,
                           their_parts[j - 1][0] if j - 1 < len(their_parts) else 0)
                name = shared / room if room else 0.0
            if not name:
                continue
            if mk.get(K.ADDRESS, set()) & tk.get(K.ADDRESS, set()):
                address = 1.0
            elif mk.get(K.STREET, set()) & tk.get(K.STREET, set()):
                address = 0.8
            else:
                address = 0.0
            has_address = (i - 1 < len(my_parts) and my_parts[i - 1][1]
                           and j - 1 < len(their_parts) and their_parts[j - 1][1])
            if address >= 0.8:
                best = max(best, name * (0.9 + 0.1 * address))
            elif not has_address and name == 1.0:
                best = max(best, 0.7)
    return best


def _parts(text: str) -> list[tuple[int, bool]]:
    out = []
    for x in text.split(","):
        digits = x.rstrip("a")
        if digits.isdigit():
            out.append((int(digits), x.endswith("a")))
    return out


def find_matches(letter: Petition) -> list[Match]:
    """The earlier or later letters of other cases that look like repeats of `letter`, best first; nothing about
    who may see them (candidates_for says that)."""
    own = list(MatchKey.objects.filter(petition=letter).values_list("kind", "part", "key"))
    if not own:
        return []
    by_key: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for kind, part, key in own:
        by_key[key].append((kind, part))
    hits = (MatchKey.objects.filter(key__in=list(by_key)).exclude(petition_id=letter.pk)
            .values_list("petition_id", "kind", "part", "key")[:MAX_HITS])
    theirs: dict[int, dict[int, dict[int, set[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    weight: dict[int, float] = defaultdict(float)
    for pid, kind, part, key in hits:
        theirs[pid][part][kind].add(key)
        weight[pid] += 3.0 if kind in (K.NAME, K.ADDRESS) else 1.0
    if not weight:
        return []
    top = sorted(weight, key=lambda p: -weight[p])[:MAX_SCORED]
    mine: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for kind, part, key in own:
        mine[part][kind].add(key)
    my_senders = {p: k for p, k in mine.items() if p}
    my_print = Fingerprint.objects.filter(petition=letter).first()
    my_sig = np.frombuffer(bytes(my_print.signature), dtype="<u8") if my_print and my_print.signature else None
    my_parts = _parts(my_print.name_parts) if my_print else []
    rows = (Petition.objects.filter(pk__in=top).exclude(case_id=letter.case_id)
            .values_list("pk", "case_id", "case__merged_into_id", "number", "year", "received_on", "protected",
                         "fingerprint__signature", "fingerprint__name_parts"))
    out = []
    for pid, case_id, merged, number, year, received_on, protected, sig, parts in rows:
        if merged == letter.case_id:
            continue
        their_senders = {p: k for p, k in theirs[pid].items() if p}
        sender = _sender_score(my_senders, their_senders, my_parts, _parts(parts or ""))
        content = 0.0
        if my_sig is not None and sig:
            other = np.frombuffer(bytes(sig), dtype="<u8")
            if len(other) == len(my_sig):
                content = float(np.count_nonzero(other == my_sig)) / len(my_sig)
        if sender < SENDER_THRESHOLD and content < CONTENT_THRESHOLD:
            continue
        m = Match(pid, merged or case_id, number, year, received_on, protected, sender, content)
        if sender >= SENDER_THRESHOLD:
            if protected or letter.protected:
                m.reasons.append("Có đơn của cùng người gửi (người gửi được bảo vệ danh tính: không hiển thị "
                                 "họ tên, địa chỉ)")
            elif sender >= 0.9:
                m.reasons.append("Cùng người gửi: họ tên và địa chỉ khớp")
            else:
                m.reasons.append("Có thể cùng người gửi: họ tên khớp một phần (viết tắt), địa chỉ khớp")
        if content >= CONTENT_THRESHOLD:
            m.reasons.append(f"Nội dung giống khoảng {round(content * 100)} %")
        out.append(m)
    out.sort(key=lambda m: (-m.score, m.received_on, m.letter_id))
    return out


@dataclass
class Offer:
    letter: Petition
    cases: list[CaseMatch]
    hidden: int  # cases with a likely repeat the person may not see: counted, never named


def candidates_for(user: User, letter: Petition) -> Offer:
    """The cases with a likely repeat of `letter` that `user` may see, without those already judged "not the
    same matter" for this letter, best first."""
    matches = find_matches(letter)
    refused = set(RepeatDecision.objects.filter(
        letter=letter, decision=RepeatDecision.Decision.NOT_SAME).values_list("other_case_id", flat=True))
    may_link = user.has_perm(protection.REVEAL_RIGHT)
    by_case: dict[int, list[Match]] = defaultdict(list)
    withheld: set[int] = set()
    for m in matches:
        if m.case_id in refused or m.case_id == letter.case_id:
            continue
        if not may_link and m.protected != letter.protected and m.sender >= SENDER_THRESHOLD:
            # One letter protected, the other signed openly: "same sender" would name the denouncer through
            # the open letter's case. Only who may reveal identities sees that link; others see the matter's
            # likeness alone, or only a count.
            if m.content < CONTENT_THRESHOLD:
                withheld.add(m.case_id)
                continue
            m.reasons = [r for r in m.reasons if r.startswith("Nội dung")]
        by_case[m.case_id].append(m)
    withheld -= set(by_case)
    if not by_case and not withheld:
        return Offer(letter, [], 0)
    seen = {c.pk: c for c in policy.visible(user, PetitionCase.objects.filter(pk__in=list(by_case),
                                                                              merged_into__isnull=True))}
    cases = [CaseMatch(seen[pk], ms) for pk, ms in by_case.items() if pk in seen]
    cases.sort(key=lambda c: -c.best.score)
    open_cases = PetitionCase.objects.filter(pk__in=[*by_case, *withheld], merged_into__isnull=True).count()
    return Offer(letter, cases, open_cases - len(cases))


# --- decisions -----------------------------------------------------------------------------------------------------
GROUPABLE = (PetitionCase.Status.RECEIVED, PetitionCase.Status.CLASSIFYING)


def _letter(actor: User, letter_id: Any) -> Petition:
    letter = Petition.objects.select_related("case").filter(pk=letter_id).first()
    if letter is None or not policy.can_view(actor, letter.case):
        raise ServiceError("Không có đơn này.", field="letter")
    return letter


def _reason(reason: str, *, required: bool) -> str:
    reason = normalize(reason or "").strip()
    if required and len(reason) < 10:
        raise ServiceError("Hãy ghi lý do (ít nhất một câu) để người sau hiểu vì sao.", field="reason")
    if len(reason) > 2000:
        raise ServiceError("Lý do dài quá 2000 ký tự; hãy rút gọn.", field="reason")
    return reason


def check_group(actor: User, letter_id: Any, case_id: Any, reason: str = "") -> RepeatDecision:
    """Group a letter into the case of its repeat: the letter moves there; the case it leaves, when it has no
    other letter, is kept (to ungroup) as merged into the other."""
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được gộp đơn.")
    reason = _reason(reason, required=False)
    with transaction.atomic():
        letter = _letter(actor, letter_id)
        source = policy.access(actor, PetitionCase.objects.all(), letter.case_id, lock=True, audit=False)
        target = policy.access(actor, PetitionCase.objects.all(), case_id, lock=True, audit=False)
        if target.pk == source.pk:
            raise ServiceError("Đơn đã ở trong vụ việc này.", field="case")
        if target.merged_into_id is not None:
            raise ServiceError(f"Vụ việc #{target.pk} đã được gộp vào vụ việc #{target.merged_into_id}; hãy gộp vào "
                               "vụ việc đó.", field="case")
        if target.status == PetitionCase.Status.CLOSED:
            raise ServiceError("Vụ việc kia đã kết thúc; không gộp thêm đơn được.", field="case")
        if source.status not in GROUPABLE:
            raise ServiceError(f"Vụ việc #{source.pk} của đơn đã ở bước “{source.get_status_display()}”; chỉ gộp được "
                               "đơn chưa xử lý (mới tiếp nhận hoặc đang phân loại).", field="case")
        return do_group(actor, letter, source, target, reason)


def do_group(actor: User, letter: Petition, source: PetitionCase, target: PetitionCase,
             reason: str) -> RepeatDecision:
    with transaction.atomic():
        Petition.objects.filter(pk=letter.pk).update(case=target)
        letter.case = target
        left = source.letters.exists()
        if not left:
            PetitionCase.objects.filter(pk=source.pk).update(merged_into=target)
        if target.is_denunciation:
            protection.protect_letter(actor, letter)
        if letter.received_on < target.received_on:
            PetitionCase.objects.filter(pk=target.pk).update(received_on=letter.received_on)
            target.received_on = letter.received_on
        decision = RepeatDecision.objects.create(letter=letter, other_case=target, from_case=source,
                                                 decision=RepeatDecision.Decision.GROUPED, reason=reason,
                                                 decided_by=actor)
        record_event("petitions.letter_grouped", actor=actor, obj=target, new={
            "decision": decision.pk, "letter": letter.pk, "from_case": source.pk, "to_case": target.pk,
            "source_emptied": not left})
        deadlines.recompute(target, actor=actor)
        if left:
            deadlines.recompute(source, actor=actor)
        record_changed(target)
        record_changed(source)
    return decision


def check_not_same(actor: User, letter_id: Any, case_id: Any, reason: str = "") -> RepeatDecision:
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được ghi quyết định về đơn trùng.")
    reason = _reason(reason, required=False)
    with transaction.atomic():
        letter = _letter(actor, letter_id)
        other = policy.access(actor, PetitionCase.objects.all(), case_id, audit=False)
        if other.pk == letter.case_id:
            raise ServiceError("Đơn đã ở trong vụ việc này.", field="case")
        decision = RepeatDecision.objects.create(letter=letter, other_case=other,
                                                 decision=RepeatDecision.Decision.NOT_SAME, reason=reason,
                                                 decided_by=actor)
        record_event("petitions.repeat_dismissed", actor=actor, obj=letter.case, new={
            "decision": decision.pk, "letter": letter.pk, "other_case": other.pk})
    return decision


def check_ungroup(actor: User, decision_id: Any, reason: str) -> RepeatDecision:
    """Undo a grouping: the letter goes back to the case it came from; only with a reason."""
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được tách đơn đã gộp.")
    reason = _reason(reason, required=True)
    with transaction.atomic():
        grouped = (RepeatDecision.objects.select_for_update()
                   .filter(pk=decision_id, decision=RepeatDecision.Decision.GROUPED).first())
        if grouped is None:
            raise ServiceError("Không có quyết định gộp đơn này.", field="decision")
        target = policy.access(actor, PetitionCase.objects.all(), grouped.other_case_id, lock=True, audit=False)
        if grouped.undone_by_id is not None:
            raise ServiceError("Lần gộp này đã được tách trước đó.", field="decision")
        letter = Petition.objects.get(pk=grouped.letter_id)
        if letter.case_id != target.pk:
            raise ServiceError("Đơn không còn ở vụ việc đã gộp; không tách được.", field="decision")
        if target.status == PetitionCase.Status.CLOSED:
            raise ServiceError("Vụ việc đã kết thúc; không tách đơn được nữa.", field="decision")
        if target.letters.count() < 2:
            raise ServiceError("Đây là đơn duy nhất của vụ việc; không tách được.", field="decision")
        assert grouped.from_case_id is not None
        source = PetitionCase.objects.select_for_update().get(pk=grouped.from_case_id)
        Petition.objects.filter(pk=letter.pk).update(case=source)
        PetitionCase.objects.filter(pk=source.pk).update(merged_into=None)
        source.merged_into = None
        undo = RepeatDecision.objects.create(letter=letter, other_case=target, from_case=source,
                                             decision=RepeatDecision.Decision.UNGROUPED, reason=reason,
                                             decided_by=actor)
        RepeatDecision.objects.filter(pk=grouped.pk).update(undone_by=undo)
        record_event("petitions.letter_ungrouped", actor=actor, obj=target, new={
            "decision": undo.pk, "undoes": grouped.pk, "letter": letter.pk, "back_to_case": source.pk})
        first = target.letters.order_by("received_on").values_list("received_on", flat=True).first()
        if first and first != target.received_on:
            PetitionCase.objects.filter(pk=target.pk).update(received_on=first)
            target.received_on = first
        deadlines.recompute(target, actor=actor)
        deadlines.recompute(source, actor=actor)
        record_changed(target)
        record_changed(source)
    return undo


def decisions_of(case: PetitionCase) -> list[RepeatDecision]:
    """The grouping decisions about the case's letters, or into it, newest first."""
    from django.db.models import Q

    return list(RepeatDecision.objects.filter(Q(other_case=case) | Q(letter__case=case) | Q(from_case=case))
                .select_related("letter", "decided_by__person").distinct()[:50])
