"""The year's outgoing documents of TW and VPTW, each through the outgoing flow: drafted in a unit, reviewed
(sometimes returned), checked for format, signed, released to its recipients and units, numbered per sequence.

Central Committee documents (KL, NQ, CT, QĐ) are signed by the Party's leaders, who have no account here: the
signature is theirs, the Chief of Office takes the step that records it. Notices (TB/TW) are signed by order
(T/L) by the office's leaders, as are the office's own documents. Many answer an incoming document; one was
recalled and replaced; a few of other units are still drafts. Numbers are given at the end, in signing order,
by the same sequences numbering.take uses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from vanphong.core.demo import DemoStaff
from vanphong.core.models import Unit
from vanphong.documents import numbering, rendering
from vanphong.documents.demo.incoming import Arrival
from vanphong.documents.demo.office import OUTGOING_LEVELS, DemoOffice
from vanphong.documents.demo.texts import Texts, long_date, short_date
from vanphong.documents.flows import INCOMING, OUTGOING
from vanphong.documents.models import Document, DocumentLink, DocumentType, IncomingEntry, Issuer
from vanphong.security.classification import Classification, Urgency

D = Document.Status
# As the header prints them: the Central Committee's documents carry its name, the office's its superior line.
ISSUER_NAMES = {"TW": "Ban Chấp hành Trung ương"}
SUPERIORS = {"VPTW": "Ban Chấp hành Trung ương Đảng"}
DRAFT_STOPS = ("draft", "returned", "review", "review", "review", "signing", "signing", "signing")


@dataclass(eq=False)
class Issue:
    doc: Document
    topic: dict[str, Any]
    drafter: DemoStaff
    reviewer: DemoStaff
    clerk: DemoStaff
    sign_actor: DemoStaff
    internal: list[Unit] = field(default_factory=list)
    unconfirmed: bool = False  # its deliveries wait for the receiving unit to confirm
    answers: Arrival | None = None
    replaces: Issue | None = None
    created: datetime | None = None
    signed: datetime | None = None
    released: datetime | None = None


class Outgoing:
    def __init__(self, office: DemoOffice, texts: Texts, issuers: dict[str, Issuer]) -> None:
        self.office, self.texts, self.rng, self.issuers = office, texts, office.rng, issuers
        self.leader_names = {key: office.ctx.names.next()[0] for key in texts.data["leaders"]}
        self.types: dict[tuple[str, str], DocumentType] = {}
        self.out: list[Issue] = []

    def plan(self, arrivals: list[Arrival]) -> list[Issue]:
        rows = self.texts.data["outgoing"]
        total = sum(r["count"] for r in rows)
        levels, urgencies = iter(self.office.levels(total, OUTGOING_LEVELS)), iter(self.office.urgencies(total))
        days = self.office.days
        for row in rows:
            for n in range(row["count"]):
                level, urgency = next(levels), next(urgencies)
                if row["issuer"] == "VPTW" and row["type"] == "CV" and n < 2:
                    # The two latest letters reach Vụ Tổng hợp and wait for it to confirm: the specialists' desks.
                    self.independent(row, days[-1 - n], Classification.THUONG, urgency, ["tong-hop"], unconfirmed=True)
                else:
                    self.independent(row, self.rng.choice(days), level, urgency)
        for a in arrivals:
            if a.wants_answer:
                self.answer(a)
        self.recall()
        vptw = [r for r in rows if r["issuer"] == "VPTW"]
        for stop in DRAFT_STOPS:
            self.independent(self.rng.choice(vptw), days[-1], Classification.THUONG, Urgency.THUONG, stop=stop)
        return self.out

    # --- one document ----------------------------------------------------------------------------------------
    def _type(self, row: dict[str, Any]) -> DocumentType:
        key = (row["type"], row.get("name", ""))
        if key not in self.types:
            types = DocumentType.objects.filter(system="party", code=row["type"])
            types = types.filter(name=row["name"]) if row.get("name") else types
            found = types.valid_on(self.office.today).first()
            assert found is not None, key
            self.types[key] = found
        return self.types[key]

    def _signer(self, issuer: str, who: str, co_quan: str, level: int,
                free: bool) -> tuple[DemoStaff | None, str, str, str, str]:
        """(account or None, printed name, position, authority, on behalf of)."""
        leaders = self.texts.data["leaders"]
        if who in leaders:
            return None, self.leader_names[who], leaders[who], "TM", co_quan
        office = self.office
        s = office.chief if who == "chief" else office.leader(level, free=free, deputies_only=True)
        position = "Chánh Văn phòng" if s is office.chief else "Phó Chánh Văn phòng"
        if issuer == "TW":
            return s, s.person.full_name, position, "TL", co_quan
        if s is office.chief:
            return s, s.person.full_name, position, "", ""
        return s, s.person.full_name, position, "KT", "Chánh Văn phòng"

    def _make(self, row: dict[str, Any], issuer: Issuer, topic: dict[str, Any], code: str, day: date, level: int,
              urgency: int, who: str, co_quan: str, drafter: DemoStaff | None = None,
              free: bool = False) -> tuple[Document, Issue, dict[str, Any]]:
        office, rng = self.office, self.rng
        unit = office.unit(code)
        drafter = drafter or office.worker(code, level, free=free) or office.reviewer(code, level)
        signer, name, position, authority, on_behalf = self._signer(issuer.code, who, co_quan, level, free)
        meeting = day - timedelta(days=rng.randint(5, 14))
        values = self.texts.values(topic, day, co_quan=co_quan, unit=unit.name, meeting=meeting,
                                   ngay_hop=long_date(meeting),
                                   han_ngay=short_date(day + timedelta(days=rng.randint(12, 25))))
        secret = level > Classification.THUONG
        doc = Document(
            direction=Document.Direction.OUTGOING, status=D.DRAFT, doc_type=self._type(row), issuer=issuer,
            issuer_name=ISSUER_NAMES.get(issuer.code, issuer.name), superior_name=SUPERIORS.get(issuer.code, ""),
            classification=level, urgency=urgency, signer=signer.account if signer else None, signer_name=name,
            signer_position=position, authority=authority, on_behalf_of=on_behalf, drafting_unit=unit,
            filed_unit=unit, created_by=drafter.account,
            circulation=self.texts.data["circulation"] if rng.random() < (0.5 if secret else 0.08) else "",
        )
        issue = Issue(doc, topic, drafter, office.reviewer(code, level, not_=drafter, free=free),
                      office.clerk(level, free=free), signer or office.chief)
        return doc, issue, values

    def independent(self, row: dict[str, Any], day: date, level: int, urgency: int, internal: list[str] | None = None,
                    stop: str = "released", unconfirmed: bool = False) -> Issue:
        office, rng, texts = self.office, self.rng, self.texts
        issuer = self.issuers[row["issuer"]]
        topic = texts.topic_for(issuer.code, secret=level > Classification.THUONG)
        code = office.unit_for(topic["unit"], level)
        if stop != "released" and code == "tong-hop":
            code = "kinh-te"  # Vụ Tổng hợp's drafts in progress are the named accounts' (demo.desks)
        body: dict[str, Any] = office.weighted(row["bodies"]) if "bodies" in row else {"name": "",
                                                                                      "signers": ["chief", "deputy"]}
        who = rng.choice(body["signers"]) if "bodies" in row or rng.random() < 0.65 else "chief"
        # Drafts of other units still in progress: none of it waits for a named account (their desks are scripted).
        free = stop != "released"
        who = "deputy" if free else who
        doc, issue, values = self._make(row, issuer, topic, code, day, level, urgency, who, body["name"], free=free)
        doc.summary = texts.pick(row["summaries"], values)
        doc.body = texts.body(row["compose"], topic, values)
        doc.addressees = "\n".join(texts.fill(a, values) for a in row.get("addressees", []))
        doc.recipients_text = texts.lines(row["recipients"], values)
        if internal is None:
            near = ["theo-doi-kiem-tra", "tong-hop", topic["unit"]] if issuer.code == "TW" else topic["co"]
            internal = rng.sample(near, rng.randint(1 if issuer.code == "TW" else 0, min(2, len(near))))
        issue.internal = [office.unit(c) for c in dict.fromkeys(internal) if office.members(c, level)]
        issue.unconfirmed = unconfirmed
        # A conclusion or a notice is drafted after the meeting it reports.
        after = office.moment(values["meeting"] + timedelta(days=1)) if row["compose"] in ("conclusion", "notice") \
            else None
        self._through(issue, office.moment(day), copies=rng.randint(*row["copies"]), stop=stop, earliest=after)
        return issue

    def answer(self, a: Arrival) -> None:
        office, rng = self.office, self.rng
        kind = "TB" if a.code == "TTr" else "CV"
        cfg = self.texts.data["answers"][kind]
        assert a.started is not None and a.handler is not None
        sign_day = office.working_day_after(office.local_day(a.started), 3, 12)
        if sign_day is None:
            a.wants_answer = False  # not answered yet: still in progress
            return
        level, incoming = a.doc.classification, a.doc
        who, co_quan = ("deputy", "Ban Bí thư") if kind == "TB" else (rng.choice(["chief", "deputy"]), "")
        doc, issue, values = self._make(cfg, self.issuers[cfg["issuer"]], a.topic, a.lead, sign_day, level,
                                        incoming.urgency, who, co_quan, drafter=a.handler)
        values.update(loai=incoming.doc_type.name, so=incoming.symbol, sender=incoming.issuer_name,
                      ngay_vb=short_date(incoming.issued_on or sign_day), trich_yeu=incoming.summary)
        doc.summary = self.texts.fill(cfg["summary"], values)
        doc.body = self.texts.answer_body(kind, values)
        doc.addressees = incoming.issuer_name if kind == "CV" else ""
        doc.recipients_text = self.texts.lines(cfg["recipients"], values)
        issue.answers = a
        a.entry.answered_by = doc
        self._through(issue, office.moment(sign_day), copies=rng.randint(*cfg["copies"]),
                      earliest=a.started + timedelta(hours=2))
        assert issue.created is not None
        office.rows.add(DocumentLink(source=doc, target=incoming, kind=DocumentLink.Kind.ANSWERS),
                        created_at=issue.created)

    def recall(self) -> None:
        """One letter recalled for a mistake in its recipients, and the letter that replaced it."""
        office = self.office
        old = [i for i in self.out if i.doc.doc_type.code == "CV" and i.doc.issuer_id == self.issuers["VPTW"].pk
               and i.released and i.answers is None and 40 <= (office.today - office.local_day(i.released)).days <= 300]
        if not old:
            return
        recalled = min(old, key=lambda i: i.released or office.now)
        assert recalled.released is not None
        day = office.working_day_after(office.local_day(recalled.released), 1, 4)
        if day is None:
            return
        note = self.texts.data["recall"]
        t = office.history.move(OUTGOING, recalled.doc, "recall", recalled.clerk.account, office.moment(day),
                                note=note)
        office.rows.stamp(recalled.doc, updated_at=t)
        new_day = office.working_day_after(day, 0, 3) or day
        old_doc = recalled.doc
        doc, issue, _ = self._make(
            next(r for r in self.texts.data["outgoing"] if r["issuer"] == "VPTW" and r["type"] == "CV"),
            self.issuers["VPTW"], recalled.topic, old_doc.drafting_unit.code if old_doc.drafting_unit else "tong-hop",
            new_day, old_doc.classification, old_doc.urgency, "chief", "", drafter=recalled.drafter)
        for name in ("summary", "body", "addressees", "recipients_text"):
            setattr(doc, name, getattr(old_doc, name))
        issue.replaces, issue.internal = recalled, recalled.internal
        self._through(issue, office.moment(new_day), copies=old_doc.copies or 40, earliest=t)
        office.rows.add(DocumentLink(source=doc, target=old_doc, kind=DocumentLink.Kind.REPLACES), created_at=t)

    # --- the flow --------------------------------------------------------------------------------------------
    def _through(self, i: Issue, sign_at: datetime, copies: int, stop: str = "released",
                 earliest: datetime | None = None) -> None:
        office, rng, h, rows = self.office, self.rng, self.office.history, self.office.rows
        doc = i.doc
        span = rng.uniform(3 * 24, 18 * 24) if stop == "released" else rng.uniform(6, 72)
        created = min(office.in_hours(sign_at - timedelta(hours=span)), sign_at - timedelta(hours=1))
        created = max(created, earliest) if earliest else created
        i.created = created
        returned = stop == "returned" or (stop not in ("draft", "review") and rng.random() < 0.25)
        names = ["submit_review", *(["return_draft", "submit_review"] if returned else []), "pass_review"]
        if stop == "released" and rng.random() < 0.06:
            names += ["return_format", "submit_review", "pass_review"]
        names.append("pass_format")
        cut = {"draft": 0, "returned": 2, "review": 1 + 2 * returned, "signing": len(names)}.get(stop, len(names))
        names = names[:cut]
        times = sorted(office.in_hours(created + (sign_at - created) * rng.uniform(0.05, 0.95)) for _ in names)
        h.start(OUTGOING, doc, i.drafter.account, created)
        assert doc.drafting_unit is not None
        rows.link(Document.shared_with_units.through, "document", doc, doc.drafting_unit)
        if doc.signer is not None:
            rows.link(Document.shared_with_users.through, "document", doc, doc.signer)
        for name, at in zip(names, times, strict=True):
            actor = i.drafter if name == "submit_review" else i.clerk if "format" in name else i.reviewer
            note = ""
            if name == "submit_review" and OUTGOING.state_of(doc) == D.DRAFT and doc.version > 1:
                doc.draft_version += 1  # sent again after being returned: a new draft round
            if name.startswith("return_"):
                note = rng.choice(self.texts.data["returns" if name == "return_draft" else "format_returns"])
            h.move(OUTGOING, doc, name, actor.account, at, note=note)
        if stop == "released":
            note = "" if doc.signer_id else f"Đồng chí {doc.signer_name}, {doc.signer_position} đã ký."
            i.signed = h.move(OUTGOING, doc, "sign", i.sign_actor.account, sign_at, note=note)
            doc.issued_on = office.local_day(i.signed)
            i.released = h.move(OUTGOING, doc, "release", i.clerk.account, office.later(i.signed, 0.5, 8),
                                data={"copies": copies})
            doc.copies, doc.released_at = copies, i.released
            for unit in i.internal:
                self._deliver(i, unit)
        rows.add(doc, created_at=created, updated_at=h.latest(doc))
        self.out.append(i)

    def _deliver(self, i: Issue, unit: Unit) -> None:
        """What release does for each unit inside the office: it shares the document and leaves it to confirm."""
        office, rows, doc = self.office, self.office.rows, i.doc
        assert i.released is not None
        rows.link(Document.internal_recipients.through, "document", doc, unit)
        rows.link(Document.shared_with_units.through, "document", doc, unit)
        entry = IncomingEntry(document=doc, channel=IncomingEntry.Channel.INTERNAL,
                              status=IncomingEntry.Status.RECEIVED, year=office.local_day(i.released).year,
                              received_at=i.released, received_by=i.clerk.account, receiving_unit=unit)
        rows.add(entry, created_at=i.released, updated_at=i.released)
        confirm = office.in_hours(i.released + timedelta(hours=self.rng.uniform(0.5, 30)))
        members = office.members(unit.code, doc.classification)
        if i.unconfirmed or confirm > office.limit or not members:
            return
        member = self.rng.choice(members)
        t = office.history.move(INCOMING, entry, "confirm", member.account, confirm)
        entry.confirmed_at, entry.confirmed_by = t, member.account
        rows.stamp(entry, updated_at=t)

    # --- numbers ---------------------------------------------------------------------------------------------
    def number(self) -> dict[str, tuple[str, int]]:
        """Numbers in signing order per sequence, as numbering would take them; returns {key: (label, last)}."""
        last: Counter[str] = Counter()
        labels: dict[str, str] = {}
        for i in sorted((i for i in self.out if i.signed), key=lambda i: i.signed or self.office.now):
            doc = i.doc
            assert doc.issued_on is not None
            sequence = numbering.outgoing_sequence(doc, doc.issued_on)
            last[sequence.key] += 1
            labels[sequence.key] = sequence.label
            doc.number, doc.sequence_key = last[sequence.key], sequence.key
            symbol = rendering.symbol_of(doc, doc.number)
            doc.symbol = rendering.format_symbol(symbol) if symbol else ""
        for i in self.out:
            if i.answers is not None and i.released is not None:
                entry = i.answers.entry
                t = self.office.history.move(INCOMING, entry, "answered", i.clerk.account, i.released,
                                             note=f"Trả lời bằng văn bản {i.doc.symbol}")
                self.office.rows.stamp(entry, updated_at=t)
            if i.replaces is not None:
                i.doc.note = f"Thay thế văn bản số {i.replaces.doc.symbol} (đã thu hồi)."
        return {key: (labels[key], n) for key, n in last.items()}
