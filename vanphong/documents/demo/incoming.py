"""The year's incoming documents: who sent them (with the numbers and symbols their own registers would give),
and how each was registered, submitted, directed and handled.

Senders are the provincial committees (N-CV/TU, N-BC/TU, N-TTr/TU), central Party bodies and State bodies (N/BNV-VP,
N/QĐ-TTg, N/2026/NĐ-CP). A sender's numbers grow with the days of its scope (the committee term for the Party,
the year for the State), as its own register would number them. Most documents are done long ago, many were
answered by a document of ours (planned in demo.outgoing), some are still open and a few past their deadline;
six of those overdue are on the named specialists' desks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from vanphong.core.demo import DemoStaff
from vanphong.core.models import Body, Position, Term, Unit
from vanphong.documents import reference
from vanphong.documents.demo.office import INCOMING_LEVELS, NAMED_SPECIALISTS, DemoOffice
from vanphong.documents.demo.texts import Texts, short_date
from vanphong.documents.flows import INCOMING
from vanphong.documents.models import Document, DocumentType, IncomingEntry, Issuer
from vanphong.documents.symbols import format_symbol, parse_symbol
from vanphong.security.classification import Classification, Urgency

COUNT = 300
E = IncomingEntry.Status


@dataclass(eq=False)
class Arrival:
    """One incoming document as planned: its row, its entry, and what the rest of the plan needs of it."""

    doc: Document
    entry: IncomingEntry
    topic: dict[str, Any]
    code: str  # type code as in the symbol (CV, TTr, …; "" for a State công văn)
    handler: DemoStaff | None = None
    lead: str = ""  # code of the unit that leads it
    wants_answer: bool = False
    started: datetime | None = None
    co_units: list[Unit] = field(default_factory=list)


class Senders:
    """Where incoming documents come from, with their own numbering."""

    def __init__(self, office: DemoOffice, texts: Texts) -> None:
        self.office, self.texts, self.rng = office, texts, office.rng
        data = texts.data["incoming"]
        self.groups = [data["provincial"], data["central"], data["state"]]
        self.committees = list(Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE, place__isnull=False)
                               .select_related("place").order_by("name"))
        self.region = {key: unit for unit, keys in texts.data["regions"].items() for key in keys}
        self.term_starts = sorted(date.fromisoformat(d) for d in data["provincial"]["term_starts"])
        centre = Body.objects.filter(abbreviation="TW", parent__isnull=True).first()
        self.central_terms = sorted(Term.objects.filter(body=centre).values_list("start", flat=True))
        self.people: dict[tuple[str, str], str] = {}
        for p in Position.objects.filter(body__in=self.committees, valid_to__isnull=True).select_related("person"):
            kind = "bi_thu" if p.title.startswith("Bí thư") else "chanh" if p.title.startswith("Chánh") else ""
            if kind and p.body is not None:
                self.people[(p.body.name, kind)] = p.person.full_name
        self.last: dict[tuple[str, str], int] = {}
        self.rules = reference.rules_from_db()
        self.found: dict[tuple[str, ...], tuple[list[DocumentType], list[Issuer]]] = {}

    def pick(self) -> tuple[str, dict[str, Any], dict[str, Any], Body | None]:
        """(sender name, sender row, form row, committee body or None)."""
        group = self.office.weighted(self.groups)
        if "forms" in group:
            committee = self.rng.choice(self.committees)
            return committee.name, group, self.office.weighted(group["forms"]), committee
        sender = self.office.weighted([{**s, "weight": sum(f["weight"] for f in s["forms"])} for s in group["senders"]])
        return sender["name"], sender, self.office.weighted(sender["forms"]), None

    def signer(self, name: str, sender: dict[str, Any], form: dict[str, Any]) -> str:
        kind = form.get("signer") or sender.get("signer", "")
        if (name, kind) not in self.people:
            self.people[(name, kind)] = self.office.ctx.names.next()[0]  # fictional, never a real leader's name
        return self.people[(name, kind)]

    def symbol(self, name: str, form: dict[str, Any], day: date) -> str:
        party = "/TU" in form["symbol"] or "-" in form["symbol"].split("/")[0]
        if party:
            starts = self.term_starts if "/TU" in form["symbol"] else self.central_terms
            start = max((s for s in starts if s <= day), default=date(day.year, 1, 1))
        else:
            start = date(day.year, 1, 1)
        key = (name, form["symbol"])
        n = max(self.last.get(key, 0) + 1, int((day - start).days * form["rate"] * self.rng.uniform(0.9, 1.1)) + 1)
        self.last[key] = n
        return str(form["symbol"]).format(n=n, y=day.year)

    def read(self, doc: Document, text: str, day: date) -> str:
        """Number, canonical symbol, type and issuer from the symbol as written, as registering reads them (the
        rows valid on the document's date, else the first: services._read_symbol), the table read once a code."""
        symbol = parse_symbol(text, self.rules, on=day)
        doc.number, doc.symbol = symbol.number, format_symbol(symbol)
        key = (symbol.system, symbol.type, symbol.type_name, symbol.issuer)
        if key not in self.found:
            rows = DocumentType.objects.filter(system=symbol.system, code=symbol.type)
            if not symbol.type and "hoặc" not in symbol.type_name:
                rows = rows.filter(name=symbol.type_name)
            self.found[key] = (list(rows), list(Issuer.objects.filter(system=symbol.system, code=symbol.issuer)))
        types, issuers = self.found[key]
        found = next((t for t in types if _valid(t, day)), types[0] if types else None)
        assert found is not None, text
        doc.doc_type, doc.issuer = found, next((i for i in issuers if _valid(i, day)), None)
        return symbol.type


def _valid(row: DocumentType | Issuer, day: date) -> bool:
    return (row.valid_from is None or row.valid_from <= day) and (row.valid_to is None or row.valid_to >= day)


def plan_incoming(office: DemoOffice, texts: Texts) -> list[Arrival]:
    rng = office.rng
    senders = Senders(office, texts)
    moments = sorted(office.moment(rng.choice(office.days)) for _ in range(COUNT))
    # Two overdue entries for each named specialist, at the highest level they may see and at the lowest.
    named: dict[int, tuple[DemoStaff, Classification]] = {}
    ripe = [i for i, m in enumerate(moments) if 25 <= (office.today - office.local_day(m)).days <= 70]
    for username in NAMED_SPECIALISTS:
        s = office.named[username]
        mine = [lv for lv in office.ctx.levels if lv <= s.clearance]
        for level in (mine[-1], mine[0]):
            named[ripe.pop(rng.randrange(len(ripe)))] = (s, level)
    levels = iter(office.levels(COUNT - len(named), INCOMING_LEVELS))
    urgencies = office.urgencies(COUNT)
    out = []
    for i, received in enumerate(moments):
        person, level = named[i] if i in named else (None, next(levels))
        out.append(_arrival(office, texts, senders, received, level, urgencies[i], person))
    return out


def _arrival(office: DemoOffice, texts: Texts, senders: Senders, received: datetime, level: Classification,
             urgency: Urgency, person: DemoStaff | None) -> Arrival:
    rng = office.rng
    name, sender, form, committee = senders.pick()
    topic = texts.policy_topic(sender.get("topics"), secret=level > Classification.THUONG)
    day = office.local_day(received)
    electronic = rng.random() < (0.8 if level == Classification.THUONG else 0.2)
    issued = day - timedelta(days=rng.randint(0, 3) if electronic else rng.randint(1, 7))
    clerk = office.clerk(level)
    doc = Document(direction=Document.Direction.INCOMING, status=Document.Status.RECEIVED, created_by=clerk.account,
                   issuer_name=name, issued_on=issued, classification=level, urgency=urgency,
                   pages=rng.randint(1, 12), signer_name=senders.signer(name, sender, form))
    code = senders.read(doc, senders.symbol(name, form, issued), issued)
    doc.summary = texts.pick(form["summaries"], texts.values(topic, issued))
    channel = IncomingEntry.Channel.ELECTRONIC if electronic else IncomingEntry.Channel.PAPER
    entry = IncomingEntry(document=doc, channel=channel, status=E.RECEIVED, year=received.year, received_at=received,
                          received_by=clerk.account)
    lead = topic["unit"]
    if committee is not None and committee.place is not None and rng.random() < 0.5:
        lead = senders.region.get(committee.place.key, lead)
    arrival = Arrival(doc, entry, topic, code, lead=lead, wants_answer=rng.random() < form.get("answer", 0))
    office.rows.add(doc, created_at=received, updated_at=received)
    office.rows.add(entry, created_at=received, updated_at=received)
    state = _state(office, arrival, person)
    arrival.wants_answer = state == "answered"
    _handle(office, texts, arrival, clerk, state, person)
    return arrival


def _state(office: DemoOffice, a: Arrival, person: DemoStaff | None) -> str:
    rng = office.rng
    age = (office.today - office.local_day(a.entry.received_at)).days
    if person is not None:
        return rng.choice(["directed", "in_progress"])
    if age <= 2:
        return "submitted" if rng.random() < 0.6 else "directed"
    if age <= 20:
        state = rng.choices(["directed", "in_progress", "done"], [15, 35, 50])[0]
        return "answered" if a.wants_answer and age >= 8 else state
    return "answered" if a.wants_answer else rng.choices(["done", "in_progress"], [93, 7])[0]


def _handle(office: DemoOffice, texts: Texts, a: Arrival, clerk: DemoStaff, state: str,
            person: DemoStaff | None) -> None:
    rng, h, rows = office.rng, office.history, office.rows
    doc, entry, level = a.doc, a.entry, a.doc.classification
    t = h.start(INCOMING, entry, clerk.account, entry.received_at)
    t = h.move(INCOMING, entry, "register", clerk.account, t + timedelta(minutes=rng.randint(1, 20)))
    open_ = state in ("submitted", "directed", "in_progress") and person is None
    leader = office.leader(level, free=open_, deputies_only=open_) if person is None else office.leader(level)
    t = h.move(INCOMING, entry, "submit", clerk.account, office.later(t, 0.2, 3),
               data={"submitted_to": leader.account.pk})
    entry.submitted_to, entry.handed_at = leader.account, t
    rows.link(Document.shared_with_users.through, "document", doc, leader.account)
    rows.stamp(entry, updated_at=t)
    if state == "submitted":
        return
    code = office.unit_for(a.lead, level)
    a.lead = "tong-hop" if person is not None else code
    lead = office.unit(a.lead)
    a.co_units = [office.unit(c) for c in a.topic["co"] if c != a.lead and rng.random() < 0.4]
    if person is not None:
        handler: DemoStaff | None = person
    elif state == "done" or rng.random() < 0.25:
        handler = None
    else:
        handler = office.worker(a.lead, level, free=open_)
    t_dir = office.later(t, 1, 26)
    deadline = _deadline(office, a, state, t_dir, person)
    phoi_hop = f", phối hợp với {', '.join(u.name for u in a.co_units)}" if a.co_units else ""
    values = {"lead": lead.name, "phoi_hop": phoi_hop, "han": short_date(deadline) if deadline else ""}
    comment = texts.pick(texts.data["direction" if deadline else "direction_for_information"], values)
    t = h.move(INCOMING, entry, "direct", leader.account, t_dir, data={
        "lead_unit": lead.pk, "co_units": [u.pk for u in a.co_units], "deadline": deadline.isoformat() if deadline
        else None, "handler": handler.account.pk if handler else None, "comment": comment})
    entry.lead_unit, entry.deadline, entry.direction, entry.directed_at = lead, deadline, comment, t
    entry.handler = handler.account if handler else None
    rows.link(Document.shared_with_units.through, "document", doc, lead)
    for unit in a.co_units:
        rows.link(Document.shared_with_units.through, "document", doc, unit)
        rows.link(IncomingEntry.co_units.through, "incomingentry", entry, unit)
    if handler is not None:
        rows.link(Document.shared_with_users.through, "document", doc, handler.account)
    rows.stamp(entry, updated_at=t)
    if state == "directed":
        return
    starter = handler or office.worker(a.lead, level, free=open_) or office.reviewer(a.lead, level)
    t = h.move(INCOMING, entry, "start", starter.account, office.later(t, 1, 48))
    if handler is None:
        entry.handler = starter.account
        rows.link(Document.shared_with_users.through, "document", doc, starter.account)
    a.handler, a.started = starter, t
    rows.stamp(entry, updated_at=t)
    if state == "done":
        result = texts.pick(texts.data["results"], {})
        t = h.move(INCOMING, entry, "finish", starter.account, office.later(t, 20, 240), note=result)
        entry.result = result
        rows.stamp(entry, updated_at=t)


def _deadline(office: DemoOffice, a: Arrival, state: str, directed: datetime, person: DemoStaff | None) -> date | None:
    rng = office.rng
    day = office.local_day(directed)
    if person is not None:  # past due already: the entry is 25 days old or more
        return min(day + timedelta(days=rng.randint(5, 12)), office.today - timedelta(days=2))
    if state == "done" and not a.wants_answer and rng.random() < 0.4:
        return None  # for information: no deadline
    span = rng.randint(1, 4) if a.doc.urgency > Urgency.THUONG else rng.randint(5, 20)
    return day + timedelta(days=span)
