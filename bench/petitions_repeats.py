"""petitions.repeat_p95_ms: finding the repeat candidates of a new letter among 500,000 past letters (issue 7).
Target ≤ 200 ms. petitions.repeat_over_lookup: that p95 ÷ the p95 of reading the new letter and its own keys by
primary key (the least any lookup costs), measured in the same run.

    .venv/bin/python bench/petitions_repeats.py [--size 500000] [--probes 200] [--warmup 20] [--check]

Builds its own SQLite database in a throwaway folder (BENCH_PETITIONS_REPEATS_DATA_DIR, default
<tmp>/vanphong-bench-repeats), rebuilt every run; BENCH_PETITIONS_REPEATS_DATABASE_URL=postgres://… measures on an
empty PostgreSQL database instead (the benchmark owns it: migrated and filled, analysed after the load).

The past letters: fictional senders (surnames weighted as in the population, so "Nguyễn Văn An" recurs), addresses
in the 34 provinces, some written with the old province names, texts made of a topic's boilerplate and words of
their own; one writer in ten writes two to five times about the same matter, in other words, from the same address
written differently (capitals, no diacritics, initials). Their keys are computed by petitions.repeats.keys_for
(two processes) and written with bulk_create, the key table's indexes built after. Sender and sealed rows are not
written: finding repeats reads neither. The probes are new letters, half of them by earlier writers; the time is
`repeats.candidates_for` for a handler, with the access policy, as the case page calls it; `recall` says how many
of the repeat probes found their writer's case.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"petitions.repeat_p95_ms": (200.0, "max")}
SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Phan", 4),
            ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
            ("Lý", 1), ("Đinh", 1), ("Trương", 1), ("Lương", 1), ("Mai", 1)]
MIDDLES = ["Văn", "Thị", "Đức", "Hữu", "Minh", "Ngọc", "Quang", "Thanh", "Xuân", "Công", "Kim", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nghĩa", "Ngọc", "Oanh", "Phong", "Phúc", "Phương",
         "Quân", "Quý", "Sơn", "Tâm", "Thắng", "Thảo", "Thành", "Thủy", "Tiến", "Toàn", "Trang", "Trung", "Tuấn",
         "Tùng", "Uyên", "Vân", "Việt", "Vinh", "Xuân", "Yến", "Khoa", "Lộc", "Lợi", "Mạnh", "Nhung", "Phát",
         "Quyên", "Sang", "Tài", "Thịnh", "Thư", "Trí", "Vy", "Hậu"]
STREETS = ["Lê Lợi", "Trần Phú", "Nguyễn Trãi", "Hùng Vương", "Lý Thường Kiệt", "Quang Trung", "Hai Bà Trưng",
           "Điện Biên Phủ", "Lê Duẩn", "Hoàng Diệu", "Phan Chu Trinh", "Ngô Quyền", "Bà Triệu", "Lê Lai"]
TOPICS = [
    "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi",
    "Khiếu nại quyết định thu hồi đất và mức bồi thường hỗ trợ tái định cư",
    "Tố cáo cán bộ địa chính xã có hành vi nhũng nhiễu gây khó khăn cho nhân dân",
    "Kiến nghị giải quyết chế độ chính sách cho người có công với cách mạng",
    "Phản ánh việc ô nhiễm môi trường của cơ sở sản xuất gần khu dân cư",
    "Khiếu nại việc xử lý kỷ luật đảng viên không đúng quy định",
    "Tố cáo việc sử dụng sai mục đích kinh phí xây dựng nông thôn mới",
    "Kiến nghị sửa chữa đường giao thông liên thôn đã xuống cấp",
]
ONSETS = ["b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v",
          "x"]
RHYMES = ["a", "ai", "an", "ang", "anh", "ao", "ay", "ăn", "âm", "ân", "e", "em", "en", "ê", "ênh", "i", "im", "in",
          "inh", "o", "oa", "oan", "ong", "ô", "ông", "ơ", "ơi", "u", "ung", "uy", "ư", "ương"]
SYLLABLES = [o + r for o in ONSETS for r in RHYMES]


def configure() -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.environment import throwaway

    return throwaway("vanphong-bench-repeats", "PETITIONS_REPEATS", top_ceiling=False)


# --- the letters ---------------------------------------------------------------------------------------------------
def _name(rng: random.Random) -> str:
    surname = rng.choices([s for s, _ in SURNAMES], [w for _, w in SURNAMES])[0]
    return f"{surname} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _words(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(SYLLABLES) + " " + rng.choice(SYLLABLES) for _ in range(n)]


def _text(rng: random.Random) -> str:
    return f"{rng.choice(TOPICS)}. " + " ".join(_words(rng, rng.randint(25, 60))) + ". Kính đề nghị xem xét."


def _reword(rng: random.Random, text: str) -> str:
    """The same matter written again: about one word in eight changed, a sentence added."""
    words = text.split()
    for _ in range(max(1, len(words) // 8)):
        words[rng.randrange(len(words))] = rng.choice(SYLLABLES)
    return " ".join(words) + " Tôi đã gửi đơn nhưng chưa được trả lời."


def _written(rng: random.Random, name: str, address: str) -> tuple[str, str]:
    """A writer's name and address as they write them another time."""
    from vanphong.text import fold

    style = rng.random()
    if style < 0.3:
        return name.upper(), address
    if style < 0.5:
        return fold(name).upper(), fold(address)
    if style < 0.6:
        s, m, g = name.split()
        return f"{s} {m[0]}. {g}", address
    return name, address.replace("Số ", "")


def writers(rng: random.Random, provinces: list[tuple[int, str, str]]) -> Any:
    """(name, address, place id) of a new writer; the address ends with the province, its old name one time in
    five."""
    place_id, current, old = rng.choice(provinces)
    province = old if old and rng.random() < 0.2 else current
    address = (f"Số {rng.randint(1, 400)} {rng.choice(STREETS)}, xã {rng.choice(GIVEN)} {rng.choice(GIVEN)}, "
               f"tỉnh {province}")
    return _name(rng), address, place_id


# --- keys, in worker processes ---------------------------------------------------------------------------------------
_PLACES: dict[str, bool] = {}


def _init_worker(places: dict[str, bool]) -> None:
    import django

    django.setup()
    from vanphong.petitions import services
    from vanphong.text import fold

    _PLACES.update(places)

    @cache
    def place(text: str) -> object | None:
        key = fold(text).strip()
        for prefix in ("thanh pho ", "tp. ", "tp ", "tinh "):
            if key.startswith(prefix):
                key = key[len(prefix):]
                break
        return True if _PLACES.get(key) else None

    services._place = place  # type: ignore[assignment]  # the province names without a query each


def _keys(job: tuple[bytes, list[tuple[str, str, int | None, str]]]) -> list[Any]:
    from vanphong.petitions import repeats
    from vanphong.petitions.protection import Identity

    secret, batch = job
    return [repeats.keys_for(secret, [(Identity(n, a), p)], t) for n, a, p, t in batch]


def seed(size: int, probes: int, workers: int) -> tuple[Any, list[int], list[int]]:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction

    from bench.stats import say
    from vanphong.core.models import Place, User
    from vanphong.core.roles import Role
    from vanphong.petitions import repeats
    from vanphong.petitions.models import Fingerprint, MatchKey, Petition, PetitionCase
    from vanphong.petitions.services import letters_sequence
    from vanphong.security import crypto

    rng = random.Random(7)
    officer = User.objects.create_user(username="bench-don-thu", password="Bench-petitions-2026", clearance=1)
    officer.groups.add(Group.objects.get(name=Role.PETITIONS_OFFICER.value))
    current = {p.pk: p for p in Place.objects.filter(valid_to__isnull=True)}
    olds: dict[int, list[str]] = {}
    for p in Place.objects.filter(valid_to__isnull=False, successor__isnull=False):
        assert p.successor_id is not None
        olds.setdefault(p.successor_id, []).append(p.short_name)
    provinces = [(pk, p.short_name, rng.choice(olds[pk]) if pk in olds else "") for pk, p in current.items()]
    places = {p.key: True for p in Place.objects.all()}
    # Who writes what: a writer writes 1 letter, one in ten 2 to 5 letters about one matter.
    today = date.today()
    plan: list[tuple[str, str, int | None, str, int, date]] = []  # name, address, place, text, matter, day
    repeaters: list[tuple[str, str, int, str, int]] = []
    matter = 0
    while len(plan) < size:
        name, address, place_id = writers(rng, provinces)
        text = _text(rng)
        matter += 1
        times = rng.randint(2, 5) if rng.random() < 0.1 else 1
        day = today - timedelta(days=rng.randint(30, 730))
        for n in range(times):
            n_name, n_address = (name, address) if n == 0 else _written(rng, name, address)
            plan.append((n_name, n_address, place_id, text if n == 0 else _reword(rng, text), matter,
                         day + timedelta(days=20 * n)))
        if times > 1:
            repeaters.append((name, address, place_id, text, matter))
    plan = plan[:size]
    # The probes: half by earlier repeat writers, half by new people.
    probe_plan = []
    for n in range(probes):
        if n % 2 == 0:
            name, address, place_id, text, m = rng.choice(repeaters)
            w_name, w_address = _written(rng, name, address)
            probe_plan.append((w_name, w_address, place_id, _reword(rng, text), m, today))
        else:
            name, address, place_id = writers(rng, provinces)
            probe_plan.append((name, address, place_id, _text(rng), -1, today))
    everything = plan + probe_plan
    say(f"bench: petitions: computing the keys of {len(everything):,} letters in {workers} processes…")
    started = time.perf_counter()
    secret = repeats.match_secret()
    key_id = crypto.current_key_id()
    chunks = [(secret, [(n, a, p, t) for n, a, p, t, _, _ in everything[i:i + 5000]])
              for i in range(0, len(everything), 5000)]
    connection.close()
    with get_context("fork").Pool(workers, initializer=_init_worker, initargs=(places,)) as pool:
        keys = [k for part in pool.imap(_keys, chunks) for k in part]
    say(f"bench: petitions: keys in {time.perf_counter() - started:.0f} s; writing…")
    started = time.perf_counter()
    seq_numbers: dict[int, int] = {}
    with connection.schema_editor() as editor:
        for index in MatchKey._meta.indexes:
            editor.remove_index(MatchKey, index)
    case_of_matter: dict[int, int] = {}
    q = connection.ops.quote_name
    # Table names from the models, not from input.
    key_table, print_table = q(MatchKey._meta.db_table), q(Fingerprint._meta.db_table)
    key_sql = f"INSERT INTO {key_table} (petition_id, kind, part, {q('key')}) VALUES (%s, %s, %s, %s)"  # noqa: S608
    print_sql = (f"INSERT INTO {print_table} (petition_id, signature, name_parts, key_id) "  # noqa: S608
                 "VALUES (%s, %s, %s, %s)")
    batch = 20_000
    letter_ids: list[int] = []
    for start in range(0, len(everything), batch):
        rows = everything[start:start + batch]
        with transaction.atomic():
            # A probe is a new letter in a case of its own; a past letter joins its matter's case.
            fresh, pending = [], set()
            for i, row in enumerate(rows, start=start):
                if i >= len(plan) or (row[4] not in case_of_matter and row[4] not in pending):
                    fresh.append(i)
                    pending.add(row[4])
            made = PetitionCase.objects.bulk_create([
                PetitionCase(title=rows[i - start][3][:200], received_on=rows[i - start][5], created_by=officer,
                             locality_id=rows[i - start][2], classification=0) for i in fresh], batch_size=2000)
            case_at = dict(zip(fresh, (c.pk for c in made), strict=True))
            letters = []
            for i, (_, _, _, text, m, day) in enumerate(rows, start=start):
                if i in case_at:
                    case_id = case_at[i]
                    if i < len(plan):
                        case_of_matter[m] = case_id
                else:
                    case_id = case_of_matter[m]
                number = seq_numbers[day.year] = seq_numbers.get(day.year, 0) + 1
                letters.append(Petition(case_id=case_id, channel="buu_chinh", received_on=day, year=day.year,
                                        number=number, sequence_key=letters_sequence(day.year).key, content=text,
                                        created_by=officer))
            letters = Petition.objects.bulk_create(letters, batch_size=2000)
            letter_ids += [x.pk for x in letters]
            chunk = keys[start:start + batch]
            # The keys by executemany (COPY on PostgreSQL): ten million model objects would cost more than the
            # database's own work.
            key_rows = [(x.pk, k, p, v) for x, ks in zip(letters, chunk, strict=True) for k, p, v in ks.rows]
            print_rows = [(x.pk, ks.signature, ks.name_parts, key_id) for x, ks in zip(letters, chunk, strict=True)]
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    raw = cursor.cursor
                    for table, columns, data in ((key_table, f"petition_id, kind, part, {q('key')}", key_rows),
                                                 (print_table, "petition_id, signature, name_parts, key_id",
                                                  print_rows)):
                        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                            for row in data:
                                copy.write_row(row)
                else:
                    cursor.executemany(key_sql, key_rows)
                    cursor.executemany(print_sql, print_rows)
        if start % 100_000 == 0:
            say(f"bench: petitions: {start + len(rows):,} letters written")
    with connection.schema_editor() as editor:
        for index in MatchKey._meta.indexes:
            editor.add_index(MatchKey, index)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"bench: petitions: written in {time.perf_counter() - started:.0f} s "
        f"({MatchKey.objects.count():,} keys)")
    probe_ids = letter_ids[len(plan):]
    expected = [case_of_matter.get(m, -1) for *_, m, _ in probe_plan]
    return officer, probe_ids, expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=int(os.environ.get("BENCH_PETITIONS_SIZE", 500_000)))
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    args = parser.parse_args(argv)
    configure()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.stats import emit, judge, p50, p95, say, timed
    from vanphong.petitions import repeats
    from vanphong.petitions.models import MatchKey, Petition

    if connection.vendor == "postgresql":
        # The benchmark owns this database: emptied, so every run measures the same fresh load.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    say("bench: petitions: migrating a fresh database…")
    call_command("migrate", verbosity=0)
    officer, probe_ids, expected = seed(args.size, args.probes + args.warmup, args.workers)
    probes = list(Petition.objects.filter(pk__in=probe_ids).select_related("case").order_by("pk"))
    warm, measured = probes[:args.warmup], probes[args.warmup:]

    def lookup(letter: Petition) -> None:
        Petition.objects.select_related("case").get(pk=letter.pk)
        list(MatchKey.objects.filter(petition_id=letter.pk).values_list("kind", "part", "key"))

    for letter in warm:
        repeats.candidates_for(officer, letter)
        lookup(letter)
    find: list[float] = []
    base: list[float] = []
    found = wanted = offered = 0
    for n, letter in enumerate(measured):
        result: list[Any] = []
        find.append(timed(lambda letter=letter, result=result: result.append(
            repeats.candidates_for(officer, letter))))
        base.append(timed(lambda letter=letter: lookup(letter)))
        cases = [c.case.pk for c in result[0].cases]
        offered += len(cases)
        want = expected[args.warmup + n]
        if want > 0:
            wanted += 1
            found += want in cases
    figures = {"petitions.repeat_p95_ms": p95(find),
               "petitions.repeat_over_lookup": p95(find) / max(p95(base), 1e-6)}
    engine = connection.vendor
    emit("petitions.repeat_p95_ms", figures["petitions.repeat_p95_ms"], "ms", letters=args.size,
         probes=len(measured), p50_ms=round(p50(find), 3), database=engine,
         recall=round(found / max(wanted, 1), 3), offered_per_letter=round(offered / max(len(measured), 1), 2))
    emit("petitions.repeat_over_lookup", figures["petitions.repeat_over_lookup"], "ratio",
         lookup_p95_ms=round(p95(base), 3), database=engine)
    missed = judge(figures, TARGETS)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
