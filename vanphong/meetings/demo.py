"""The meetings part of the demo office: a year of Politburo and Secretariat sessions and two plenums, the past
ones held with their minutes approved, opinions answered and conclusions issued, and the coming ones with
agendas in preparation from the appraised proposals of the programmes demo.

Each past session is the one the documents demo's released KL/TW, NQ/TW or TB/TW document concluded (the
two latest resolutions: plenums): its numbers and signed files stay the documents demo's, and their bodies
have the sections and numbered points the follow-up demo assigns. A session may decide an appraised proposal
(it becomes decided, with its programme item).

The past year is written directly, its steps through the documents demo's History (each step checked against
its machine, stamped when it happened) under one audit event (demo.meetings_created), like the documents'
year; the coming sessions go through the real services, audited step by step. Runs after the programmes and
proposals parts (the apps' order); with no appraised proposal, the sessions take matters of their own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from vanphong.core.demo import DemoContext, DemoStaff
from vanphong.core.models import Body, Person, Position
from vanphong.core.roles import Role
from vanphong.documents.body import anchors
from vanphong.documents.demo.rows import History
from vanphong.documents.models import Document
from vanphong.meetings import demo_texts as T
from vanphong.meetings import services
from vanphong.meetings.conclusions import sync_decided
from vanphong.meetings.flows import MEETING
from vanphong.meetings.models import AgendaItem, Conclusion, ConclusionDraft, Meeting, MeetingSite, Opinion, Participant
from vanphong.programs.models import Proposal
from vanphong.search.changes import record_changed
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification

M = Meeting.Status
C = Classification
P = Participant.Role
OFFICE_UNIT = "tong-hop"
# The kind of session each type of TW document comes from.
KINDS_OF_TYPE: dict[str, str] = {"KL": Meeting.Kind.POLITBURO, "NQ": Meeting.Kind.POLITBURO,
                                 "TB": Meeting.Kind.SECRETARIAT}


@dataclass
class _Leaders:
    general_secretary: Person
    standing: Person
    politburo: list[Person] = field(default_factory=list)
    secretariat: list[Person] = field(default_factory=list)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _working(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx, self.rng = ctx, random.Random(ctx.seed + 50)
        self.today = ctx.today
        self.now = timezone.now()
        self.history = History(self.now)
        self.bodies = {b.short_name: b for b in Body.objects.all()}
        self.top = max(c for c in ctx.levels if c <= C.TOI_MAT)
        staff = ctx.by_unit.get(OFFICE_UNIT, [])
        self.unit = ctx.units[OFFICE_UNIT]
        self.organisers = [s for s in staff if s.clearance >= C.MAT] or staff
        self.heads = [s for s in staff if s.role in (Role.UNIT_HEAD,) and s.clearance >= self.top] or [ctx.chief]
        self.clerks = [s for s in ctx.by_unit.get("van-thu", []) if s.role == Role.CLERK]
        self.counts = {"meetings": 0, "opinions": 0, "conclusions": 0, "decided": 0}
        self.leaders = self._leaders()

    # --- people --------------------------------------------------------------------------------------------------
    def _leader(self, title: str, body: Body | None) -> Person:
        name, gender = self.ctx.names.next()
        p = Person.objects.create(full_name=name, gender=gender)
        Position.objects.create(person=p, title=title, body=body, valid_from=date(2026, 1, 24), order=10)
        return p

    def _leaders(self) -> _Leaders:
        bct, bbt = self.bodies.get("BCT"), self.bodies.get("BBT")
        out = _Leaders(self._leader("Tổng Bí thư", self.bodies.get("BCH TW")),
                       self._leader("Thường trực Ban Bí thư", bbt))
        out.politburo = [self._leader("Ủy viên Bộ Chính trị", bct) for _ in range(9)]
        out.secretariat = [self._leader("Bí thư Trung ương Đảng", bbt) for _ in range(4)]
        return out

    def _clerk(self, level: int) -> DemoStaff:
        fit = [s for s in self.clerks if s.clearance >= level]
        return self.rng.choice(fit) if fit else self.ctx.chief

    def _organiser(self, level: int) -> DemoStaff:
        fit = [s for s in self.organisers if s.clearance >= level]
        return self.rng.choice(fit) if fit else self.ctx.chief

    # --- the year ------------------------------------------------------------------------------------------------
    def issued(self) -> list[Document]:
        """The year's released conclusions, resolutions and notices of TW (documents demo) that have points."""
        docs = (Document.objects.filter(direction=Document.Direction.OUTGOING, status=Document.Status.RELEASED,
                                        issuer__code="TW", doc_type__code__in=KINDS_OF_TYPE)
                .select_related("doc_type").order_by("issued_on", "pk"))
        return [d for d in docs if d.issued_on and anchors(d.body) and not Conclusion.objects.filter(document=d)
                .exists()]

    def build(self) -> dict[str, int]:
        appraised = {b: list(Proposal.objects.filter(status=Proposal.Status.APPRAISED, item__program__body=b)
                             .select_related("item", "lead_body").order_by("item__planned_end", "pk"))
                     for b in (self.bodies.get("BCT"), self.bodies.get("BBT")) if b is not None}
        docs = self.issued()
        resolutions = [d for d in docs if d.doc_type.code == "NQ"]
        plenary = {d.pk for d in resolutions[-2:]}  # the two latest resolutions came from plenums
        plenum_no = 0
        for doc in docs:
            kind = Meeting.Kind.PLENUM if doc.pk in plenary else KINDS_OF_TYPE[doc.doc_type.code]
            body = self._body(kind)
            assert doc.issued_on is not None
            day = _working(doc.issued_on - timedelta(days=self.rng.randint(6, 12)))
            if day >= self.today:
                continue
            pool = appraised.get(body, [])
            # Half of the ready proposals were decided at the last sessions; the rest wait for the coming ones.
            take = pool[:1] if doc.issued_on >= self.today - timedelta(days=60) and len(pool) > 2 else []
            for p in take:
                pool.remove(p)
            if kind == Meeting.Kind.PLENUM:
                plenum_no += 1
            self._past(kind, body, day, take, plenum_no + 2, doc)
        record_event("demo.meetings_created", new=dict(self.counts))
        self.history.write()
        coming = [(Meeting.Kind.POLITBURO if n % 2 == 0 else Meeting.Kind.SECRETARIAT,
                   _working(self.today + timedelta(days=3 + 7 * n))) for n in range(4)]
        for n, (kind, day) in enumerate(coming):
            body = self._body(kind)
            pool = appraised.get(body, [])
            take, pool[:] = pool[:2], pool[2:]
            self._coming(kind, body, day, take, prepared=n < 2)
        return self.counts

    def _body(self, kind: str) -> Body:
        names: dict[str, str] = {Meeting.Kind.POLITBURO: "BCT", Meeting.Kind.SECRETARIAT: "BBT"}
        return self.bodies[names.get(kind, "BCH TW")]

    def _title(self, kind: str, body: Body, day: date, number: int) -> str:
        if kind == Meeting.Kind.PLENUM:
            return f"Hội nghị lần thứ {number} Ban Chấp hành Trung ương Đảng khóa XIV"
        return f"Phiên họp {body.name} ngày {day:%d/%m/%Y}"

    def _members(self, kind: str) -> tuple[Person, list[Person]]:
        L = self.leaders
        if kind == Meeting.Kind.SECRETARIAT:
            return L.standing, L.secretariat
        return L.general_secretary, [L.standing, *L.politburo]

    def _matters(self, proposals: list[Proposal], kind: str) -> list[tuple[str, str, Proposal | None]]:
        if kind == Meeting.Kind.PLENUM:
            return [(m, "Bộ Chính trị", None) for m in T.PLENUM_MATTERS]
        out: list[tuple[str, str, Proposal | None]] = [(p.title, p.lead_body.name, p) for p in proposals]
        for matter, lead in self.rng.sample(T.MATTERS, 3 - min(len(out), 2)):
            body = self.bodies.get(lead) or self.bodies["BTCTW"]
            out.append((matter, body.name, None))
        return out

    # --- a past session ------------------------------------------------------------------------------------------
    def _past(self, kind: str, body: Body, day: date, proposals: list[Proposal], plenum_no: int,
              doc: Document) -> None:
        rng, h = self.rng, self.history
        level = max([doc.classification, *(p.classification for p in proposals)])
        organiser = self._organiser(level)
        approver = next((s for s in self.heads if s is not organiser and s.clearance >= level), self.ctx.chief)
        starts = _at(day, 8)
        ends = starts + (timedelta(days=3, hours=9) if kind == Meeting.Kind.PLENUM else timedelta(hours=3, minutes=30))
        m = Meeting(kind=kind, body=body, number=plenum_no if kind == Meeting.Kind.PLENUM else 0,
                    title=self._title(kind, body, day, plenum_no), starts_at=starts, ends_at=ends,
                    place="Trụ sở Trung ương Đảng, Hà Nội", classification=level, created_by=organiser.account,
                    office_unit=self.unit, status=M.PLANNED)
        m.save()
        m.shared_with_units.add(self.unit)
        h.start(MEETING, m, organiser.account, starts - timedelta(days=12))
        h.move(MEETING, m, "prepare", organiser.account, starts - timedelta(days=5))
        h.move(MEETING, m, "hold", organiser.account, ends)
        chair, members = self._members(kind)
        matters = self._matters(proposals, kind)
        if not proposals:
            # The matter the document decided comes first: its summary says what it was ("về …").
            about = doc.summary.removeprefix("về ").strip()
            matters[0] = (f"{about[:1].upper()}{about[1:]}", matters[0][1], None)
        items = []
        for n, (title, lead, proposal) in enumerate(matters, start=1):
            items.append(AgendaItem.objects.create(
                meeting=m, order=n, title=title, proposal=proposal, program_item=proposal.item if proposal else None,
                planned_minutes=rng.choice([45, 60, 60, 75]) * (4 if kind == Meeting.Kind.PLENUM else 1),
                presenter=lead))
        if kind == Meeting.Kind.PLENUM:
            sites = [MeetingSite.objects.create(meeting=m, name="Điểm cầu Trung ương, Hà Nội", is_main=True)]
        else:
            sites = []
        self._participants(m, chair, members, sites, sent=starts - timedelta(days=5))
        for item in items:
            self._opinions(item, members, starts, answered=True, answerer=organiser)
        m.minutes = T.minutes_text(body.name, m.title, chair.full_name, len(members) + 1, [i.title for i in items])
        m.minutes_by = organiser.account
        m.minutes_approved_by, m.minutes_approved_at = approver.account, ends + timedelta(days=2)
        h.move(MEETING, m, "approve_minutes", approver.account, ends + timedelta(days=2))
        m.save()
        Meeting.objects.filter(pk=m.pk).update(created_at=starts - timedelta(days=12))
        self._conclusion(m, items[0], organiser, ends, doc)
        record_changed(m)
        self.counts["meetings"] += 1

    def _participants(self, m: Meeting, chair: Person, members: list[Person], sites: list[MeetingSite],
                      sent: datetime | None) -> None:
        rows = [Participant(meeting=m, person=chair, role=P.CHAIR, clearance=m.classification, packet_sent_at=sent)]
        rows += [Participant(meeting=m, person=p, role=P.MEMBER, clearance=m.classification, packet_sent_at=sent,
                             site=sites[0] if sites else None) for p in members]
        Participant.objects.bulk_create(rows)

    def _opinions(self, item: AgendaItem, members: list[Person], starts: datetime, *, answered: bool,
                  answerer: DemoStaff | None) -> None:
        rng = self.rng
        authors: list[tuple[Person | None, Body | None]] = [(p, None) for p in rng.sample(members, 2)]
        written = [b for b in self.bodies.values() if b.kind in (Body.Kind.CENTRAL_PARTY, Body.Kind.MINISTRY)]
        if written:
            authors.append((None, rng.choice(written)))
        for n, (person, body) in enumerate(authors):
            op = Opinion(agenda_item=item, author_person=person, author_body=body, text=rng.choice(T.OPINIONS),
                         received_at=starts - timedelta(days=3 - n), created_by=(answerer or self.ctx.chief).account)
            if answered and answerer is not None:
                accept = rng.random() < 0.65
                op.response = Opinion.Response.ACCEPT if accept else Opinion.Response.EXPLAIN
                op.answer = rng.choice(T.ACCEPTS if accept else T.EXPLAINS)
                op.answered_by, op.answered_at, op.version = answerer.account, starts + timedelta(days=1), 2
            op.save()
            self.counts["opinions"] += 1

    def _conclusion(self, m: Meeting, item: AgendaItem, organiser: DemoStaff, ends: datetime,
                    doc: Document) -> None:
        """The session's conclusion is one of the documents demo's issued documents: its drafts are its body."""
        text = doc.body
        lines = text.splitlines()
        earlier = "\n".join(line for n, line in enumerate(lines) if n != len(lines) - 1) or text
        first = ConclusionDraft.objects.create(meeting=m, agenda_item=item, number=1, created_by=organiser.account,
                                               text=earlier)
        final = ConclusionDraft.objects.create(meeting=m, agenda_item=item, number=2, text=text,
                                               created_by=organiser.account,
                                               note="Sau khi tiếp thu ý kiến tại phiên họp")
        ConclusionDraft.objects.filter(pk__in=[first.pk, final.pk]).update(created_at=ends + timedelta(hours=6))
        Conclusion.objects.create(meeting=m, agenda_item=item, proposal=item.proposal, document=doc, draft=final)
        self.counts["decided"] += sync_decided(doc)  # released: the proposal of the item is decided, audited
        self.counts["conclusions"] += 1

    # --- a coming session, through the services ------------------------------------------------------------------
    def _coming(self, kind: str, body: Body, day: date, proposals: list[Proposal], prepared: bool) -> None:
        chief = self.ctx.chief
        level = max([C.MAT if self.top >= C.MAT else C.THUONG, *(p.classification for p in proposals)])
        starts = _at(day, 8)
        m = services.check_create_meeting(chief.account, services.MeetingData(
            kind=kind, body=body, title=self._title(kind, body, day, 0), starts_at=starts,
            ends_at=starts + timedelta(hours=3), place="Trụ sở Trung ương Đảng, Hà Nội", classification=level,
            office_unit=self.unit))
        items = []
        for title, lead, proposal in self._matters(proposals, kind):
            r = services.check_add_agenda_item(chief.account, m.pk, m.version,
                                               proposal_id=proposal.pk if proposal else None, title=title,
                                               planned_minutes=self.rng.choice([45, 60, 75]), presenter=lead)
            m = r.meeting
            assert r.item is not None
            items.append(r.item)
        chair, members = self._members(kind)
        for person, role in ((chair, P.CHAIR), *((p, P.MEMBER) for p in members)):
            services.check_add_participant(chief.account, m.pk, m.version, person_id=person.pk, role=role,
                                           clearance=level)
            m.refresh_from_db()
        named = self.ctx.named
        for username, role in (("demo-tuyetmat", P.SECRETARY), ("demo-lanhdao", P.INVITED)):
            s = named.get(username)
            if s is not None and s.clearance >= level and s.person.pk not in {chair.pk, *(p.pk for p in members)}:
                services.check_add_participant(chief.account, m.pk, m.version, person_id=s.person.pk, role=role)
                m.refresh_from_db()
        if prepared:
            m = services.check_step(chief.account, m.pk, "prepare", m.version)
            for item in items:
                self._opinions(item, members, starts, answered=False, answerer=None)
        self.counts["meetings"] += 1


def build(ctx: DemoContext) -> None:
    if "BCT" not in {b.short_name for b in Body.objects.filter(kind=Body.Kind.LEADERSHIP)}:
        ctx.say("  (không có Bộ Chính trị trong bảng cơ quan: bỏ qua phần hội nghị, phiên họp)")
        return
    counts = _Builder(ctx).build()
    ctx.report.parts["meetings"] = dict(counts)
    ctx.say(f"  {counts['meetings']} hội nghị, phiên họp; {counts['opinions']} ý kiến; "
            f"{counts['conclusions']} kết luận đã ban hành")

