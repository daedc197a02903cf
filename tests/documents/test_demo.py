"""The demo office's documents: a year of registers at every level the installation may hold and every urgency,
numbered without gaps exactly as numbering would, a history each flow could have written, signed files that
verify, work on every named account's desk, and sequences that real steps continue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from vanphong.core.demo import build_demo
from vanphong.core.models import User
from vanphong.documents import numbering, queries, rendering, signing
from vanphong.documents.flows import INCOMING, OUTGOING
from vanphong.documents.models import (
    Attachment,
    Document,
    DocumentLink,
    IncomingEntry,
    NumberSequence,
    SigningKey,
)
from vanphong.documents.reference import rules_from_db
from vanphong.documents.services import Received, check_register_incoming, check_step
from vanphong.documents.symbols import format_symbol, parse_symbol
from vanphong.files.storage import ALIAS
from vanphong.search.models import SearchChange
from vanphong.security.audit import AuditEvent, verify_chain
from vanphong.security.classification import Classification as C
from vanphong.security.classification import Urgency
from vanphong.workflow.models import Step

D, E = Document.Status, IncomingEntry.Status
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
      b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" \
      b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000111 00000 n \n" \
      b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n180\n%%EOF\n"

DESKS = {
    "demo-vanthu": {"Trình văn bản đến", "Kiểm tra thể thức", "Phát hành văn bản"},
    "demo-lanhdao": {"Cho ý kiến chỉ đạo", "Ký văn bản"},
    "demo-chanhvanphong": {"Cho ý kiến chỉ đạo", "Ký văn bản"},
    "demo-lanhdao-tonghop": {"Rà soát dự thảo"},
    "demo-thuong": {"Xử lý văn bản đến", "Xác nhận đã nhận", "Sửa dự thảo được trả lại"},
    "demo-mat": {"Xử lý văn bản đến", "Xác nhận đã nhận", "Sửa dự thảo được trả lại"},
    "demo-toimat": {"Xử lý văn bản đến", "Xác nhận đã nhận", "Sửa dự thảo được trả lại"},
}


@dataclass(frozen=True)
class Built:
    parts: dict[str, Any]
    folder: Path

    def storages(self) -> dict[str, Any]:
        return {**django_settings.STORAGES, ALIAS: {"BACKEND": "vanphong.files.storage.ContentAddressedStorage",
                                                    "OPTIONS": {"location": str(self.folder / "files")}}}


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built once for the class in a transaction rolled back at its end (a build takes seconds)."""
    folder = tmp_path_factory.mktemp("demo-documents")
    made = Built({}, folder)
    overrides = override_settings(
        VANPHONG_MAX_CLASSIFICATION="TUYET_MAT", VANPHONG_DEMO_MODE=True, VANPHONG_PKI_DIR=folder / "pki",
        VANPHONG_SEARCH_DIR=folder / "search", STORAGES=made.storages(),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), overrides, transaction.atomic():
        made.parts.update(build_demo().parts["documents"])
        yield made
        transaction.set_rollback(True)


@pytest.fixture
def demo(built, db, settings) -> Built:
    # The autouse fixtures give each test its own file store and key folder: point back at the demo's.
    settings.STORAGES = built.storages()
    settings.VANPHONG_PKI_DIR = built.folder / "pki"
    settings.VANPHONG_DEMO_MODE = True
    return built


def issued() -> list[Document]:
    return list(Document.objects.filter(direction=Document.Direction.OUTGOING, number__isnull=False)
                .select_related("doc_type", "issuer"))


class TestTheDemoYear:
    """On one demo, built once for the class (the ceiling test below builds its own)."""

    def test_documents_exist_at_every_level_and_urgency_most_of_them_ordinary(self, demo):
        for direction in Document.Direction.values:
            docs = Document.objects.filter(direction=direction)
            assert set(docs.values_list("classification", flat=True)) == set(C), direction
            assert set(docs.values_list("urgency", flat=True)) == set(Urgency), direction
            assert docs.filter(classification=C.THUONG).count() > docs.count() * 0.6
            assert docs.filter(urgency=Urgency.THUONG).count() > docs.count() * 0.6


    def test_a_year_of_incoming_and_outgoing_documents(self, demo):
        today = timezone.localdate()
        incoming = IncomingEntry.objects.exclude(channel=IncomingEntry.Channel.INTERNAL)
        assert 290 <= incoming.count() <= 320
        assert incoming.filter(received_at__date__lt=today - timedelta(days=300)).exists()
        assert not incoming.filter(received_at__date__lt=today - timedelta(days=366)).exists()
        assert {IncomingEntry.Channel.PAPER, IncomingEntry.Channel.ELECTRONIC} <= set(incoming.values_list("channel",
                                                                                                         flat=True))
        out = issued()
        assert 140 <= len(out) <= 190
        assert all(today - timedelta(days=366) < d.issued_on <= today for d in out)
        kinds = {f"{d.doc_type.code}/{d.issuer.code}" for d in out}
        assert {"KL/TW", "NQ/TW", "CT/TW", "TB/TW", "CV/VPTW", "HD/VPTW", "BC/VPTW"} <= kinds
        released = [d for d in out if d.status == D.RELEASED]
        assert len(released) > len(out) * 0.9 and all(d.released_at and d.recipients_text for d in released)
        senders = set(Document.objects.filter(direction=Document.Direction.INCOMING).values_list("symbol", flat=True))
        assert any(s.endswith("-CV/TU") for s in senders) and any(s.endswith("-BC/TU") for s in senders)
        assert any("/QĐ-TTg" in s for s in senders) and any(s.endswith("/BNV-VP") for s in senders)


    def test_incoming_numbers_run_through_each_year_without_gaps(self, demo):
        by_key: dict[str, list[IncomingEntry]] = defaultdict(list)
        # Arrivals of the same instant are taken in number order.
        arrivals = IncomingEntry.objects.filter(number__isnull=False).select_related("document")
        for e in arrivals.order_by("received_at", "number"):
            assert e.sequence_key == numbering.incoming_sequence(e.year, e.document.classification).key
            assert e.year == timezone.localtime(e.received_at).year
            by_key[e.sequence_key].append(e)
        assert {k.split(":")[1] for k in by_key} >= {str(timezone.localdate().year)}
        for key, entries in by_key.items():
            assert [e.number for e in entries] == list(range(1, len(entries) + 1)), key  # in order of arrival
            assert NumberSequence.objects.get(key=key).last == len(entries)
        assert not IncomingEntry.objects.filter(channel=IncomingEntry.Channel.INTERNAL, number__isnull=False).exists()


    def test_outgoing_numbers_run_per_sequence_exactly_as_numbering_would(self, demo):
        by_key: dict[str, list[Document]] = defaultdict(list)
        for doc in sorted(issued(), key=lambda d: (d.issued_on, d.number)):
            if doc.sequence_key.startswith("bulletin:"):
                continue  # bulletins number yearly per kind, in the information centre's own sequences
            assert doc.sequence_key == numbering.outgoing_sequence(doc, doc.issued_on).key
            symbol = rendering.symbol_of(doc, doc.number)
            assert symbol is not None and doc.symbol == format_symbol(symbol)
            by_key[doc.sequence_key].append(doc)
        for key, docs in by_key.items():
            assert [d.number for d in docs] == list(range(1, len(docs) + 1)), key
            assert NumberSequence.objects.get(key=key).last == len(docs)
        xiv = date(2026, 1, 24)
        before = [d for d in issued() if d.issued_on < xiv]
        after = [d for d in issued() if d.issued_on >= xiv]
        if before and after:  # the window holds the end of khóa XIII: its documents are in its own sequences
            assert not {d.sequence_key for d in before} & {d.sequence_key for d in after}
        # The office's documents' sequences only (letters of the petitions app number in their own).
        documents_sequences = NumberSequence.objects.filter(Q(key__startswith="out:") | Q(key__startswith="in:"))
        assert documents_sequences.count() == len(by_key) + len(
            {e for e in IncomingEntry.objects.exclude(sequence_key="").values_list("sequence_key", flat=True)})


    def test_every_symbol_reads_back_as_written(self, demo):
        rules = rules_from_db()
        docs = Document.objects.exclude(symbol="")
        assert docs.count() > 400
        for doc in docs:
            assert format_symbol(parse_symbol(doc.symbol, rules, on=doc.issued_on)) == doc.symbol, doc.symbol


    def test_recent_conclusions_and_resolutions_carry_a_signed_and_sealed_pdf(self, demo):
        roots = signing.trust_roots_from_settings()
        assert roots, "the demo's local CA is trusted"
        signed = [d for d in issued() if d.doc_type.code in ("KL", "NQ") and d.issuer.code == "TW"
                  and d.attachments.filter(kind=Attachment.Kind.SIGNED_PDF).exists()]
        assert len(signed) >= 20
        for doc in signed:
            pdf = doc.attachments.filter(kind=Attachment.Kind.SIGNED_PDF).latest("added_at", "id")
            with pdf.file.open() as fh:
                reports = signing.verify_pdf(fh.read(), roots)
            assert [r.role for r in reports] == ["person", "organisation"], doc.symbol
            assert all(r.intact and r.trusted for r in reports), [r.summary for r in reports]
            assert reports[0].signer_name == doc.signer_name
            assert doc.attachments.filter(kind=Attachment.Kind.RENDERED_DOCX).exists()


    def test_every_signer_has_a_certificate_and_every_issuer_a_seal(self, demo):
        for user in User.objects.filter(groups__permissions__codename="sign_document"):
            key = SigningKey.objects.get(owner=user)
            assert key.kind == SigningKey.Kind.PERSON and key.valid_to > timezone.now()
        seals = SigningKey.objects.filter(kind=SigningKey.Kind.ORGANISATION)
        assert set(seals.values_list("issuer__code", flat=True)) >= set(django_settings.VANPHONG_OWN_ISSUERS)


    def test_each_named_account_has_work_on_the_desk(self, demo):
        for username, labels in DESKS.items():
            waiting = queries.awaiting(User.objects.get(username=username))
            assert labels <= {a.label for a in waiting}, username
        for username in ("demo-thuong", "demo-mat", "demo-toimat"):
            waiting = queries.awaiting(User.objects.get(username=username))
            assert any(a.overdue for a in waiting), username


    def test_incoming_is_mostly_done_some_answered_some_open_and_overdue(self, demo):
        today = timezone.localdate()
        entries = IncomingEntry.objects.exclude(channel=IncomingEntry.Channel.INTERNAL)
        assert entries.filter(status=E.DONE).count() > entries.count() / 2
        overdue = [e for e in entries.filter(status__in=IncomingEntry.OPEN) if e.is_overdue(today)]
        assert len(overdue) >= 8
        answered = entries.filter(status=E.ANSWERED).select_related("answered_by")
        assert answered.count() >= 30
        for e in answered:
            assert e.answered_by is not None and e.answered_by.status in (D.RELEASED, D.RECALLED)
            assert DocumentLink.objects.filter(source=e.answered_by, target=e.document_id, kind="tra_loi").exists()
        deliveries = IncomingEntry.objects.filter(channel=IncomingEntry.Channel.INTERNAL)
        assert deliveries.filter(status=E.REGISTERED, confirmed_by__isnull=False).count() > deliveries.count() * 0.8


    def test_every_history_is_a_path_through_its_flow(self, demo):
        steps: dict[tuple[str, int], list[Step]] = defaultdict(list)
        for step in Step.objects.filter(machine__in=(OUTGOING.name, INCOMING.name)).order_by("at", "id"):
            steps[(step.machine, step.record_id)].append(step)
        machines = {OUTGOING.name: (OUTGOING, Document), INCOMING.name: (INCOMING, IncomingEntry)}
        records = {(m, r.pk): r for m, (_, model) in machines.items() for r in model.objects.all()}
        for key, path in steps.items():
            machine, _ = machines[key[0]]
            record = records[key]
            first = path[0].transition == "create"
            assert first or path[0].transition in ("confirm", "register"), key  # deliveries start unstepped
            state = path[0].target if first else path[0].source
            for step in path[1:] if first else path:
                t = machine.transitions[step.transition]
                assert step.source == state and state in t.sources and step.target == t.target, (key, step.transition)
                state = step.target
            assert state == machine.state_of(record), key
            assert [s.at for s in path] == sorted(s.at for s in path)
        outgoing = Document.objects.filter(direction=Document.Direction.OUTGOING)
        assert all((OUTGOING.name, d.pk) in steps for d in outgoing)


    def test_the_bulk_part_is_one_audit_event_and_the_chain_verifies(self, demo):
        event = AuditEvent.objects.get(event_type="demo.documents_created")
        assert event.new["incoming"] == demo.parts["incoming"] and event.new["signed_files"] >= 20
        registered = AuditEvent.objects.filter(event_type="documents.received").count()
        assert registered == Document.objects.filter(direction=Document.Direction.INCOMING, attachments__isnull=False) \
            .distinct().count() >= 10, "only the work in progress was registered through the service"
        assert list(verify_chain()) == []


    def test_the_search_index_learns_of_every_document(self, demo):
        logged = set(SearchChange.objects.filter(record_type="document").values_list("record_id", flat=True))
        assert set(Document.objects.values_list("pk", flat=True)) <= logged


    def test_registering_after_the_demo_continues_the_years_sequence(self, demo):
        clerk = User.objects.get(username="demo-vanthu")
        key = numbering.incoming_sequence(timezone.localdate().year, C.THUONG).key
        before = NumberSequence.objects.get(key=key).last
        entry = check_register_incoming(clerk, Received(
            channel=IncomingEntry.Channel.ELECTRONIC, summary="về việc đề nghị cung cấp tài liệu hội nghị",
            issuer_name="", symbol_text="Số 9999-CV/TU", issued_on=timezone.localdate(), files=[("cv.pdf", PDF)]))
        assert entry.sequence_key == key and entry.number == before + 1
        assert NumberSequence.objects.get(key=key).last == before + 1


    def test_signing_after_the_demo_continues_the_term_sequence(self, demo):
        doc = Document.objects.filter(status=D.SIGNING, signer__username="demo-lanhdao").select_related(
            "doc_type", "issuer").first()
        assert doc is not None
        key = numbering.outgoing_sequence(doc, timezone.localdate()).key
        before = NumberSequence.objects.get(key=key).last
        signed = check_step(doc.signer, doc.pk, "sign", doc.version,
                            data={"passphrase": django_settings.VANPHONG_DEMO_PASSWORD})
        assert signed.number == before + 1 and signed.sequence_key == key


def test_it_creates_no_document_above_a_lower_ceiling(db, settings):
    settings.VANPHONG_MAX_CLASSIFICATION = "MAT"
    parts = build_demo().parts["documents"]
    assert set(Document.objects.values_list("classification", flat=True)) == {C.THUONG, C.MAT}
    assert parts["incoming"] >= 290 and parts["signed_files"] >= 20
    # Outside demo mode without a seal passphrase, releasing could not open the seal: nothing was released today.
    assert "văn bản đến đơn vị chờ xác nhận" not in parts["desks"]
    for username in ("demo-toimat", "demo-chanhvanphong"):
        assert queries.awaiting(User.objects.get(username=username))
