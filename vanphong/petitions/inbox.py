"""Letters that come in by themselves: e-mails (imported one by one or read from the office's mailbox) and
letters sent through the public form. Each waits, sealed, as a Submission until a handler registers it as a letter
(with the usual checks, protection and repeats) or sets it aside with a reason.

Nothing a sender wrote is kept in the clear before a person has looked at it: nobody yet knows whether it is a
denunciation. Registering wipes the submission's sealed copy; the letter then holds everything.
"""

from __future__ import annotations

import hashlib
import logging
import mailbox
import mimetypes
import secrets
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import User
from vanphong.petitions import mail, protection, services
from vanphong.petitions.flows import HANDLE_RIGHT
from vanphong.petitions.models import Kind, Petition, Submission, SubmissionFile
from vanphong.petitions.services import Intake, Registered, SenderIn
from vanphong.security import crypto
from vanphong.security.audit import record_event
from vanphong.text import normalize

log = logging.getLogger(__name__)

PORTAL_MAX_FILES = 5
# 10 symbols of 32 (no 0/O, 1/I): 50 bits, with the lookup rate-limited, not guessable.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 10
Role = SubmissionFile.Role


class AlreadyTaken(ServiceError):
    """The same e-mail was taken in before: nothing to do (a mailbox read twice, an export imported again)."""


@dataclass
class Draft:
    """What a submission says, sealed in Submission.data: the intake form is filled from it."""

    senders: list[dict[str, str]] = field(default_factory=list)  # SenderIn fields
    anonymous: bool = False
    title: str = ""
    content: str = ""
    kind: str = ""  # what the sender said it is (the public form asks)
    sent_at: str = ""  # an e-mail's Date, ISO 8601
    notices: list[str] = field(default_factory=list)  # for the handler: what the import noticed
    refused: list[list[str]] = field(default_factory=list)  # [name, reason] of attachments not kept apart

    def sender_rows(self) -> list[SenderIn]:
        """The senders for the intake form, the province written at the end of the address, where the handler
        sees it (the form reads the province from there)."""
        rows = []
        for s in self.senders:
            row = SenderIn(**s)
            if row.province.strip():
                row = SenderIn(row.name, ", ".join(p for p in (row.address.strip(), row.province.strip()) if p),
                               row.contact)
            rows.append(row)
        return rows

    def sent(self) -> datetime | None:
        return datetime.fromisoformat(self.sent_at) if self.sent_at else None

    def kind_label(self) -> str:
        return str(Kind(self.kind).label) if self.kind in Kind.values else ""


@dataclass
class Opened:
    submission: Submission
    draft: Draft
    files: list[SubmissionFile]


def new_reference() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(REFERENCE_LENGTH))


def tidy_reference(text: str) -> str:
    """A reference as a person types it back: spaces, dashes and case do not matter."""
    return "".join(c for c in text.upper() if c.isalnum())


def draft_of(submission: Submission) -> Draft:
    value = crypto.unseal_json(submission.data, submission.context())
    return Draft(**value) if value else Draft()


def file_bytes(item: SubmissionFile) -> bytes:
    """A submission's file, checked against its fixity (SHA-256 and size when it came in)."""
    data = crypto.unseal(item.data, item.context())
    if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
        raise crypto.CryptoError(f"Tệp “{item.name}” của đơn chờ vào sổ không còn nguyên vẹn (mã băm không khớp).")
    return data


def do_receive(channel: str, draft: Draft, files: list[tuple[str, str, bytes]], *, actor: User | None,
            received_at: datetime | None = None, sha256: str = "", message_key: str = "") -> Submission:
    with transaction.atomic():
        sub = Submission(channel=channel, reference=new_reference(), received_at=received_at or timezone.now(),
                         sha256=sha256, message_key=message_key, imported_by=actor)
        sub.data = crypto.seal_json(asdict(draft), sub.context())
        sub.save()
        for n, (role, name, data) in enumerate(files, start=1):
            item = SubmissionFile(submission=sub, order=n, role=role, name=name[:255], size=len(data),
                                  sha256=hashlib.sha256(data).hexdigest(),
                                  mime_type=mimetypes.guess_type(name)[0] or "")
            item.data = crypto.seal(data, item.context())
            item.save()
        record_event("petitions.submission_received", actor=actor, obj=sub, new={
            "channel": channel, "files": len(files), "sender_named": bool(draft.senders)})
    return sub


# --- the public form -----------------------------------------------------------------------------------------
@dataclass
class Online:
    """A letter as a citizen fills in the public form."""

    content: str
    title: str = ""
    kind: str = ""
    anonymous: bool = False
    name: str = ""
    address: str = ""
    province: str = ""
    contact: str = ""
    files: list[tuple[str, Any]] = field(default_factory=list)


def check_submit_online(o: Online) -> Submission:
    """Check what was sent through the public form as intake would, then keep it sealed, waiting."""
    if o.kind and o.kind not in Kind.values:
        raise ServiceError("Hãy chọn loại đơn: khiếu nại, tố cáo, kiến nghị hoặc phản ánh.", field="kind")
    content = services.text_field(o.content, "nội dung đơn", "content", services.CONTENT_MAX)
    title = services.text_field(o.title, "tiêu đề", "title", services.TITLE_MAX, required=False)
    # Who chose to send without a name sends none, whatever else was typed before ticking the box.
    sender = SenderIn() if o.anonymous else SenderIn(o.name, o.address, o.contact, o.province)
    if not o.anonymous and not o.name.strip():
        raise ServiceError("Hãy ghi họ và tên người gửi, hoặc chọn “Gửi không ghi tên”.", field="name")
    if sender.province.strip():
        try:
            services.place_of(sender.province, "")
        except ServiceError as exc:
            raise ServiceError(exc.message, field="province") from None
    notices: list[str] = []
    people = services.check_senders(Intake(Petition.Channel.WEB, content, anonymous=o.anonymous,
                                           senders=[sender]), notices)
    if people and not (people[0][0].address or people[0][0].contact):
        raise ServiceError("Hãy ghi địa chỉ hoặc số điện thoại, thư điện tử để cơ quan có thể trả lời; nếu không "
                           "muốn ghi, hãy chọn gửi đơn không ghi tên.", field="address")
    if len(o.files) > PORTAL_MAX_FILES:
        raise ServiceError(f"Gửi kèm tối đa {PORTAL_MAX_FILES} tệp; hãy gộp các trang quét vào một tệp PDF.",
                           field="files")
    files: list[tuple[str, str, bytes]] = []
    seen: set[str] = set()
    for name, upload in o.files:
        try:
            scan = protection.read_scan(name, upload)  # the store's checks: size, type from the bytes
        except ServiceError as exc:
            raise ServiceError(exc.message, field="files") from None
        if scan.sha256 not in seen:
            seen.add(scan.sha256)
            files.append((Role.ATTACHMENT, scan.name, scan.data))
    draft = Draft(senders=[] if sender.is_empty() else [asdict(sender)], anonymous=o.anonymous, title=title,
                  content=content, kind=o.kind, notices=notices)
    return do_receive(Petition.Channel.WEB, draft, files, actor=None)


# --- e-mail ----------------------------------------------------------------------------------------------------
def check_import_email(actor: User | None, data: bytes, name: str) -> Submission:
    """Keep one e-mail (its bytes as received) waiting to be registered; `actor` None: the mailbox reader.
    The same message twice (same bytes or same Message-ID) is refused, saying when it came in."""
    if actor is not None and not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được nhập thư điện tử.")
    message = mail.parse_message(data, name)
    digest = hashlib.sha256(data).hexdigest()
    key = hashlib.sha256(message.message_id.encode()).hexdigest() if message.message_id else ""
    earlier = Submission.objects.filter(sha256=digest).first() or (
        Submission.objects.filter(message_key=key).first() if key else None)
    if earlier is not None:
        raise AlreadyTaken(f"Thư “{message.subject or name}” đã được nhập lúc "
                           f"{timezone.localtime(earlier.received_at):%H:%M ngày %d/%m/%Y} (mã {earlier.reference}, "
                           f"{earlier.get_status_display().lower()}); không nhập lại.", field="eml")
    contact = message.reply_to or message.sender_email
    senders = [asdict(SenderIn(message.sender_name, "", contact))] if message.sender_name or contact else []
    refused = [[a.name, a.refusal] for a in message.attachments if a.refusal]  # the parser's notices say so too
    notices = list(message.notices)
    content = message.content
    if len(content) > services.CONTENT_MAX:  # the letter's text has a limit; the original keeps the whole
        content = content[:services.CONTENT_MAX]
        notices.append(f"Nội dung thư dài hơn {services.CONTENT_MAX} ký tự; đã lấy phần đầu, toàn văn còn trong thư "
                       "gốc.")
    draft = Draft(senders=senders, anonymous=not senders, title=message.subject, content=content,
                  sent_at=message.sent_at.isoformat() if message.sent_at else "", notices=notices, refused=refused)
    original = name if name.lower().endswith(".eml") else f"{name}.eml"
    files: list[tuple[str, str, bytes]] = [(Role.ORIGINAL, original, data)]
    files += [(Role.ATTACHMENT, a.name, a.data) for a in message.attachments if not a.refusal]
    now = timezone.now()
    arrived = message.sent_at if message.sent_at and message.sent_at < now else now
    try:
        return do_receive(Petition.Channel.EMAIL, draft, files, actor=actor, received_at=arrived, sha256=digest,
                          message_key=key)
    except IntegrityError:  # taken in by someone else between the check above and now
        raise AlreadyTaken(f"Thư “{message.subject or name}” vừa được nhập; không nhập lại.", field="eml") from None


@dataclass
class MailboxRun:
    imported: int = 0
    duplicates: int = 0
    refused: list[str] = field(default_factory=list)  # why each message left unread could not be taken


def import_mailbox(path: str | Path) -> MailboxRun:
    """Read the new messages of a Maildir (filled by the mail server, fetchmail or getmail) into the queue; each
    message read is marked seen (moved to cur/ with flag S) and not read again. Safe to run twice."""
    run = MailboxRun()
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in list(box.iterkeys()):
        message = box.get_message(key)
        if "S" in message.get_flags():
            continue
        try:
            check_import_email(None, box.get_bytes(key), f"{key.split(':', 1)[0]}.eml")
        except AlreadyTaken:
            run.duplicates += 1
        except ServiceError as exc:
            run.refused.append(f"{key}: {exc.message}")
            log.warning("Không nhận được thư %s từ hộp thư: %s", key, exc.message)
        else:
            run.imported += 1
        message.set_subdir("cur")
        message.add_flag("S")
        box[key] = message
    return run


# --- handling --------------------------------------------------------------------------------------------------
def _check_handler(actor: User) -> None:
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được xem và vào sổ đơn chờ.")


def waiting(actor: User) -> list[tuple[Submission, Draft, int]]:
    """The queue, oldest first, each with what it says and its number of files."""
    _check_handler(actor)
    rows = Submission.objects.filter(status=Submission.Status.WAITING).prefetch_related("files")
    return [(s, draft_of(s), len(s.files.all())) for s in rows]


def set_aside(actor: User, limit: int = 200) -> list[Submission]:
    """The submissions set aside, latest first (what they say is not read: the reason and who are enough)."""
    _check_handler(actor)
    return list(Submission.objects.filter(status=Submission.Status.DISCARDED)
                .select_related("handled_by__person").order_by("-handled_at")[:limit])


def waiting_count() -> int:
    return Submission.objects.filter(status=Submission.Status.WAITING).count()


def open_submission(actor: User, pk: Any, *, audit: bool = True) -> Opened:
    _check_handler(actor)
    sub = Submission.objects.filter(pk=pk).first()
    if sub is None:
        raise ServiceError("Không có đơn chờ vào sổ này.", field=None)
    if audit:
        with transaction.atomic():
            record_event("petitions.submission_opened", actor=actor, obj=sub)
    return Opened(sub, draft_of(sub), list(sub.files.all()))


def _locked(actor: User, pk: Any, expected_version: int) -> Submission:
    _check_handler(actor)
    sub = Submission.objects.select_for_update().filter(pk=pk).first()
    if sub is None:
        raise ServiceError("Không có đơn chờ vào sổ này.")
    if sub.version != expected_version:
        raise Conflict()
    return sub


def check_register_submission(actor: User, pk: Any, expected_version: int, intake: Intake) -> Registered:
    """Register a waiting submission as the letter `intake` describes (as the handler checked it), with its
    files as the letter's originals: the e-mail as received and every file the sender sent with it, since any of
    them may show who wrote (a scanned signed letter is often an attachment), so a protected letter seals them all,
    now or when it later turns out to be a denunciation (protection.protect_letter)."""
    with transaction.atomic():
        sub = _locked(actor, pk, expected_version)
        if sub.status != Submission.Status.WAITING:
            raise ServiceError(f"Đơn này {sub.get_status_display().lower()}; không vào sổ lại.")
        files = list(sub.files.all())
        originals = [(f.name, file_bytes(f)) for f in files]  # ordered: the e-mail first, then what came with it
        done = services.check_register_letter(actor, replace(intake, channel=sub.channel,
                                                             scans=originals + intake.scans))
        do_settle(actor, sub, Submission.Status.REGISTERED, letter=done.letter)
    return done


def check_set_aside(actor: User, pk: Any, expected_version: int, reason: str) -> Submission:
    """Not registered (advertising, a message sent twice, nothing to do with the office), with the reason."""
    reason = normalize(reason).strip()
    if not reason:
        raise ServiceError("Hãy ghi lý do không vào sổ (ví dụ: thư quảng cáo, gửi trùng).", field="reason")
    with transaction.atomic():
        sub = _locked(actor, pk, expected_version)
        if sub.status != Submission.Status.WAITING:
            raise ServiceError(f"Đơn này {sub.get_status_display().lower()}.")
        return do_settle(actor, sub, Submission.Status.DISCARDED, reason=reason[:2000])


def check_restore(actor: User, pk: Any, expected_version: int) -> Submission:
    """Back to the queue: set aside by mistake."""
    with transaction.atomic():
        sub = _locked(actor, pk, expected_version)
        if sub.status != Submission.Status.DISCARDED:
            raise ServiceError("Chỉ đơn đã để riêng (không vào sổ) mới đưa lại được vào hàng chờ.")
        return do_settle(actor, sub, Submission.Status.WAITING)


_SETTLED_EVENTS: dict[str, str] = {Submission.Status.REGISTERED: "petitions.submission_registered",
                                   Submission.Status.DISCARDED: "petitions.submission_set_aside",
                                   Submission.Status.WAITING: "petitions.submission_restored"}


def do_settle(actor: User, sub: Submission, status: str, *, reason: str = "",
              letter: Petition | None = None) -> Submission:
    """Move a (locked) submission to `status`, audited in the same transaction. Registered, its sealed copy and
    files are wiped: the letter holds them now, sealed or stored as its protection says."""
    with transaction.atomic():
        waiting = status == Submission.Status.WAITING
        sub.status, sub.reason = status, reason
        sub.handled_by, sub.handled_at = (None, None) if waiting else (actor, timezone.now())
        if letter is not None:
            sub.letter = letter
            sub.data = crypto.seal_json({}, sub.context())
            sub.files.all().delete()
        sub.version += 1
        sub.save()
        new: dict[str, Any] = {"reason": reason} if reason else {}
        if letter is not None:
            new = {"letter": letter.pk, "number": letter.number, "year": letter.year}
        record_event(_SETTLED_EVENTS[status], actor=actor, obj=sub, new=new or None)
    return sub


# --- what the sender may ask -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    received_at: datetime
    status: str
    letter: str = ""  # "số 12/2026 ngày 03/12/2026"
    case_status: str = ""


def lookup(reference: str) -> Answer | None:
    """What the sender of a submission may know of it by its reference: when it came in, whether it was
    registered and under which number, and the case's state. Nothing of what it says."""
    code = tidy_reference(reference)
    if len(code) != REFERENCE_LENGTH:
        return None
    sub = Submission.objects.select_related("letter__case").filter(reference=code).first()
    if sub is None:
        return None
    if sub.letter is None:
        return Answer(sub.received_at, sub.get_status_display())
    letter = sub.letter
    return Answer(sub.received_at, sub.get_status_display(),
                  f"số {letter.number}/{letter.year} ngày {letter.received_on:%d/%m/%Y}",
                  letter.case.get_status_display())


def check_open_file(actor: User, item: SubmissionFile) -> bytes:
    """A waiting letter's file for a handler to look at, audited (it may show who wrote it)."""
    _check_handler(actor)
    data = file_bytes(item)
    with transaction.atomic():
        record_event("petitions.submission_file_opened", actor=actor, obj=item.submission,
                     new={"file": item.pk})
    return data
