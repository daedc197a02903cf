"""The demo office (`vanphong demo`): a fictional Central Party Office with its units, staff and their titles
over time, a few outside leaders, an account for every role and clearance, and assignments at every level the
installation may hold.

Everything is invented and deterministic (fixed seeds), so every demo is the same office, with dates relative
to today. Unit names are plausible, not the real organisation chart; person names are generated from common
name parts and checked against a denylist of real leaders. Data: core/data/demo_office.json, demo_names.json.
Other apps add their own part of the office (DEMO_PARTS, registered from their AppConfig.ready).
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from vanphong.core.models import Body, Person, Place, Position, Unit, User
from vanphong.core.reference import LAST_DAY_BEFORE, REORGANISATION_DAY
from vanphong.core.roles import Role
from vanphong.followup.models import Assignment
from vanphong.followup.services import do_change_status, do_create_assignment
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, Urgency, check_ceiling, installation_ceiling
from vanphong.text import fold, normalize

DATA = Path(__file__).parent / "data"
SEED = 2026
# A reserved top-level domain (RFC 2606): no demo address can ever reach a real mailbox.
EMAIL_DOMAIN = "vptw.invalid"
MIN_STAFF = 90
BULK_BATCH = 5000

C = Classification


@dataclass(frozen=True)
class DemoSize:
    staff: int  # office staff, every one with an account
    assignments: int  # made one by one through the follow-up services, each audited
    bulk_assignments: int = 0  # benchmark volume, written in bulk under one audit event


SIZES: dict[str, DemoSize] = {
    "normal": DemoSize(staff=200, assignments=150),
    "large": DemoSize(staff=2000, assignments=150, bulk_assignments=50_000),
}


@dataclass(frozen=True)
class NamedAccount:
    username: str
    role: Role
    clearance: Classification
    unit: str | None  # code of the unit the person works in; None for the office's leadership
    post: str  # chief, deputy_chief, head or staff


NAMED_ACCOUNTS: tuple[NamedAccount, ...] = (
    NamedAccount("demo-thuong", Role.SPECIALIST, C.THUONG, "tong-hop", "staff"),
    NamedAccount("demo-mat", Role.SPECIALIST, C.MAT, "tong-hop", "staff"),
    NamedAccount("demo-toimat", Role.SPECIALIST, C.TOI_MAT, "tong-hop", "staff"),
    NamedAccount("demo-tuyetmat", Role.SPECIALIST, C.TUYET_MAT, "tong-hop", "staff"),
    NamedAccount("demo-vanthu", Role.CLERK, C.MAT, "van-thu", "staff"),
    NamedAccount("demo-lanhdao", Role.OFFICE_LEADER, C.TOI_MAT, None, "deputy_chief"),
    NamedAccount("demo-admin", Role.ADMIN, C.MAT, "cong-nghe-thong-tin", "staff"),
    NamedAccount("demo-chanhvanphong", Role.OFFICE_LEADER, C.TUYET_MAT, None, "chief"),
    NamedAccount("demo-lanhdao-tonghop", Role.UNIT_HEAD, C.TOI_MAT, "tong-hop", "head"),
    NamedAccount("demo-lanhdao-tiepdan", Role.UNIT_HEAD, C.TOI_MAT, "tiep-dan-don-thu", "head"),
    NamedAccount("demo-lanhdao-thongtin", Role.UNIT_HEAD, C.TOI_MAT, "thong-tin-du-lieu", "head"),
    NamedAccount("demo-donthu", Role.PETITIONS_OFFICER, C.MAT, "tiep-dan-don-thu", "staff"),
    NamedAccount("demo-thongtin", Role.ANALYST, C.MAT, "thong-tin-du-lieu", "staff"),
)


class DemoRefused(Exception):
    """The demo cannot be built here; the message says why and what to do."""


class DemoExists(Exception):
    """The database already holds an office (demo or real): building again would duplicate or mix data."""


@dataclass(frozen=True)
class AccountRow:
    username: str
    role: str
    clearance: str
    full_name: str
    title: str


@dataclass
class DemoReport:
    ceiling: Classification
    password: str
    units: int = 0
    staff: int = 0
    outside_people: int = 0
    positions: int = 0
    accounts: int = 0
    assignments: Counter[str] = field(default_factory=Counter)  # by classification name
    bulk_assignments: int = 0
    named: list[AccountRow] = field(default_factory=list)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)  # what each app's demo part made, by app


@cache
def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def existing_office() -> str | None:
    """Why the demo must not be built on this database, or None when it may."""
    if User.objects.filter(is_demo=True).exists():
        return ("Cơ sở dữ liệu đã có văn phòng trình diễn; không tạo lại. "
                "Muốn làm lại từ đầu, hãy dùng một cơ sở dữ liệu trống.")
    if Unit.objects.exists():
        return ("Cơ sở dữ liệu đã có đơn vị; văn phòng trình diễn chỉ được tạo trên cơ sở dữ liệu trống, "
                "để không lẫn dữ liệu hư cấu với dữ liệu thật.")
    return None


def build_demo(
    size: DemoSize | None = None, *, progress: Callable[[str], None] | None = None, seed: int = SEED
) -> DemoReport:
    """Build the demo office in one transaction; raises DemoExists or DemoRefused instead of touching data."""
    size = size or SIZES["normal"]
    if not settings.VANPHONG_DEMO_PASSWORD:
        raise DemoRefused("Chưa đặt mật khẩu trình diễn (VANPHONG_DEMO_PASSWORD); hãy đặt rồi chạy lại.")
    if size.staff < MIN_STAFF:
        raise DemoRefused(f"Văn phòng trình diễn cần ít nhất {MIN_STAFF} cán bộ.")
    reason = existing_office()
    if reason:
        raise DemoExists(reason)
    say = progress or (lambda _message: None)
    say("Đang tạo văn phòng trình diễn (dữ liệu hư cấu)…")
    return _Builder(size, say, seed).build()


def number(n: int) -> str:
    """Thousands separated by a dot, as Vietnamese writes them."""
    return f"{n:,}".replace(",", ".")


class NameMaker:
    """Fictional names, unique and never one of the denylisted real leaders (compared accent-folded)."""

    def __init__(self, rng: random.Random) -> None:
        data = _load("demo_names.json")
        self.rng = rng
        self.surnames = list(data["surnames"])
        self.weights = list(data["surnames"].values())
        self.middle: dict[str, list[str]] = data["middle"]
        self.given: dict[str, list[str]] = data["given"]
        self.denied = {fold(n) for n in data["denylist"]}
        self.used: set[str] = set()

    def next(self) -> tuple[str, str]:
        for _ in range(10_000):
            gender = Person.Gender.MALE if self.rng.random() < 0.55 else Person.Gender.FEMALE
            surname = self.rng.choices(self.surnames, self.weights)[0]
            middle = self.rng.choice(self.middle[gender])
            given = self.rng.choice(self.given[gender])
            if given in middle.split():
                continue
            name = f"{surname} {middle} {given}"
            key = fold(name)
            if key not in self.denied and key not in self.used:
                self.used.add(key)
                return name, str(gender)
        raise RuntimeError("Hết tổ hợp tên hư cấu; hãy bổ sung demo_names.json.")


@dataclass(eq=False)
class _Staff:
    person: Person
    unit: str | None
    post: str  # chief, deputy_chief, head, deputy or staff
    title: str
    role: Role
    clearance: Classification
    username: str
    user: User | None = None

    @property
    def account(self) -> User:
        assert self.user is not None
        return self.user


DemoStaff = _Staff  # a member of the office as the demo made them, for the apps' demo parts


class DemoContext(Protocol):
    """What an app's demo part reads of the office being built (the builder is one): its staff by unit and post,
    the named accounts, the levels the installation may hold, today, the seed to derive generators from, the
    name maker (for more fictional people, never the same name twice), the report, and the progress printer."""

    seed: int
    today: date
    ceiling: Classification
    levels: list[Classification]
    units: dict[str, Unit]
    staff: list[DemoStaff]
    by_unit: dict[str, list[DemoStaff]]
    named: dict[str, DemoStaff]
    chief: DemoStaff
    names: NameMaker
    report: DemoReport
    say: Callable[[str], None]


DemoPart = Callable[[DemoContext], None]
# Apps add their part of the demo (documents: a year of registers) from AppConfig.ready; each runs at the end of
# build(), in the order registered, inside the demo's one transaction. Core imports none of them.
DEMO_PARTS: list[DemoPart] = []


def register_demo_part(part: DemoPart) -> None:
    """Add an app's part to the demo; registering the same part again keeps one."""
    if part not in DEMO_PARTS:
        DEMO_PARTS.append(part)


class _Builder:
    def __init__(self, size: DemoSize, say: Callable[[str], None], seed: int) -> None:
        self.size, self.say, self.seed = size, say, seed
        # Separate generators for names, people, audited work and bulk volume: changing one part of the demo
        # does not reshuffle the others.
        self.rng = random.Random(seed)
        self.names = NameMaker(random.Random(seed + 1))
        self.today = timezone.localdate()
        self.ceiling = installation_ceiling()
        self.levels = [c for c in Classification if c <= self.ceiling]
        self.office = _load("demo_office.json")
        self.rows = {row["code"]: row for row in self.office["units"]}
        self.report = DemoReport(ceiling=self.ceiling, password=settings.VANPHONG_DEMO_PASSWORD)
        self.units: dict[str, Unit] = {}
        self.staff: list[_Staff] = []
        self.by_unit: dict[str, list[_Staff]] = defaultdict(list)
        self.named: dict[str, _Staff] = {}
        self.leaders: dict[int, list[_Staff]] = {}
        self.usernames: set[str] = set(User.objects.values_list("username", flat=True))
        self.vptw = Body.objects.filter(abbreviation="VPTW", kind=Body.Kind.CENTRAL_PARTY).first()
        committees = Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE, place__isnull=False)
        self.committee_names = sorted(b.name for b in committees)
        current = Place.objects.filter(valid_to__isnull=True)
        self.provinces = sorted(current.values_list("short_name", flat=True))

    def build(self) -> DemoReport:
        # One transaction for the whole office: a failure anywhere leaves the database as it was, never half
        # an office that a second run would then refuse to finish.
        with transaction.atomic():
            self._units()
            self._staff()
            self._outside_people()
            self._accounts()
            record_event("demo.office_created", new={
                "units": self.report.units, "staff": self.report.staff, "positions": self.report.positions,
                "outside_people": self.report.outside_people, "accounts": self.report.accounts,
            })
            self._assignments()
            if self.size.bulk_assignments:
                self._bulk_assignments()
            for part in DEMO_PARTS:
                part(self)
        return self.report

    # --- units and people -----------------------------------------------------------------------------------

    def _units(self) -> None:
        for order, row in enumerate(self.office["units"], start=1):
            self.units[row["code"]] = Unit.objects.create(
                name=normalize(row["name"]), short_name=normalize(row["short_name"]), code=row["code"],
                parent=self.units.get(row.get("parent", "")), order=order * 10,
            )
        self.report.units = len(self.units)
        self.say(f"  {self.report.units} đơn vị")

    def _day_between(self, first: date, last: date) -> date:
        last = max(first, last)
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def _username(self, full_name: str) -> str:
        # The office's usual mail handle: given name then the initials of the others (Nguyễn Văn Anh → anhnv).
        parts = fold(full_name).split()
        base = parts[-1] + "".join(p[0] for p in parts[:-1])
        candidate, n = base, 2
        while candidate in self.usernames:
            candidate, n = f"{base}{n}", n + 1
        self.usernames.add(candidate)
        return candidate

    def _person(self, unit: str | None, born: tuple[int, int], *, staff: bool = True) -> tuple[Person, str]:
        full_name, gender = self.names.next()
        username = self._username(full_name) if staff else ""
        person = Person.objects.create(
            full_name=full_name, gender=gender, unit=self.units.get(unit or ""),
            birth_date=date(self.rng.randint(*born), self.rng.randint(1, 12), self.rng.randint(1, 28)),
            email=f"{username}@{EMAIL_DOMAIN}" if staff else "",
        )
        return person, username

    def _hold(self, person: Person, title: str, *, unit: str | None = None, body: Body | None = None,
              place: Place | None = None, start: date | None = None, end: date | None = None,
              order: int = 10) -> None:
        Position.objects.create(person=person, title=title, body=body, unit=self.units.get(unit or ""),
                                place=place, valid_from=start, valid_to=end, order=order)
        self.report.positions += 1

    def _career(self, person: Person, unit: str | None, title: str, earlier: str | None, *,
                earlier_unit: str | None = None, chance: float = 0.6, senior: bool = False) -> date:
        """The current title, and often the title held before it (ended the day before); returns the start.
        A junior grade is held from joining the office; a leader's earlier post only for some years."""
        assert person.birth_date is not None
        joined = min(date(person.birth_date.year + self.rng.randint(23, 28), self.rng.randint(1, 12), 1),
                     self.today - timedelta(days=400))
        latest = self.today - timedelta(days=90)
        if earlier and joined + timedelta(days=3 * 365) < latest and self.rng.random() < chance:
            first = joined + timedelta(days=3 * 365)
            if senior:  # leaders are appointed for terms: the current post started within the last six years
                first = max(joined + timedelta(days=12 * 365), self.today - timedelta(days=6 * 365))
            start = self._day_between(min(first, latest), latest)
            since = max(joined, start - timedelta(days=self.rng.randint(3, 7) * 365)) if senior else joined
            self._hold(person, earlier, unit=earlier_unit or unit, body=self.vptw, start=since,
                       end=start - timedelta(days=1))
        else:
            start = joined
        self._hold(person, title, unit=unit, body=self.vptw, start=start)
        return start

    def _add(self, person: Person, unit: str | None, post: str, title: str, role: Role,
             clearance: Classification, username: str) -> _Staff:
        s = _Staff(person, unit, post, title, role, clearance, username)
        self.staff.append(s)
        if unit:
            self.by_unit[unit].append(s)
        return s

    def _share(self, total: int) -> dict[str, int]:
        rows = self.office["units"]
        weight = sum(r["weight"] for r in rows)
        counts = {r["code"]: max(r.get("minimum", 3), round(total * r["weight"] / weight)) for r in rows}
        # Rounding leaves a few people over or short: the largest unit absorbs the difference.
        counts[max(rows, key=lambda r: r["weight"])["code"]] += total - sum(counts.values())
        return counts

    def _staff(self) -> None:
        office, kinds = self.office["office"], self.office["kinds"]
        codes = list(self.units)
        chief, username = self._person(None, (1964, 1969))
        start = self._career(chief, None, office["chief"], office["deputy_chief"], chance=1.0, senior=True)
        self._hold(chief, office["party_secretary"], body=self.vptw, start=start, order=20)
        leader = Role.OFFICE_LEADER
        self.chief = self._add(chief, None, "chief", office["chief"], leader, C.TUYET_MAT, username)
        for i in range(office["deputy_chiefs"]):
            person, username = self._person(None, (1965, 1974))
            was = self.rng.choice(codes)
            start = self._career(person, None, office["deputy_chief"], kinds[self.rows[was]["kind"]]["head"],
                                 earlier_unit=was, chance=0.9, senior=True)
            if i == 0:
                self._hold(person, office["party_deputy_secretary"], body=self.vptw, start=start, order=20)
            self._add(person, None, "deputy_chief", office["deputy_chief"], leader, C.TOI_MAT, username)

        for code, n in self._share(self.size.staff - 1 - office["deputy_chiefs"]).items():
            row = self.rows[code]
            kind, grades = kinds[row["kind"]], row.get("grades", self.office["grades"])
            deputies = 1 if n < 10 else 2 if n < 16 else 3 if n < 40 else 4
            for i in range(n):
                if i == 0:
                    person, username = self._person(code, (1966, 1978))
                    start = self._career(person, code, kind["head"], kind["deputy"], chance=0.7, senior=True)
                    if self.rng.random() < 0.6:
                        self._hold(person, office["cell_secretary"], unit=code, body=self.vptw, start=start,
                                   order=20)
                    self._add(person, code, "head", kind["head"], Role.UNIT_HEAD, C.TOI_MAT, username)
                elif i <= deputies:
                    person, username = self._person(code, (1970, 1984))
                    self._career(person, code, kind["deputy"], grades[self.rng.randint(0, 1)], senior=True)
                    clearance = C.TOI_MAT if self.rng.random() < 0.5 else C.MAT
                    self._add(person, code, "deputy", kind["deputy"], Role.UNIT_HEAD, clearance, username)
                else:
                    person, username = self._person(code, (1972, 2001))
                    grade = self.rng.choices([0, 1, 2], [15, 40, 45])[0]
                    moved = self.rng.random() < 0.1
                    earlier = grades[grade] if moved else grades[grade + 1] if grade < 2 else None
                    self._career(person, code, grades[grade], earlier,
                                 earlier_unit=self.rng.choice(codes) if moved else None, chance=0.5)
                    mat_share = (1.0, 0.5, 0.2)[grade]
                    clearance = C.MAT if self.rng.random() < mat_share else C.THUONG
                    role = Role(row.get("role", Role.SPECIALIST.value))
                    self._add(person, code, "staff", grades[grade], role, clearance, username)

        # Two staff organisations give a few more people a second current title.
        deputy = next(s for s in self.staff if s.post == "deputy")
        self._hold(deputy.person, office["union_chair"], body=self.vptw,
                   start=self.today - timedelta(days=500), order=20)
        youngest = max((s for s in self.staff if s.post == "staff"),
                       key=lambda s: s.person.birth_date or date.min)
        self._hold(youngest.person, office["youth_secretary"], body=self.vptw,
                   start=self.today - timedelta(days=300), order=20)
        self.report.staff = len(self.staff)
        self.say(f"  {number(self.report.staff)} cán bộ, {number(self.report.positions)} chức danh")

    def _outside_people(self) -> None:
        """Fictional leaders of provincial committees: later features recognise people by title and place."""
        outside = self.office["outside"]
        current = {p.key: p for p in Place.objects.filter(valid_to__isnull=True)}
        former = {p.key: p for p in Place.objects.filter(valid_to__isnull=False)}
        committee = {b.place_id: b for b in Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE)}
        made = 0
        congress_season = (REORGANISATION_DAY, date(2025, 10, 31))
        for key in outside["provinces"]:
            place = current.get(key)
            if place is None:  # a gazetteer without this province: skip it rather than fail the demo
                continue
            word = "Thành ủy" if place.kind == Place.Kind.CITY else "Tỉnh ủy"
            for title in (f"Bí thư {word}", f"Chánh Văn phòng {word}"):
                person, _ = self._person(None, (1965, 1978), staff=False)
                self._hold(person, title, body=committee.get(place.pk), place=place,
                           start=self._day_between(*congress_season))
                made += 1
        for row in outside["history"]:
            old, new = former.get(row["former"]), current.get(row["current"])
            if old is None or new is None:
                continue
            person, _ = self._person(None, (1965, 1975), staff=False)
            # No body exists for a committee that was merged away: the former place carries the history.
            self._hold(person, row["former_title"], place=old, start=date(2020, 10, 15), end=LAST_DAY_BEFORE)
            self._hold(person, row["current_title"], body=committee.get(new.pk), place=new,
                       start=REORGANISATION_DAY)
            made += 1
        self.report.outside_people = made
        self.say(f"  {made} lãnh đạo tỉnh ủy, thành ủy (hư cấu)")

    # --- accounts -------------------------------------------------------------------------------------------

    def _accounts(self) -> None:
        groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
        if len(groups) < len(Role):
            raise DemoRefused("Chưa có các nhóm vai trò; hãy chạy `vanphong migrate` trước.")
        for spec in NAMED_ACCOUNTS:
            s = next(s for s in self.staff
                     if s.unit == spec.unit and s.post == spec.post and not s.username.startswith("demo-"))
            s.role, s.clearance, s.username = spec.role, spec.clearance, spec.username
            self.named[spec.username] = s
        # Argon2 is slow on purpose: hash the one demo password once and give every account the same hash.
        hashed = make_password(settings.VANPHONG_DEMO_PASSWORD)
        users = []
        for s in self.staff:
            surname, *rest = s.person.full_name.split()
            admin = s.role == Role.ADMIN
            s.user = User(username=s.username, password=hashed, is_demo=True, clearance=s.clearance,
                          person=s.person, first_name=rest[-1], last_name=" ".join([surname, *rest[:-1]]),
                          email=s.person.email, is_staff=admin, is_superuser=admin)
            users.append(s.user)
        User.objects.bulk_create(users, batch_size=500)
        link = User.groups.through
        link.objects.bulk_create(
            [link(user_id=s.account.pk, group_id=groups[s.role.value].pk) for s in self.staff], batch_size=500
        )
        self.report.accounts = len(users)
        # Who gives work at each level; demo-lanhdao gives half of it, so that desk has plenty to follow.
        lanhdao = self.named["demo-lanhdao"]
        for level in Classification:
            deputies = [s for s in self.staff if s.post == "deputy_chief" and s.clearance >= level]
            self.leaders[level] = deputies + [lanhdao] * len(deputies) if lanhdao in deputies else deputies
        for spec in NAMED_ACCOUNTS:
            s = self.named[spec.username]
            where = self.units[s.unit].name if s.unit else "Văn phòng Trung ương Đảng"
            self.report.named.append(AccountRow(spec.username, spec.role.label, spec.clearance.label,
                                                s.person.full_name, f"{s.title}, {where}"))
        self.say(f"  {number(self.report.accounts)} tài khoản")

    # --- assignments ----------------------------------------------------------------------------------------

    def _title(self, code: str, rng: random.Random) -> str:
        templates = self.office["templates"]
        pool = templates[self.rows[code].get("pool", code)]
        if rng.random() < 0.15:
            pool = templates["chung"]
        year = self.today.year
        day = self.today + timedelta(days=rng.randint(-30, 30))
        return str(rng.choice(pool)).format(
            nam=year, nam_truoc=year - 1, nam_sau=year + 1, thang=rng.randint(1, 12),
            quy=rng.choice(["I", "II", "III", "IV"]), ngay=day.strftime("%d/%m/%Y"),
            hoi_nghi=rng.randint(2, 5), so=rng.randint(100, 450),
            nghi_quyet=rng.choice(self.office["resolutions"]), chu_de=rng.choice(self.office["topics"]),
            tinh=rng.choice(self.provinces or ["Hà Nội"]),
            tinh_uy=rng.choice(self.committee_names or ["Thành ủy Hà Nội"]),
        )

    def _description(self, level: int, rng: random.Random) -> str:
        if level > C.THUONG:
            return str(self.office["classified_description"])
        return str(rng.choice(self.office["descriptions"]))

    def _deadline(self, state: str, rng: random.Random) -> date:
        if state == "overdue":
            return self.today - timedelta(days=rng.randint(1, 45))
        if state == "done":
            return self.today + timedelta(days=rng.randint(-60, 20))
        return self.today + timedelta(days=rng.randint(3, 75))

    def _urgency(self, rng: random.Random) -> Urgency:
        return rng.choices(list(Urgency), [65, 20, 10, 5])[0]

    def _level(self, rng: random.Random) -> Classification:
        return rng.choices(self.levels, [55, 30, 12, 3][: len(self.levels)])[0]

    def _state(self, rng: random.Random) -> str:
        return rng.choices(["new", "doing", "done", "overdue"], [30, 30, 25, 15])[0]

    def _bulk_state(self, rng: random.Random) -> str:
        # Volume stands for years of accumulated work: most of it long done, a working set still open.
        return rng.choices(["new", "doing", "done", "overdue"], [4, 5, 87, 4])[0]

    def _bulk_deadline(self, state: str, rng: random.Random) -> date:
        if state == "done":
            return self.today - timedelta(days=rng.randint(0, 3 * 365))
        return self._deadline(state, rng)

    def _status(self, state: str, rng: random.Random) -> str:
        """The status a planned state ends in; most overdue work has been started, some not even that."""
        if state == "done":
            return Assignment.Status.DONE
        if state == "doing" or (state == "overdue" and rng.random() < 0.6):
            return Assignment.Status.IN_PROGRESS
        return Assignment.Status.NEW

    def _creator(self, code: str, level: int, rng: random.Random) -> _Staff:
        """A leader cleared for the level: the unit's head for some, the office's leaders for the rest."""
        head = self.by_unit[code][0]
        if head.clearance >= level and rng.random() < 0.4:
            return head
        leaders = self.leaders[level]
        if leaders and rng.random() < 0.8:
            return rng.choice(leaders)
        return self.chief

    def _workers(self, code: str, level: int) -> list[_Staff]:
        return [s for s in self.by_unit[code] if s.post in ("deputy", "staff") and s.clearance >= level]

    def _plan(self) -> list[tuple[str, Classification, _Staff | None, str]]:
        """(unit code, level, assignee or None for the unit as a whole, state): the named accounts first, so
        every desk has work at each level its holder may see, then the rest spread over the office."""
        rng = random.Random(self.seed + 2)
        plan: list[tuple[str, Classification, _Staff | None, str]] = []
        for username in ("demo-thuong", "demo-mat", "demo-toimat", "demo-tuyetmat"):
            s = self.named[username]
            for level in self.levels:
                if level <= s.clearance:
                    plan += [("tong-hop", level, s, state) for state in ("overdue", "doing", "done")]
        for level in self.levels:
            plan += [("tong-hop", level, None, state) for state in ("new", "overdue", "done")]
        for username in ("demo-vanthu", "demo-donthu", "demo-thongtin"):
            s = self.named[username]
            mine = [lv for lv in self.levels if lv <= s.clearance]
            for i, state in enumerate(("new", "overdue", "doing")):
                plan.append((s.unit or "", mine[i % len(mine)], s, state))
        codes = list(self.units)
        weights = [len(self.by_unit[c]) for c in codes]
        while len(plan) < self.size.assignments:
            code = rng.choices(codes, weights)[0]
            level = self._level(rng)
            workers = self._workers(code, level)
            assignee = rng.choice(workers) if workers and rng.random() < 0.65 else None
            plan.append((code, level, assignee, self._state(rng)))
        return plan

    def _assignments(self) -> None:
        rng = random.Random(self.seed + 3)
        codes = list(self.units)
        for code, level, assignee, state in self._plan():
            creator = self._creator(code, level, rng)
            partners = [self.units[rng.choice(codes)]] if assignee is None and rng.random() < 0.2 else []
            # do_create_assignment, not check_create_assignment: overdue examples need deadlines in the past.
            a = do_create_assignment(
                creator.account, title=self._title(code, rng), description=self._description(level, rng),
                classification=level, urgency=self._urgency(rng),
                assignee=assignee.account if assignee else None, unit=self.units[code],
                deadline=self._deadline(state, rng), shared_users=[], shared_units=partners,
            )
            # Through the service, as the person doing the work would: every step is in the audit chain.
            actor = (assignee or self.by_unit[code][0]).account
            status = self._status(state, rng)
            if status != Assignment.Status.NEW:
                a = do_change_status(actor, a, Assignment.Status.IN_PROGRESS)
            if status == Assignment.Status.DONE:
                do_change_status(actor, a, Assignment.Status.DONE)
            self.report.assignments[level.name] += 1
        counts = ", ".join(f"{lv.label} {self.report.assignments[lv.name]}" for lv in self.levels)
        self.say(f"  {sum(self.report.assignments.values())} việc được giao ({counts})")

    def _bulk_assignments(self) -> None:
        """Benchmark volume. Writing 50,000 audit events would only measure the audit chain, so the whole
        batch is recorded as ONE event (demo.bulk_created) with its counts; later changes are audited as
        usual."""
        rng = random.Random(self.seed + 4)
        total = self.size.bulk_assignments
        for level in self.levels:
            check_ceiling(level)  # bulk_create skips Model.save, where the ceiling is normally enforced
        # Titles are normalised and folded as Assignment.save would; a pool per unit keeps that cost bounded.
        titles = {code: sorted({normalize(self._title(code, rng)) for _ in range(60)}) for code in self.units}
        keys = {t: fold(t) for pool in titles.values() for t in pool}
        descriptions = {lv: normalize(self._description(lv, rng)) for lv in self.levels}
        codes = list(self.units)
        weights = [len(self.by_unit[c]) for c in codes]
        workers = {(c, lv): [s.account.pk for s in self._workers(c, lv)] for c in codes for lv in self.levels}
        now = timezone.now()
        user_link, unit_link = Assignment.shared_with_users.through, Assignment.shared_with_units.through
        by_level: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        made = 0
        while made < total:
            batch: list[Assignment] = []
            for _ in range(min(BULK_BATCH, total - made)):
                code, level, state = rng.choices(codes, weights)[0], self._level(rng), self._bulk_state(rng)
                pool = workers[(code, level)]
                deadline = self._bulk_deadline(state, rng)
                status = self._status(state, rng)
                # Rows are created now (auto_now_add), so they are done now too, like the audited ones: a
                # completion before creation would confuse every report that compares the two.
                done_at = now if status == Assignment.Status.DONE else None
                title = rng.choice(titles[code])
                assignee = rng.choice(pool) if pool and rng.random() < 0.7 else None
                batch.append(Assignment(
                    title=title, title_key=keys[title], description=descriptions[level], classification=level,
                    urgency=self._urgency(rng), assignee_id=assignee,
                    unit=self.units[code], deadline=deadline, status=status, completed_at=done_at,
                    created_by=self._creator(code, level, rng).account,
                ))
                by_level[level.name] += 1
                by_status[str(status)] += 1
            Assignment.objects.bulk_create(batch)
            # Whoever the work is given to is on its access list, as do_create_assignment does it.
            user_link.objects.bulk_create(
                [user_link(assignment_id=a.pk, user_id=a.assignee_id) for a in batch if a.assignee_id])
            unit_link.objects.bulk_create([unit_link(assignment_id=a.pk, unit_id=a.unit_id) for a in batch])
            made += len(batch)
            self.say(f"  … {number(made)}/{number(total)} việc (khối lượng lớn)")
        record_event("demo.bulk_created", new={
            "assignments": made, "by_classification": dict(by_level), "by_status": dict(by_status),
        })
        self.report.bulk_assignments = made
