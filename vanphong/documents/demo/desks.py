"""Work in progress on the named accounts' desks, made today through the real services and flows, exactly as
the people would have made it: every step checked, numbered, notified and audited.

demo-vanthu: incoming to submit, drafts to check for format, issued documents to release. demo-lanhdao and
demo-chanhvanphong: incoming to direct, documents to sign. demo-lanhdao-tonghop: drafts to review. demo-thuong,
demo-mat, demo-toimat: incoming to handle, a draft returned for revision, and (when the release step can open
the seal) a document delivered to their unit to confirm. Their overdue entries and the other deliveries come
from the year of history (a deadline set today cannot be in the past).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings

from vanphong.core.demo import DemoStaff
from vanphong.documents import body as body_text
from vanphong.documents.demo.incoming import Senders
from vanphong.documents.demo.keys import seals_open_on_release
from vanphong.documents.demo.office import DemoOffice
from vanphong.documents.demo.outgoing import SUPERIORS
from vanphong.documents.demo.texts import Texts, long_date, short_date
from vanphong.documents.demo.year import render_cached
from vanphong.documents.models import Document, DocumentType, IncomingEntry, Issuer
from vanphong.documents.render import Layout, Marks, Signer
from vanphong.documents.services import (
    Draft,
    Received,
    check_answer,
    check_create_draft,
    check_entry_step,
    check_register_incoming,
    check_step,
)
from vanphong.documents.symbols import parse_symbol
from vanphong.security.classification import Classification, Urgency

C, U = Classification, Urgency


class Desks:
    def __init__(self, office: DemoOffice, texts: Texts, issuers: dict[str, Issuer]) -> None:
        self.office, self.texts, self.rng, self.issuers = office, texts, office.rng, issuers
        named = office.named
        self.clerk, self.head = named["demo-vanthu"], named["demo-lanhdao-tonghop"]
        self.leaders = [named["demo-lanhdao"], named["demo-chanhvanphong"]]
        self.specialists = [named["demo-thuong"], named["demo-mat"], named["demo-toimat"]]
        self.senders = Senders(office, texts)
        self.rows = {(r["issuer"], r["type"]): r for r in texts.data["outgoing"]}
        self.made: Counter[str] = Counter()
        self.today = office.today

    def level(self, *people: DemoStaff, at_most: int = C.TUYET_MAT) -> Classification:
        return Classification(min(at_most, self.office.ctx.ceiling, *(p.clearance for p in people)))

    def build(self) -> dict[str, int]:
        clerk, head, (lanhdao, chanh) = self.clerk, self.head, self.leaders
        for level, urgency in ((C.THUONG, U.HOA_TOC), (self.level(clerk), U.KHAN), (C.THUONG, U.THUONG)):
            self.register(level, urgency)
            self.made["văn bản đến chờ trình"] += 1
        for leader in self.leaders:
            for level, urgency in ((C.THUONG, U.THUONG), (self.level(clerk, leader), U.THUONG_KHAN)):
                self.entry_step(clerk, self.register(level, urgency), "submit", submitted_to=leader.account.pk)
                self.made["văn bản đến chờ cho ý kiến"] += 1
        answered = None
        for n, (s, leader) in enumerate(zip(self.specialists, (lanhdao, chanh, lanhdao), strict=True)):
            entry = self.register(self.level(s, clerk, leader), U.THUONG)
            entry = self.entry_step(clerk, entry, "submit", submitted_to=leader.account.pk)
            deadline = self.today + timedelta(days=(5, 8, 12)[n])
            entry = self.entry_step(leader, entry, "direct", lead_unit=self.office.unit("tong-hop").pk, co_units=[],
                                    handler=s.account.pk, deadline=deadline,
                                    comment=f"Giao Vụ Tổng hợp chủ trì tham mưu xử lý; báo cáo trước ngày "
                                            f"{short_date(deadline)}.")
            if n != 1:
                entry = self.entry_step(s, entry, "start")
            answered = answered or entry
            self.made["văn bản đến đang xử lý"] += 1
        if answered is not None:  # demo-thuong drafts the answer, which waits for review
            reply = self.draft(self.specialists[0], "VPTW", "CV", C.THUONG, lanhdao, answers=answered)
            self.step(self.specialists[0], reply, "submit_review")
            self.made["dự thảo chờ rà soát"] += 1
        self.step(self.specialists[1], self.draft(self.specialists[1], "VPTW", "BC", self.level(self.specialists[1]),
                                                  chanh), "submit_review")
        self.made["dự thảo chờ rà soát"] += 1
        for s in self.specialists:
            doc = self.draft(s, "VPTW", "CV", self.level(s, head), lanhdao)
            self.step(s, doc, "submit_review")
            self.step(head, doc, "return_draft", note=self.rng.choice(self.texts.data["returns"]))
            self.made["dự thảo bị trả lại"] += 1
        # Only Thường drafts pass through the clerk: a classified draft is shared with its unit and its signer
        # only, so the clerk of Phòng Văn thư could not open it (see the report of this part).
        for code in ("CV", "HD"):
            self.through(self.author(C.THUONG), "VPTW", code, C.THUONG, chanh, until="pass_review")
            self.made["dự thảo chờ kiểm tra thể thức"] += 1
        for leader in self.leaders:
            self.through(self.author(C.THUONG), "VPTW", "CV", C.THUONG, leader, until="pass_format")
            self.through(self.author(C.THUONG), "TW", "TB", C.THUONG, leader, until="pass_format")
            self.made["văn bản chờ ký"] += 2
        for leader, code in zip(self.leaders, ("BC", "CV"), strict=True):
            self.through(self.author(C.THUONG), "VPTW", code, C.THUONG, leader, until="sign")
            self.made["văn bản chờ phát hành"] += 1
        if seals_open_on_release():
            self.through(self.author(C.THUONG), "VPTW", "CV", C.THUONG, chanh, until="release",
                         internal=["tong-hop"])
            self.made["văn bản đến đơn vị chờ xác nhận"] += 1
        return dict(self.made)

    # --- incoming --------------------------------------------------------------------------------------------
    def register(self, level: int, urgency: int) -> IncomingEntry:
        """A Party document received today, registered by demo-vanthu with the file the sender sent."""
        while True:
            name, sender, form, committee = self.senders.pick()
            if "-" in form["symbol"].split("/")[0]:
                break
        topic = self.texts.policy_topic(sender.get("topics"), secret=level > C.THUONG)
        issued = self.today - timedelta(days=self.rng.randint(0, 2))
        text = self.senders.symbol(name, form, issued)
        values = self.texts.values(topic, issued, sender=name)
        summary = self.texts.pick(form["summaries"], values)
        signer = self.senders.signer(name, sender, form)
        place = committee.place.short_name if committee is not None and committee.place else "Hà Nội"
        code = text.split("/")[0].split("-")[1]
        kind = form.get("signer", "")
        title = sender.get("signer") or self.texts.data["incoming"]["signers"].get(kind, "Chánh Văn phòng")
        pdf = self.scan(text, name, place, summary, self.texts.incoming_body(code, topic, values), signer, title,
                        level, urgency, issued)
        electronic = level == C.THUONG
        channel = IncomingEntry.Channel.ELECTRONIC if electronic else IncomingEntry.Channel.PAPER
        return check_register_incoming(self.clerk.account, Received(
            channel=channel, summary=summary, issuer_name=name, symbol_text=text, issued_on=issued,
            classification=level, urgency=urgency, pages=2, signer_name=signer,
            files=[(f"{'' if electronic else 'ban-quet-'}{text.replace('/', '-')}.pdf", pdf)]))

    def scan(self, text: str, sender: str, place: str, summary: str, lines: list[str], signer: str, title: str,
             level: int, urgency: int, issued: Any) -> bytes:
        """The sender's document as its own office would have printed it."""
        symbol = parse_symbol(text, self.senders.rules, on=issued)
        letter = symbol.type == "CV"
        if symbol.issuer == "TU":  # a provincial committee: its standing board, by order for a letter
            authority, on_behalf = ("TL", "Ban Thường vụ") if letter else ("TM", "Ban Thường vụ")
        else:
            authority, on_behalf = ("KT", title[4:]) if title.startswith("Phó ") else ("", "")
        return render_cached(Layout(
            system="party", issuer=sender.upper(), symbol=symbol.notation, number=symbol.number, date=issued,
            place=place, type_name="" if letter else symbol.type_name.upper(), summary=summary,
            addressees=("Văn phòng Trung ương Đảng",) if letter else (), body=body_text.blocks("\n".join(lines)),
            signer=Signer(position=title.upper(), name=signer, authority=authority,  # type: ignore[arg-type]
                          on_behalf_of=on_behalf.upper()),
            recipients=("Như trên,", f"Lưu Văn phòng {sender}."),
            marks=Marks(classification=Classification(level).name if level else None,  # type: ignore[arg-type]
                        urgency=Urgency(urgency).name if urgency else None),  # type: ignore[arg-type]
        ), "pdf")

    def entry_step(self, user: DemoStaff, entry: IncomingEntry, name: str, note: str = "",
                   **data: Any) -> IncomingEntry:
        entry.refresh_from_db()
        return check_entry_step(user.account, entry.pk, name, entry.version, note=note, data=data)

    # --- outgoing --------------------------------------------------------------------------------------------
    def author(self, level: int) -> DemoStaff:
        """A specialist of Vụ Tổng hợp who is none of the named accounts."""
        found = self.office.workers("tong-hop", level, free=True)
        return self.rng.choice(found) if found else self.specialists[-1]

    def draft(self, author: DemoStaff, issuer: str, code: str, level: int, signer: DemoStaff,
              answers: IncomingEntry | None = None, internal: list[str] | None = None) -> Document:
        row = self.rows[(issuer, code)]
        topic = self.texts.topic_for(issuer) if issuer == "TW" else self.texts.by_key[
            self.rng.choice(["bao-cao-dinh-ky", "hoi-nghi", "chuyen-doi-so"])]
        co_quan = "Ban Bí thư" if signer.post != "chief" else "Bộ Chính trị"
        values = self.texts.values(topic, self.today, co_quan=co_quan, unit="Vụ Tổng hợp",
                                   ngay_hop=long_date(self.today - timedelta(days=2)),
                                   han_ngay=short_date(self.today + timedelta(days=20)))
        summary, body = self.texts.pick(row["summaries"], values), self.texts.body(row["compose"], topic, values)
        addressees = "\n".join(self.texts.fill(a, values) for a in row.get("addressees", []))
        if answers is not None:
            cfg, incoming = self.texts.data["answers"]["CV"], answers.document
            values.update(loai=incoming.doc_type.name, so=incoming.symbol, sender=incoming.issuer_name,
                          ngay_vb=short_date(incoming.issued_on or self.today), trich_yeu=incoming.summary)
            summary, body = self.texts.fill(cfg["summary"], values), self.texts.answer_body("CV", values)
            addressees = incoming.issuer_name
        chief = signer.post == "chief"
        position = "Chánh Văn phòng" if chief else "Phó Chánh Văn phòng"
        authority, on_behalf = ("TL", co_quan) if issuer == "TW" else ("", "") if chief else ("KT", "Chánh Văn phòng")
        d = Draft(doc_type=self._type(code), issuer=self.issuers[issuer], summary=summary, body=body,
                  recipients_text=self.texts.lines(row["recipients"], values), addressees=addressees,
                  internal_recipients=[self.office.unit(c) for c in internal or []], classification=level,
                  urgency=U.THUONG, signer=signer.account, signer_position=position, authority=authority,
                  on_behalf_of=on_behalf, superior_name=SUPERIORS.get(issuer, ""))
        if answers is not None:
            return check_answer(author.account, answers.pk, d)
        return check_create_draft(author.account, d)

    def _type(self, code: str) -> DocumentType:
        found = DocumentType.objects.filter(system="party", code=code).valid_on(self.today).first()
        assert found is not None, code
        return found

    def step(self, user: DemoStaff, doc: Document, name: str, note: str = "", **data: Any) -> Document:
        doc.refresh_from_db()
        return check_step(user.account, doc.pk, name, doc.version, note=note, data=data)

    def through(self, author: DemoStaff, issuer: str, code: str, level: int, signer: DemoStaff, until: str,
                internal: list[str] | None = None) -> Document:
        """A draft taken through the flow by the people whose steps they are, up to and including `until`."""
        doc = self.draft(author, issuer, code, level, signer, internal=internal)
        steps: list[tuple[DemoStaff, str, dict[str, Any]]] = [
            (author, "submit_review", {}), (self.head, "pass_review", {}), (self.clerk, "pass_format", {}),
            (signer, "sign", {"passphrase": settings.VANPHONG_DEMO_PASSWORD}), (self.clerk, "release", {"copies": 30}),
        ]
        for user, name, data in steps:
            doc = self.step(user, doc, name, **data)
            if name == until:
                break
        return doc


def build_desks(office: DemoOffice, texts: Texts, issuers: dict[str, Issuer]) -> dict[str, int]:
    return Desks(office, texts, issuers).build()
