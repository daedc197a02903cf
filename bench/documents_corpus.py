"""The incoming register's corpus for bench/documents.py: received documents over ten years, with their
entries, access lists and sequences, written in bulk as the application would have written them one by one.

Most of the post is not classified (85 % Thường, 12 % Mật, 3 % Tối mật); the classified documents carry the
access lists the policy reads (the leader a document was submitted to, its handler, the receiving and lead
units). Three clerks register them, so the reading clerk created only a third of the classified ones.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.stats import say

ROOT = Path(__file__).resolve().parents[1]
GENERATOR_VERSION = 1
SEED = 2026
BATCH = 20_000
CLERK = "bench-vanthu"

PROVINCES = ("Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Quảng Ninh", "Nghệ An",
             "Thanh Hóa", "Lào Cai", "Tuyên Quang", "Cao Bằng", "Lạng Sơn", "Điện Biên", "Lai Châu", "Sơn La",
             "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi",
             "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp",
             "Cà Mau", "An Giang")
CENTRAL = (("Ban Tổ chức Trung ương", "BTCTW"), ("Ủy ban Kiểm tra Trung ương", "UBKTTW"),
           ("Ban Tuyên giáo và Dân vận Trung ương", "BTGDVTW"), ("Ban Nội chính Trung ương", "BNCTW"),
           ("Ban Đối ngoại Trung ương", "BĐNTW"), ("Đảng ủy Chính phủ", "ĐU"))
MINISTRIES = ("Bộ Nội vụ", "Bộ Tài chính", "Bộ Tư pháp", "Bộ Công an", "Bộ Quốc phòng", "Bộ Y tế",
              "Văn phòng Chính phủ")
ACTIONS = ("báo cáo", "triển khai", "đề nghị góp ý", "hướng dẫn thực hiện", "tổng kết", "sơ kết", "kiểm tra",
           "rà soát", "chuẩn bị", "tổ chức", "xin ý kiến về", "phối hợp thực hiện", "đánh giá", "tăng cường",
           "đẩy mạnh", "kiện toàn", "bổ sung kế hoạch", "điều chỉnh", "thông báo kết quả", "cử cán bộ dự hội nghị về")
TOPICS = ("công tác xây dựng Đảng", "chuyển đổi số", "phòng, chống tham nhũng, lãng phí", "công tác cán bộ",
          "phát triển kinh tế - xã hội", "đại hội đảng bộ các cấp", "công tác dân vận", "quốc phòng, an ninh",
          "cải cách hành chính", "công tác kiểm tra, giám sát", "phát triển kinh tế tư nhân",
          "sắp xếp đơn vị hành chính", "công tác tuyên truyền", "bảo vệ nền tảng tư tưởng của Đảng",
          "công tác đối ngoại", "khoa học, công nghệ và đổi mới sáng tạo", "giáo dục và đào tạo",
          "chăm sóc sức khỏe nhân dân", "xây dựng nông thôn mới", "giảm nghèo bền vững", "phòng, chống thiên tai",
          "công tác văn thư, lưu trữ", "tiếp công dân, giải quyết khiếu nại, tố cáo",
          "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "thi đua, khen thưởng",
          "công tác tài chính đảng", "bảo vệ bí mật nhà nước", "quy hoạch cán bộ", "kết nạp đảng viên",
          "phát triển văn hóa")
PERIODS = ("năm {y}", "6 tháng đầu năm {y}", "quý I năm {y}", "quý III năm {y}", "tháng {m} năm {y}",
           "nhiệm kỳ 2020 - 2025", "giai đoạn 2021 - 2025", "", "", "")
PARTY_CODES = (("CV", 40), ("BC", 14), ("TB", 10), ("KH", 6), ("QĐ", 6), ("NQ", 4), ("CT", 2), ("KL", 3),
               ("TTr", 5), ("GM", 10))
STATE_CODES = (("", 45), ("BC", 12), ("TB", 10), ("KH", 8), ("QĐ", 12), ("TTr", 5), ("GM", 8))
LEVELS = ((0, 85), (1, 12), (2, 3))  # Thường, Mật, Tối mật: most of the post is not classified
URGENCIES = ((0, 80), (1, 12), (2, 5), (3, 3))


def _weighted(pairs: tuple[tuple[Any, int], ...]) -> tuple[list[Any], list[int]]:
    return [v for v, _ in pairs], [w for _, w in pairs]


def corpus_stamp(size: int) -> dict[str, Any]:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("vanphong/*/migrations/*.py")):
        digest.update(path.read_bytes())
    return {"size": size, "seed": SEED, "generator": GENERATOR_VERSION, "year": date.today().year,
            "migrations": digest.hexdigest()[:16]}


class Office:
    """Units, staff, leaders and clerks of the corpus; CLERK (Mật, no right to every classified record) reads."""

    def __init__(self) -> None:
        from django.contrib.auth.models import Group

        from vanphong.core.models import Person, Unit, User
        from vanphong.core.roles import Role
        from vanphong.security.classification import Classification as C

        def person(username: str, name: str, unit: Any, clearance: int, role: Role) -> Any:
            user = User(username=username, clearance=clearance,
                        person=Person.objects.create(full_name=name, unit=unit))
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=role.value))
            return user

        names = ["Vụ Tổng hợp", *(f"Vụ Địa phương {r}" for r in ("I", "II", "III")), "Vụ Hành chính",
                 "Vụ Tài chính - Quản trị", "Cục Lưu trữ", "Trung tâm Tin học", "Vụ Thư ký - Biên tập",
                 "Vụ Kinh tế", "Vụ Khoa giáo", "Vụ Nội chính", "Vụ Đối ngoại", "Vụ Tổ chức cán bộ", "Vụ Pháp chế",
                 "Vụ Tiếp dân", "Vụ Văn hóa - Xã hội", "Vụ Quốc phòng - An ninh", "Vụ Dân vận", "Vụ Thi đua"]
        self.units = [Unit.objects.create(name=n, short_name=n.removeprefix("Vụ "), code=f"bench-{i}", order=i)
                      for i, n in enumerate(names)]
        registry = Unit.objects.create(name="Phòng Văn thư", short_name="Văn thư", code="bench-van-thu", order=99)
        self.clerks = [person(CLERK, "Nguyễn Thị Văn Thư", registry, C.MAT, Role.CLERK)]
        self.clerks += [person(f"bench-vanthu-{n}", f"Trần Văn Thư {n}", registry, C.TOI_MAT, Role.CLERK)
                        for n in (2, 3)]
        self.leaders = [person(f"bench-lanhdao-{n}", f"Phạm Văn Lãnh {n}", None, C.TOI_MAT, Role.OFFICE_LEADER)
                        for n in range(1, 4)]
        levels = (C.THUONG, C.MAT, C.MAT, C.TOI_MAT)
        self.staff: dict[int, list[Any]] = {
            unit.pk: [person(f"bench-cv-{unit.pk}-{n}", f"Lê Văn Chuyên {unit.pk}.{n}", unit, levels[n % 4],
                             Role.SPECIALIST) for n in range(8)]
            for unit in self.units
        }


def _year_counts(size: int, today: date) -> dict[int, int]:
    """Ten years up to today, the current one as far as it has gone, a little more post every year."""
    years = list(range(today.year - 9, today.year + 1))
    weights = [(1 + 0.04 * i) * (today.timetuple().tm_yday / 365 if y == today.year else 1)
               for i, y in enumerate(years)]
    counts = {y: int(size * w / sum(weights)) for y, w in zip(years, weights, strict=True)}
    counts[today.year] += size - sum(counts.values())
    return counts


def columns(model: Any) -> list[str]:
    """The table's columns in the order the rows below give their values."""
    return [str(f.column) for f in model._meta.concrete_fields]


def defaults(model: Any) -> dict[str, Any]:
    from django.db import connection

    return {str(f.column): f.get_db_prep_save(f.get_default(), connection) for f in model._meta.concrete_fields}


def rows(office: Office, size: int, first_id: int) -> Iterator[tuple[list[tuple[Any, ...]], ...]]:
    """Batches of (documents, entries, shared users, shared units, sequences) rows, in the tables' column
    order, values as the database stores them. Every text is normalised and folded as Document.save would."""
    from django.db import connection
    from django.utils import timezone

    from vanphong.documents.models import Document, DocumentType, IncomingEntry
    from vanphong.text import fold, normalize

    rng = random.Random(SEED)
    ops = connection.ops
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    types = {(t.system, t.code): t for t in DocumentType.objects.order_by("valid_from")
             if t.valid_to is None and (t.code or t.name == "Công văn")}
    party_codes, party_weights = _weighted(PARTY_CODES)
    state_codes, state_weights = _weighted(STATE_CODES)
    level_values, level_weights = _weighted(LEVELS)
    urgency_values, urgency_weights = _weighted(URGENCIES)
    E = IncomingEntry.Status
    open_statuses, open_weights = [E.REGISTERED, E.SUBMITTED, E.DIRECTED, E.IN_PROGRESS, E.DONE], [15, 15, 30, 25, 15]
    units = office.units
    doc_columns, entry_columns = columns(Document), columns(IncomingEntry)
    doc_defaults = defaults(Document)
    entry_defaults = defaults(IncomingEntry)
    next_id = first_id
    for year, count in _year_counts(size, today).items():
        start = datetime(year, 1, 2, 7, 30, tzinfo=tz)
        span = ((datetime(today.year, today.month, today.day, 7, 30, tzinfo=tz) if year == today.year
                 else datetime(year, 12, 31, 17, tzinfo=tz)) - start).total_seconds()
        moments = sorted(rng.random() * span for _ in range(count))
        last: Counter[str] = Counter()
        batch: tuple[list[tuple[Any, ...]], ...] = ([], [], [], [], [])
        for offset in moments:
            received = start + timedelta(seconds=offset)
            doc_id, entry_id = next_id, next_id
            next_id += 1
            level = rng.choices(level_values, level_weights)[0]
            urgency = rng.choices(urgency_values, urgency_weights)[0]
            clerk = rng.choice(office.clerks)
            n = rng.randint(1, 2400)
            if rng.random() < 0.7:
                if rng.random() < 0.8:
                    place = rng.choice(PROVINCES)
                    sender, abbreviation = f"{'Thành' if place in PROVINCES[:6] else 'Tỉnh'} ủy {place}", "TU"
                else:
                    sender, abbreviation = rng.choice(CENTRAL)
                code = rng.choices(party_codes, party_weights)[0]
                doc_type, symbol = types[("party", code)], f"{n}-{code}/{abbreviation}"
            else:
                sender = rng.choice(MINISTRIES) if rng.random() < 0.3 else \
                    f"Ủy ban nhân dân tỉnh {rng.choice(PROVINCES)}"
                code = rng.choices(state_codes, state_weights)[0]
                doc_type, symbol = types[("state", code)], f"{n}/{code}-UBND" if code else f"{n}/UBND-VP"
            period = rng.choice(PERIODS).format(y=year, m=received.month)
            summary = normalize(f"về việc {rng.choice(ACTIONS)} {rng.choice(TOPICS)} {period}".strip())
            sequence = f"in:{year}" + (":mat" if level else "")
            last[sequence] += 1
            at = ops.adapt_datetimefield_value(received)
            doc = {**doc_defaults, "id": doc_id, "classification": level, "created_at": at, "updated_at": at,
                   "direction": Document.Direction.INCOMING, "status": Document.Status.RECEIVED,
                   "issuer_name": sender, "number": n, "symbol": symbol,
                   "issued_on": ops.adapt_datefield_value(received.date() - timedelta(days=rng.randint(0, 6))),
                   "summary": summary, "urgency": urgency, "pages": rng.randint(1, 12), "summary_key": fold(summary),
                   "signer_name": rng.choice(("Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Đức")),
                   "created_by_id": clerk.pk, "doc_type_id": doc_type.pk}
            recent = (today - received.date()).days < 60
            status = rng.choices(open_statuses, open_weights)[0] if recent else \
                rng.choices([E.DONE, E.ANSWERED, E.IN_PROGRESS], [75, 20, 5])[0]
            unit = rng.choice(units) if rng.random() < 0.8 else None
            entry = {**entry_defaults, "id": entry_id, "channel": rng.choice(("giay", "dien_tu", "dien_tu")),
                     "status": status, "number": last[sequence], "year": year, "sequence_key": sequence,
                     "received_at": at, "created_at": at, "updated_at": at, "document_id": doc_id,
                     "received_by_id": clerk.pk, "receiving_unit_id": unit.pk if unit else None,
                     "version": rng.randint(2, 6)}
            users, shared_units = set(), {unit.pk} if unit else set()
            if status != E.REGISTERED:
                leader = rng.choice(office.leaders)
                entry.update(submitted_to_id=leader.pk, handed_at=ops.adapt_datetimefield_value(
                    received + timedelta(hours=rng.randint(1, 30))))
                users.add(leader.pk)
            if status not in (E.REGISTERED, E.SUBMITTED):
                lead = rng.choice(units)
                handler = rng.choice(office.staff[lead.pk]) if rng.random() < 0.6 else None
                entry.update(lead_unit_id=lead.pk, handler_id=handler.pk if handler else None,
                             deadline=ops.adapt_datefield_value(received.date() + timedelta(days=rng.randint(5, 30))),
                             directed_at=entry["handed_at"], direction=f"Giao {lead.name} chủ trì, tham mưu xử lý.")
                shared_units.add(lead.pk)
                if handler is not None:
                    users.add(handler.pk)
            batch[0].append(tuple(doc[c] for c in doc_columns))
            batch[1].append(tuple(entry[c] for c in entry_columns))
            if level:  # the access lists the policy reads: who it was submitted to and handed to
                batch[2].extend((doc_id, u) for u in sorted(users))
                batch[3].extend((doc_id, u) for u in sorted(shared_units))
            if len(batch[0]) >= BATCH:
                yield batch
                batch = ([], [], [], [], [])
        batch[4].extend((key, f"Sổ văn bản đến năm {year}" + (" (văn bản mật)" if ":mat" in key else ""), value)
                        for key, value in last.items())
        yield batch


def load(size: int) -> float:
    """The corpus, inserted in large batches with the tables' indexes dropped first and built again after."""
    from django.db import connection, transaction

    from vanphong.documents.models import Document, IncomingEntry, NumberSequence

    office = Office()
    shared_users: Any = Document.shared_with_users.through
    shared_units: Any = Document.shared_with_units.through
    tables = [Document._meta.db_table, IncomingEntry._meta.db_table, shared_users._meta.db_table,
              shared_units._meta.db_table]
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        marks = ", ".join(["%s"] * len(tables))
        cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
                    f"AND tbl_name IN ({marks})", tables)
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {q(name)}")
        cur.execute("PRAGMA synchronous=OFF")
        cur.execute("PRAGMA cache_size=-400000")

    def insert(model: Any, columns: list[str], values: list[tuple[Any, ...]]) -> None:
        if values:
            sql = (f"INSERT INTO {q(model._meta.db_table)} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
                   f"VALUES ({', '.join(['%s'] * len(columns))})")
            with connection.cursor() as cur:
                cur.executemany(sql, values)

    doc_columns, entry_columns = columns(Document), columns(IncomingEntry)
    started, done = time.monotonic(), 0
    first_id = (Document.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for docs, entries, users, units, sequences in rows(office, size, first_id):
        with transaction.atomic():
            insert(Document, doc_columns, docs)
            insert(IncomingEntry, entry_columns, entries)
            insert(shared_users, ["document_id", "user_id"], users)
            insert(shared_units, ["document_id", "unit_id"], units)
            insert(NumberSequence, ["key", "label", "last"], sequences)
        done += len(docs)
        if done % 100_000 < len(docs):
            say(f"bench: loaded {done:,} of {size:,} documents ({time.monotonic() - started:.0f} s)")
    say(f"bench: building {len(indexes)} indexes")
    with connection.cursor() as cur:
        for _, sql in indexes:
            cur.execute(sql)
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.monotonic() - started


def check_rows(sample: int = 200) -> None:
    """The bulk-loaded rows read back through the models as the application would have written them."""
    from django.utils import timezone

    from vanphong.documents.models import Document
    from vanphong.text import fold, normalize

    for doc in Document.objects.filter(direction=Document.Direction.INCOMING).order_by("?")[:sample]:
        if doc.summary != normalize(doc.summary).strip() or doc.summary_key != fold(doc.summary):
            raise SystemExit(f"bench: document {doc.pk}: its summary is not stored as Document.save stores it")
        entry = doc.entries.get()
        if timezone.localtime(entry.received_at).year != entry.year or entry.document_id != doc.pk:
            raise SystemExit(f"bench: entry {entry.pk} does not match its document")
