"""Protection of the people who write (Luật Tố cáo 2018, Điều 47): sealing, redaction, and revealing.

Every sender's name, address and contact are sealed (vanphong.security.crypto) in SealedItem; a letter is
*protected* once it is, or joins, a denunciation, and then stays so. Of a protected letter, handlers see the
text with those details replaced (`redact`) and "***" for the sender; its text as written and its original scans
are sealed too. Revealing who wrote the protected letters of a case takes a request by a holder of the right
`petitions.reveal_identity`, approval by a different holder (petitions.flows.REVEAL), and, at each opening, a
fresh second-factor code of the requester; each opening (and each wrong code) is audited, naming no one.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import User
from vanphong.files.services import max_upload_bytes
from vanphong.files.sniff import inspect_content
from vanphong.petitions.models import Petition, PetitionAttachment, PetitionCase, RevealRequest, SealedItem, Sender
from vanphong.security import crypto
from vanphong.security.audit import record_event
from vanphong.text import fold_chars, normalize

REVEAL_RIGHT = "petitions.reveal_identity"
HIDDEN = "***"
REDACTED = "[đã che]"
# How long an approved request may be opened (each time with a fresh code).
REVEAL_VALID = timedelta(hours=24)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Phone numbers as people write them: 9–11 digits, maybe with spaces, dots or dashes, maybe +84.
_PHONE = re.compile(r"(?<!\d)(\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")


@dataclass(frozen=True)
class Identity:
    name: str = ""
    address: str = ""
    contact: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "address": self.address, "contact": self.contact}


HIDDEN_IDENTITY = Identity(HIDDEN, HIDDEN, HIDDEN)


# --- sealing ---------------------------------------------------------------------------------------------------
def seal_identity(sender: Sender, identity: Identity) -> SealedItem:
    item = SealedItem(petition_id=sender.petition_id, sender=sender, kind=SealedItem.Kind.IDENTITY)
    item.data = crypto.seal_json(identity.as_dict(), item.context())
    item.save()
    return item


def identity_of(sender: Sender) -> Identity:
    item = sender.sealed
    return Identity(**crypto.unseal_json(item.data, item.context()))


def identities(letter: Petition) -> list[Identity]:
    return [identity_of(s) for s in letter.senders.all()]


def seal_content(letter: Petition, text: str) -> None:
    item = SealedItem(petition=letter, kind=SealedItem.Kind.CONTENT)
    item.data = crypto.seal(text.encode(), item.context())
    item.save()


@dataclass(frozen=True)
class Scan:
    """An original scan read into memory and checked, ready to seal."""

    name: str
    data: bytes
    sha256: str
    mime_type: str


def read_scan(name: str, content: Any) -> Scan:
    """Read an upload (bytes or a file) within the size limit and check its type, as the file store would."""
    limit = max_upload_bytes()
    if isinstance(content, bytes | bytearray):
        data = bytes(content)
    else:
        if hasattr(content, "seek"):
            content.seek(0)
        data = content.read(limit + 1)
    if len(data) > limit:
        raise ServiceError(f"Tệp “{name}” vượt giới hạn dung lượng cho mỗi tệp; hãy quét lại ở độ phân giải thấp hơn.",
                           field="scans")
    if not data:
        raise ServiceError(f"Tệp “{name}” rỗng (0 byte). Hãy kiểm tra lại tệp rồi tải lên lại.", field="scans")
    inspection = inspect_content(io.BytesIO(data), len(data), name)
    return Scan(name, data, hashlib.sha256(data).hexdigest(), inspection.kind.mime_type)


def seal_scan(letter: Petition, scan: Scan) -> SealedItem:
    item = SealedItem(petition=letter, kind=SealedItem.Kind.SCAN, sha256=scan.sha256, size=len(scan.data),
                      mime_type=scan.mime_type)
    item.data = crypto.seal_json({"name": scan.name, "data": scan.data.hex()}, item.context())
    item.save()
    return item


def open_scan(item: SealedItem) -> tuple[str, bytes]:
    """The scan's name and bytes, checked against its fixity (SHA-256 and size at sealing)."""
    value = crypto.unseal_json(item.data, item.context())
    data = bytes.fromhex(value["data"])
    if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
        raise crypto.CryptoError("Bản quét gốc không còn nguyên vẹn (mã băm SHA-256 không khớp).")
    return value["name"], data


# --- redaction ---------------------------------------------------------------------------------------------------
def _variants(identity: Identity) -> list[str]:
    """The pieces of an identity to find in a text: the whole name, address and contact, and each part of an
    address between commas (a house number and street are enough to find someone)."""
    pieces = [identity.name, identity.contact, identity.address]
    pieces += [p.strip() for p in identity.address.split(",")][:2]
    return sorted({p for p in (normalize(x) for x in pieces) if len(p) >= 3}, key=len, reverse=True)


def redact(text: str, people: Iterable[Identity]) -> str:
    """`text` with every occurrence of the people's names, addresses and contacts replaced, whatever the case
    or diacritics of the writing, and any e-mail address or phone number too."""
    text = normalize(text)
    for identity in people:
        for piece in _variants(identity):
            folded_piece = fold_chars(piece).lower()
            haystack = fold_chars(text).lower()
            out, start = [], 0
            for m in re.finditer(re.escape(folded_piece), haystack):
                out.append(text[start:m.start()])
                out.append(REDACTED)
                start = m.end()
            text = "".join(out) + text[start:]
    text = _EMAIL.sub(REDACTED, text)
    return _PHONE.sub(REDACTED, text)


def protect_letter(actor: User | None, letter: Petition) -> bool:
    """Make a letter protected: seal its text as written, keep it redacted, seal its scans (taking them off the
    letter's files), and redact the case's summary. Idempotent: False when it already was. In the caller's
    transaction (a case classified as a denunciation)."""
    if letter.protected:
        return False
    people = identities(letter)
    with transaction.atomic():
        seal_content(letter, letter.content)
        letter.content = redact(letter.content, people)
        letter.protected = True
        letter.save(update_fields=["content", "protected"])
        moved = 0
        from vanphong.petitions.sealed_files import purge_plain_file

        for attachment in letter.attachments.filter(role=PetitionAttachment.Role.SCAN).select_related("file"):
            with attachment.file.open() as f:
                seal_scan(letter, Scan(attachment.name, f.read(), attachment.file.sha256, attachment.file.mime_type))
            stored = attachment.file
            attachment.delete()
            # The plain copy (and its extracted text) would otherwise stay in the store, unlinked but readable.
            purge_plain_file(actor, stored)
            moved += 1
        case = letter.case
        redacted_title = redact(case.title, people)
        if redacted_title != case.title:
            PetitionCase.objects.filter(pk=case.pk).update(title=redacted_title)
            case.title = redacted_title
        record_event("petitions.letter_protected", actor=actor, obj=case,
                     new={"letter": letter.pk, "scans_sealed": moved})
    return True


# --- what people see ----------------------------------------------------------------------------------------------
def shown_identity(letter: Petition, sender: Sender) -> Identity:
    """What a page or the API shows of a sender: "***" for a protected letter (revealing is its own page)."""
    return HIDDEN_IDENTITY if letter.protected else identity_of(sender)


def may_request(user: User, case: PetitionCase) -> str | None:
    if not user.has_perm(REVEAL_RIGHT):
        return "Chỉ người được giao quyền xem danh tính người tố cáo mới được đề nghị."
    if not case.letters.filter(protected=True).exists():
        return "Vụ việc này không có đơn nào được bảo vệ danh tính."
    return None


def check_request_reveal(actor: User, case: PetitionCase, reason: str) -> RevealRequest:
    from vanphong.petitions.flows import REVEAL

    reason = normalize(reason).strip()
    refusal = may_request(actor, case)
    if refusal:
        raise Forbidden(refusal)
    if len(reason) < 10:
        raise ServiceError("Hãy ghi rõ lý do cần biết danh tính người tố cáo (ít nhất một câu).", field="reason")
    if RevealRequest.objects.filter(case=case, requested_by=actor, status=RevealRequest.Status.REQUESTED).exists():
        raise ServiceError("Bạn đã có một đề nghị đang chờ duyệt cho vụ việc này.", field="reason")
    with transaction.atomic():
        request = RevealRequest.objects.create(case=case, requested_by=actor, reason=reason[:2000])
        REVEAL.start(actor, request, RevealRequest.Status.REQUESTED)
        record_event("petitions.reveal_requested", actor=actor, obj=case, new={"request": request.pk})
    return request


def check_decide_reveal(actor: User, request: RevealRequest, approve: bool, note: str = "") -> RevealRequest:
    from vanphong.petitions.flows import REVEAL

    if request.requested_by_id == actor.pk:
        raise Forbidden("Người đề nghị không được tự duyệt đề nghị của mình: cần một người khác có quyền xem "
                        "danh tính người tố cáo duyệt.")
    return REVEAL.apply(actor, request, "approve" if approve else "refuse", expected_version=request.version,
                        note=note)


def open_refusal(user: User, request: RevealRequest) -> str | None:
    if request.requested_by_id != user.pk:
        return "Chỉ người đề nghị được xem danh tính theo đề nghị này."
    if request.status != RevealRequest.Status.APPROVED:
        return "Đề nghị chưa được duyệt."
    if request.expires_at is None or request.expires_at < timezone.now():
        return "Đề nghị đã hết hạn xem; hãy gửi đề nghị mới."
    if not user.has_perm(REVEAL_RIGHT):
        return "Bạn không còn quyền xem danh tính người tố cáo."
    return None


@dataclass(frozen=True)
class Revealed:
    letter: Petition
    people: list[Identity]
    content: str
    scans: list[SealedItem]


def check_open_identity(actor: User, request: RevealRequest, code: str, *, address: str = "") -> list[Revealed]:
    """Open the identities of the case's protected letters for the requester of an approved request, after a
    fresh second-factor code. What is opened is shown once, in the answer; it is never kept in the session."""
    from vanphong.core.services import do_verify_second_factor

    refusal = open_refusal(actor, request)
    if refusal:
        raise Forbidden(refusal)
    if not hasattr(actor, "two_factor") or not actor.two_factor.is_confirmed:
        raise ServiceError("Bạn cần bật xác thực hai lớp (trang Tài khoản) trước khi xem danh tính người tố cáo.",
                           field="code")
    if not do_verify_second_factor(actor, code):
        with transaction.atomic():
            record_event("petitions.identity_reveal_refused", actor=actor, obj=request.case,
                         new={"request": request.pk, "why": "wrong_code"}, address=address)
        raise ServiceError("Mã xác thực hai lớp không đúng hoặc đã dùng; hãy nhập mã mới trên ứng dụng xác thực.",
                           field="code")
    letters = list(request.case.letters.filter(protected=True).order_by("pk"))
    with transaction.atomic():
        record_event("petitions.identity_revealed", actor=actor, obj=request.case,
                     new={"request": request.pk, "letters": [x.pk for x in letters]}, address=address)
    out = []
    for letter in letters:
        sealed_text = letter.sealed.filter(kind=SealedItem.Kind.CONTENT).first()
        content = crypto.unseal(sealed_text.data, sealed_text.context()).decode() if sealed_text else letter.content
        out.append(Revealed(letter, identities(letter), content,
                            list(letter.sealed.filter(kind=SealedItem.Kind.SCAN).defer("data"))))
    return out
