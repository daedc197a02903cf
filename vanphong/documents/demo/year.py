"""A year of the office's registers, written in bulk: the incoming and outgoing documents of the past twelve
months, their entries, links, deliveries and history, the number sequences they end at, and the signed files
of the most recent Party documents.

The sequences' `last` is the last number of each register, so the next number a real step takes (numbering.take)
continues it. Files are rendered and signed as issuing.sign_and_number and issuing.release make them: the DOCX
and the person's signed PDF at signing, the sealed PDF at release, stored through the file store; renders are
cached per process, so a second demo in the same process (the tests) only signs again.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from vanphong.core.models import User
from vanphong.documents import numbering, rendering, signing
from vanphong.documents.demo.incoming import Arrival, plan_incoming
from vanphong.documents.demo.keys import DemoKeys
from vanphong.documents.demo.office import DemoOffice
from vanphong.documents.demo.outgoing import Issue, Outgoing
from vanphong.documents.demo.texts import Texts
from vanphong.documents.models import Attachment, Document, DocumentLink, IncomingEntry, Issuer, NumberSequence
from vanphong.documents.render import Layout, render_docx, render_pdf
from vanphong.files.services import check_store_file
from vanphong.search.changes import record_changed
from vanphong.security.classification import Classification, Urgency

# The recent Party documents that get their files (a render and two signatures cost about 0.15 s each).
SIGNED = {"NQ": 6, "KL": 15, "CT": 3}


@lru_cache(maxsize=64)
def render_cached(layout: Layout, kind: str) -> bytes:
    """A rendering of `layout`: the same document drawn twice in one process (the tests) is drawn once."""
    return render_pdf(layout) if kind == "pdf" else render_docx(layout)


def build_year(office: DemoOffice, texts: Texts, keys: DemoKeys, issuers: dict[str, Issuer]) -> dict[str, Any]:
    arrivals = plan_incoming(office, texts)
    outgoing = Outgoing(office, texts, issuers)
    issues = outgoing.plan(arrivals)
    out_sequences = outgoing.number()
    in_sequences = _number_incoming(arrivals)
    rows = office.rows
    docs = rows.write(Document)
    entries = rows.write(IncomingEntry)
    rows.write(DocumentLink)
    links = rows.write_links()
    steps = office.history.write()
    NumberSequence.objects.bulk_create([NumberSequence(key=key, label=label[:200], last=last)
                                        for key, (label, last) in {**in_sequences, **out_sequences}.items()])
    for doc in docs:
        record_changed(doc)  # bulk rows send no signals: the index learns of each document from the change log
    signed = _sign_files(office, keys, issues)
    return _counts(docs, entries, signed, steps, links)


def _number_incoming(arrivals: list[Arrival]) -> dict[str, tuple[str, int]]:
    """Incoming numbers through each year in order of arrival (the secret register apart, if it is kept)."""
    last: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for a in sorted(arrivals, key=lambda a: a.entry.received_at):
        sequence = numbering.incoming_sequence(a.entry.year, a.doc.classification)
        last[sequence.key] += 1
        labels[sequence.key] = sequence.label
        a.entry.number, a.entry.sequence_key = last[sequence.key], sequence.key
    return {key: (labels[key], n) for key, n in last.items()}


def _chosen(issues: list[Issue]) -> list[Issue]:
    released = sorted((i for i in issues if i.doc.status == Document.Status.RELEASED and i.doc.issuer
                       and i.doc.issuer.code == "TW"), key=lambda i: i.signed or i.doc.created_at, reverse=True)
    out: list[Issue] = []
    for code, n in SIGNED.items():
        out += [i for i in released if i.doc.doc_type.code == code][:n]
    return out


def _sign_files(office: DemoOffice, keys: DemoKeys, issues: list[Issue]) -> int:
    attachments: list[Attachment] = []
    for i in _chosen(issues):
        doc = i.doc
        assert i.signed is not None and i.released is not None
        copies, doc.copies = doc.copies, None  # signed before release gives the number of copies
        layout = rendering.layout_of(doc)
        doc.copies = copies
        person = keys.people[doc.signer_id] if doc.signer_id else keys.leader(doc.signer_name)
        where = doc.place or "Hà Nội"
        signed_pdf = signing.sign_pdf(render_cached(layout, "pdf"), person, "person",
                                      reason=f"Ký ban hành {doc.symbol}", location=where, signed_at=i.signed)
        sealed = signing.sign_pdf(signed_pdf, keys.seals[doc.issuer.code if doc.issuer else ""], "organisation",
                                  reason=f"Phát hành {doc.symbol}", location=where, signed_at=i.released)
        for kind, content, ext, who, at in (
            (Attachment.Kind.RENDERED_DOCX, render_cached(layout, "docx"), "docx", i.sign_actor.account, i.signed),
            (Attachment.Kind.SIGNED_PDF, signed_pdf, "pdf", i.sign_actor.account, i.signed),
            (Attachment.Kind.SIGNED_PDF, sealed, "pdf", i.clerk.account, i.released),
        ):
            attachments.append(_attach(office, doc, kind, content, rendering.file_name(doc, ext), who, at))
    office.rows.write(Attachment)
    return len(attachments) // 3


def _attach(office: DemoOffice, doc: Document, kind: str, content: bytes, name: str, who: User,
            at: Any) -> Attachment:
    stored = check_store_file(who, content, name)
    a = Attachment(document=doc, file=stored, kind=kind, name=name, added_by=who, draft_version=doc.draft_version)
    office.rows.add(a, added_at=at)
    return a


def _counts(docs: list[Document], entries: list[IncomingEntry], signed: int, steps: int,
            links: int) -> dict[str, Any]:
    """What the year holds, for the audit event and the report (names, not numbers, for levels and urgencies)."""
    def by(direction: str, key: Any) -> dict[str, int]:
        return dict(sorted(Counter(key(d) for d in docs if d.direction == direction).items()))

    out, inc = Document.Direction.OUTGOING, Document.Direction.INCOMING
    return {
        "incoming": sum(1 for d in docs if d.direction == inc),
        "outgoing": sum(1 for d in docs if d.direction == out),
        "outgoing_by_type": by(out, lambda d: f"{d.doc_type.code}/{d.issuer.code if d.issuer else ''}"),
        "outgoing_by_status": by(out, lambda d: d.status),
        "incoming_by_sender": by(inc, lambda d: d.issuer.code if d.issuer else "?"),
        "by_classification": dict(Counter(Classification(d.classification).name for d in docs)),
        "by_urgency": dict(Counter(Urgency(d.urgency).name for d in docs)),
        "entries_by_status": dict(Counter(e.status for e in entries if e.channel != IncomingEntry.Channel.INTERNAL)),
        "deliveries": sum(1 for e in entries if e.channel == IncomingEntry.Channel.INTERNAL),
        "signed_files": signed,
        "steps": steps,
        "access_rows": links,
    }
