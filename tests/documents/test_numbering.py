"""Numbers under attack (invariant 4): twenty issuers at once, transactions that fail after taking a number, and
sequences kept apart per issuer, type, term, year and secrecy.

The concurrent tests run real transactions, each thread on its own connection, started together at a barrier,
and each holds its number uncommitted for a while (a moment on purpose, or the real step's own work): an issuer
that read the sequence without waiting for the lock would then take the number another holds. What keeps them
apart is the write lock SQLite takes at BEGIN IMMEDIATE and, on PostgreSQL, the lock on the sequence's row.
Every such test says what it saw (how many issuers waited, how many transactions were open at once, any error
such as "database is locked").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from tests.documents.conftest import PASSPHRASE, issuer, make_draft, party_type
from tests.documents.test_flows import PDF, register, step
from vanphong.core.errors import ServiceError
from vanphong.core.models import User
from vanphong.documents import numbering, signing
from vanphong.documents.models import Document, DocumentType, IncomingEntry, Issuer, NumberSequence
from vanphong.documents.services import Received, check_register_incoming, check_step
from vanphong.security.classification import Classification

D = Document.Status
ISSUERS = 20
# Long enough for every other issuer to reach the sequence while one holds its number uncommitted.
HOLD_S = 0.02


class Planned(Exception):
    """A failure the test causes on purpose after a number was taken."""

    def __init__(self, number: int) -> None:
        super().__init__(f"failed on purpose after taking {number}")
        self.number = number


@dataclass
class Outcome:
    """What the concurrent issuers did: the numbers they kept, those given back, errors, and their timings."""

    numbers: list[int] = field(default_factory=list)
    given_back: list[int] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    # (asked, committed or failed) per issuer, in perf_counter seconds.
    spans: list[tuple[float, float]] = field(default_factory=list)

    @property
    def open_at_once(self) -> int:
        """The most transactions in flight at one moment: 1 would mean the issuers never overlapped."""
        events = sorted([(start, 1) for start, _ in self.spans] + [(end, -1) for _, end in self.spans])
        most = now = 0
        for _, delta in events:
            now += delta
            most = max(most, now)
        return most

    @property
    def waited(self) -> int:
        """Issuers that took more than twice as long as the quickest: they waited for another's lock."""
        quickest = min((end - start for start, end in self.spans), default=0.0)
        return sum(1 for start, end in self.spans if end - start > 2 * quickest)

    def report(self) -> str:
        errors = "; ".join(sorted({f"{type(e).__name__}: {e}" for e in self.errors})) or "none"
        return (f"{connection.vendor}: {len(self.numbers)} kept, {len(self.given_back)} given back, "
                f"{self.open_at_once} transactions open at once, {self.waited} waited for the lock, "
                f"{max((e - s for s, e in self.spans), default=0):.2f} s longest; errors: {errors}")


def concurrently(work: Callable[[int], int], issuers: int = ISSUERS) -> Outcome:
    """Run work(0) … work(issuers - 1) in as many threads, released together; each returns the number it kept
    (or raises Planned with the one it gave back). Each thread uses, and at the end closes, its own connection."""
    out = Outcome()
    barrier = threading.Barrier(issuers)
    guard = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            start = time.perf_counter()
            try:
                number = work(i)
            except Planned as planned:
                with guard:
                    out.given_back.append(planned.number)
                    out.spans.append((start, time.perf_counter()))
                return
            with guard:
                out.numbers.append(number)
                out.spans.append((start, time.perf_counter()))
        except Exception as exc:  # every error is reported: none may pass unseen
            with guard:
                out.errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,), name=f"issuer-{i}") for i in range(issuers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "an issuer never finished (a deadlock?)"
    print(out.report())  # shown with -rP, and on failure
    return out


def drafts(office, n: int, **kwargs) -> list[Document]:
    return [make_draft(office.thuong, signer=office.leader, summary=f"về việc thử số {i + 1}", **kwargs)
            for i in range(n)]


def issue_directly(doc_id: int, fail: bool = False) -> int:
    """What issuing.sign_and_number does with the number, without the rendering and signing: take it in the
    transaction that writes the issued document, hold it, commit (or fail and roll back)."""
    with transaction.atomic():
        doc = Document.objects.select_related("doc_type", "issuer").get(pk=doc_id)
        today = timezone.localdate()
        sequence = numbering.outgoing_sequence(doc, today)
        number = numbering.take(sequence)
        time.sleep(HOLD_S)
        doc.number, doc.sequence_key, doc.issued_on, doc.status = number, sequence.key, today, D.ISSUED
        doc.save()
        if fail:
            raise Planned(number)
    return number


def assert_gap_free(out: Outcome, kept: int, prefix: str = "out:") -> None:
    assert not out.errors, out.report()
    assert sorted(out.numbers) == list(range(1, kept + 1)), out.report()
    sequence = NumberSequence.objects.get(key__startswith=prefix)
    assert sequence.last == kept, out.report()
    assert out.open_at_once > 1, f"the issuers never overlapped, so nothing was tested: {out.report()}"


# --- many issuers at once -----------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_twenty_issuers_at_once_take_exactly_1_to_20(office):
    docs = drafts(office, ISSUERS)
    out = concurrently(lambda i: issue_directly(docs[i].pk))
    assert_gap_free(out, ISSUERS)
    issued = Document.objects.filter(pk__in=[d.pk for d in docs])
    assert sorted(issued.values_list("number", flat=True)) == list(range(1, ISSUERS + 1))
    assert len({d.sequence_key for d in issued}) == 1


@pytest.mark.django_db(transaction=True)
def test_issuers_that_fail_after_taking_a_number_give_it_back_to_the_others(office):
    docs = drafts(office, ISSUERS)
    failing = set(range(0, ISSUERS, 4))
    out = concurrently(lambda i: issue_directly(docs[i].pk, fail=i in failing))
    kept = ISSUERS - len(failing)
    assert len(out.given_back) == len(failing), out.report()
    assert_gap_free(out, kept)
    # Each number given back was taken again by an issuer that committed, but for the next one when the last
    # issuers in line failed: none beyond it was ever handed out.
    assert set(out.given_back) - set(out.numbers) <= {kept + 1}, out.report()
    failed = Document.objects.filter(pk__in=[docs[i].pk for i in failing])
    assert set(failed.values_list("status", "number")) == {(D.DRAFT, None)}


@pytest.mark.django_db(transaction=True)
def test_twenty_signatures_at_once_number_1_to_20_through_the_sign_step(office, signing_keys):
    docs = drafts(office, ISSUERS)
    # Prepared as the format check leaves them: at the signer's.
    Document.objects.filter(pk__in=[d.pk for d in docs]).update(status=D.SIGNING)
    versions = dict(Document.objects.filter(pk__in=[d.pk for d in docs]).values_list("pk", "version"))
    leader_pk = office.leader.pk

    def sign(i: int) -> int:
        signer = User.objects.get(pk=leader_pk)
        done = check_step(signer, docs[i].pk, "sign", versions[docs[i].pk], data={"passphrase": PASSPHRASE})
        assert done.number is not None
        return done.number

    out = concurrently(sign)
    assert_gap_free(out, ISSUERS)
    symbols = sorted(Document.objects.filter(pk__in=versions).values_list("symbol", flat=True))
    assert symbols == [f"{n:02d}-KL/TW" for n in range(1, ISSUERS + 1)]


@pytest.mark.django_db(transaction=True)
def test_twenty_clerks_registering_at_once_number_the_incoming_register_1_to_20(office):
    clerk_pk, unit = office.clerk.pk, office.unit

    def receive(i: int) -> int:
        clerk = User.objects.select_related("person").get(pk=clerk_pk)
        entry = check_register_incoming(clerk, Received(
            channel=IncomingEntry.Channel.ELECTRONIC, summary=f"về việc báo cáo số {i + 1}", issuer_name="",
            symbol_text=f"Số {i + 1}-CV/TU", issued_on=timezone.localdate(), files=[("cong-van.pdf", PDF)],
            receiving_unit=unit))
        assert entry.number is not None
        return entry.number

    out = concurrently(receive)
    assert_gap_free(out, ISSUERS, prefix="in:")
    registered = IncomingEntry.objects.filter(sequence_key__startswith="in:").values_list("number", flat=True)
    assert sorted(registered) == list(range(1, ISSUERS + 1))


# --- failures ----------------------------------------------------------------------------------------------
def test_a_transaction_that_fails_after_taking_a_number_leaves_no_gap(office):
    doc = make_draft(office.thuong)
    sequence = numbering.outgoing_sequence(doc, timezone.localdate())
    with transaction.atomic():
        assert numbering.take(sequence) == 1
    with pytest.raises(Planned), transaction.atomic():
        raise Planned(numbering.take(sequence))
    with transaction.atomic():
        assert numbering.take(sequence) == 2, "the failed transaction's number is the next one taken"
    assert NumberSequence.objects.get(key=sequence.key).last == 2


def test_the_first_number_of_a_sequence_goes_back_with_its_row(office):
    doc = make_draft(office.thuong)
    sequence = numbering.outgoing_sequence(doc, timezone.localdate())
    with pytest.raises(Planned), transaction.atomic():
        raise Planned(numbering.take(sequence))
    assert not NumberSequence.objects.filter(key=sequence.key).exists()
    with transaction.atomic():
        assert numbering.take(sequence) == 1


def test_a_signature_refused_after_the_number_was_taken_gives_it_back(office, signing_keys, monkeypatch):
    first, second = drafts(office, 2)
    for doc in (first, second):
        for user, name in ((office.thuong, "submit_review"), (office.leader, "pass_review"),
                           (office.clerk, "pass_format")):
            step(user, doc, name)
    assert step(office.leader, first, "sign", passphrase=PASSPHRASE).number == 1

    sign_pdf = signing.sign_pdf
    with monkeypatch.context() as m:
        def refuse(*args, **kwargs):
            raise ServiceError("Chứng thư đã hết hiệu lực.")

        m.setattr(signing, "sign_pdf", refuse)  # after the number is taken and the PDF rendered with it
        with pytest.raises(ServiceError, match="hết hiệu lực"):
            step(office.leader, second, "sign", passphrase=PASSPHRASE)
    assert signing.sign_pdf is sign_pdf
    second.refresh_from_db()
    assert (second.status, second.number, second.symbol) == (D.SIGNING, None, "")
    assert NumberSequence.objects.get(key__startswith="out:").last == 1
    signed = step(office.leader, second, "sign", passphrase=PASSPHRASE)
    assert (signed.number, signed.symbol) == (2, "02-KL/TW")


@pytest.mark.django_db(transaction=True)  # outside the transaction every other test runs in
def test_a_number_is_taken_only_inside_the_transaction_that_uses_it(office):
    doc = make_draft(office.thuong)
    with pytest.raises(RuntimeError, match="transaction"):
        numbering.take(numbering.outgoing_sequence(doc, timezone.localdate()))


# --- when a number is taken ----------------------------------------------------------------------------------
def test_drafts_reviews_and_format_checks_take_no_number(office, signing_keys):
    doc = make_draft(office.thuong, signer=office.leader)
    step(office.thuong, doc, "submit_review")
    step(office.leader, doc, "return_draft", note="Sửa lại mục II.")
    step(office.thuong, doc, "submit_review")
    step(office.leader, doc, "pass_review")
    step(office.clerk, doc, "return_format", note="Sai thể thức nơi nhận.")
    step(office.thuong, doc, "submit_review")
    step(office.leader, doc, "pass_review")
    step(office.clerk, doc, "pass_format")
    doc.refresh_from_db()
    assert (doc.status, doc.number, doc.symbol, doc.sequence_key) == (D.SIGNING, None, "", "")
    assert not NumberSequence.objects.filter(key__startswith="out:").exists()
    signed = step(office.leader, doc, "sign", passphrase=PASSPHRASE)
    assert (signed.number, signed.symbol) == (1, "01-KL/TW")


def test_a_document_released_to_our_units_takes_no_incoming_number(office, signing_keys):
    doc = make_draft(office.thuong, code="CV", issuer_code="VPTW", signer=office.leader, internal=[office.other_unit])
    for user, name in ((office.thuong, "submit_review"), (office.leader, "pass_review"), (office.clerk, "pass_format")):
        step(user, doc, name)
    step(office.leader, doc, "sign", passphrase=PASSPHRASE)
    step(office.clerk, doc, "release")
    assert IncomingEntry.objects.get(document=doc).number is None
    assert not NumberSequence.objects.filter(key__startswith="in:").exists()


# --- sequences kept apart ------------------------------------------------------------------------------------
def unsaved(issuer_row: Issuer, doc_type: DocumentType, classification: int = Classification.THUONG) -> Document:
    return Document(direction=Document.Direction.OUTGOING, issuer=issuer_row, doc_type=doc_type,
                    classification=classification)


def take_for(doc: Document, day: date) -> int:
    with transaction.atomic():
        return numbering.take(numbering.outgoing_sequence(doc, day))


def state_type(code: str = "", name: str = "") -> DocumentType:
    types = DocumentType.objects.filter(system="state", code=code)
    return (types.filter(name=name) if name else types).order_by("-valid_from")[0]


def test_each_issuer_and_each_type_has_its_own_sequence(db):
    day = date(2026, 3, 2)
    tw_kl, tw_nq = unsaved(issuer("TW"), party_type("KL")), unsaved(issuer("TW"), party_type("NQ"))
    vptw_kl = unsaved(issuer("VPTW"), party_type("KL"))
    assert [take_for(tw_kl, day), take_for(tw_kl, day), take_for(tw_kl, day)] == [1, 2, 3]
    assert take_for(tw_nq, day) == 1
    assert take_for(vptw_kl, day) == 1
    assert take_for(tw_kl, day) == 4


def test_quyet_dinh_and_quy_dinh_share_the_qd_sequence(db):
    day = date(2026, 3, 2)
    rules = DocumentType.objects.filter(system="party", code="QĐ").valid_on(day)
    decision, regulation = rules.get(name="Quyết định"), rules.get(name="Quy định")
    assert take_for(unsaved(issuer("TW"), decision), day) == 1
    assert take_for(unsaved(issuer("TW"), regulation), day) == 2


def test_state_types_written_without_an_abbreviation_are_numbered_apart(db):
    day = date(2026, 3, 2)
    parliament = Issuer.objects.get(system="state", code="QH")
    law, resolution = state_type(name="Luật"), state_type(name="Nghị quyết")
    assert take_for(unsaved(parliament, law), day) == 1
    assert take_for(unsaved(parliament, resolution), day) == 1
    assert take_for(unsaved(parliament, law), day) == 2


def test_party_numbers_run_across_the_term_and_start_again_with_a_new_term(db):
    conclusion = unsaved(issuer("TW"), party_type("KL"))
    # Khóa XIII ends on 23/01/2026, Khóa XIV starts the next day (core/data/bodies.json).
    assert [take_for(conclusion, date(2025, 12, 30)), take_for(conclusion, date(2026, 1, 23))] == [1, 2]
    assert take_for(conclusion, date(2026, 1, 24)) == 1
    # A new calendar year within the term goes on counting.
    assert take_for(conclusion, date(2027, 1, 4)) == 2
    assert take_for(conclusion, date(2026, 1, 20)) == 3, "a late document of Khóa XIII goes on in its own term"


def test_state_numbers_start_again_on_the_first_of_january(db):
    decision = unsaved(Issuer.objects.get(system="state", code="VPCP"), state_type("QĐ", "Quyết định"))
    assert [take_for(decision, date(2025, 12, 30)), take_for(decision, date(2025, 12, 31))] == [1, 2]
    assert take_for(decision, date(2026, 1, 1)) == 1
    assert take_for(decision, date(2026, 12, 31)) == 2


def test_a_secret_state_document_has_its_own_sequence(db):
    day = date(2026, 3, 2)
    vpcp, decision = Issuer.objects.get(system="state", code="VPCP"), state_type("QĐ", "Quyết định")
    assert vpcp.secret_own_sequence
    plain, secret = unsaved(vpcp, decision), unsaved(vpcp, decision, Classification.MAT)
    assert [take_for(plain, day), take_for(plain, day)] == [1, 2]
    assert take_for(secret, day) == 1
    assert take_for(unsaved(vpcp, decision, Classification.TOI_MAT), day) == 2, "one secret sequence, every level"
    assert take_for(plain, day) == 3


def test_a_secret_party_document_shares_the_ordinary_sequence(db):
    day = date(2026, 3, 2)
    assert not issuer("TW").secret_own_sequence
    plain, secret = unsaved(issuer("TW"), party_type("KL")), unsaved(issuer("TW"), party_type("KL"), Classification.MAT)
    assert [take_for(plain, day), take_for(secret, day), take_for(plain, day)] == [1, 2, 3]


def test_a_secret_party_document_signed_through_the_flow_takes_the_next_ordinary_number(office, signing_keys):
    plain = make_draft(office.thuong, signer=office.leader)
    secret = make_draft(office.mat, signer=office.leader, classification=Classification.MAT)
    for doc, drafter in ((plain, office.thuong), (secret, office.mat)):
        step(drafter, doc, "submit_review")
        step(office.leader, doc, "pass_review")
        step(office.clerk, doc, "pass_format")
    assert step(office.leader, plain, "sign", passphrase=PASSPHRASE).symbol == "01-KL/TW"
    signed = step(office.leader, secret, "sign", passphrase=PASSPHRASE)
    assert signed.symbol == "02-KL/TW" and not signed.sequence_key.endswith(":mat")


# --- the incoming register -----------------------------------------------------------------------------------
def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9, 30))


def test_incoming_numbers_run_through_the_year_and_a_new_year_starts_at_1(office):
    today = timezone.localdate()
    last_year = date(today.year - 1, 12, 30)
    old = [register(office, symbol_text=f"Số {n}-CV/TU", issued_on=last_year, received_at=at(last_year))
           for n in (1, 2)]
    assert [(e.year, e.number) for e in old] == [(today.year - 1, 1), (today.year - 1, 2)]
    new = register(office, symbol_text="Số 3-CV/TU")
    assert (new.year, new.number) == (today.year, 1)
    assert register(office, symbol_text="Số 4-CV/TU").number == 2
    late = register(office, symbol_text="Số 5-CV/TU", issued_on=last_year,
                    received_at=at(last_year) + timedelta(hours=1))
    assert (late.year, late.number) == (today.year - 1, 3), "a letter received last year goes on in last year's book"


@pytest.mark.parametrize("own_register", [True, False])
def test_secret_incoming_documents_have_their_own_register_when_the_setting_says_so(office, settings, own_register):
    settings.VANPHONG_SECRET_INCOMING_OWN_REGISTER = own_register
    numbers = [register(office, symbol_text=f"Số {n}-CV/TU", classification=level).number
               for n, level in enumerate((Classification.THUONG, Classification.MAT, Classification.THUONG,
                                          Classification.MAT), start=1)]
    assert numbers == ([1, 1, 2, 2] if own_register else [1, 2, 3, 4])
