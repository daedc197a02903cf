"""Every change to letters and cases: check_* validates and authorises, do_* changes and audits in one transaction.

Intake registers a letter with its incoming number (documents.numbering, the same gap-free mechanism as the
incoming documents' register, in a sequence of its own per year), its senders sealed, its files in the file
store (or sealed, for the scans of a protected letter), in a new case or one it joins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Body, Place, Unit, User
from vanphong.core.queries import place_for_name
from vanphong.documents.numbering import Sequence, take
from vanphong.files.services import check_store_file
from vanphong.petitions import deadlines, protection, repeats
from vanphong.petitions.flows import CASE, HANDLE_RIGHT
from vanphong.petitions.models import (
    Field,
    Kind,
    Level,
    Petition,
    PetitionAttachment,
    PetitionCase,
    Sender,
    Track,
)
from vanphong.petitions.protection import Identity
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify
from vanphong.text import fold, normalize

CONTENT_MAX = 50_000
TITLE_MAX = 500
NAME_MAX = 120
ADDRESS_MAX = 300
CONTACT_MAX = 200
MAX_SENDERS = 50
_PLACE_PREFIXES = ("thanh pho ", "tp. ", "tp ", "tinh ")


@dataclass
class SenderIn:
    name: str = ""
    address: str = ""
    contact: str = ""
    province: str = ""  # a province as written (old names too); empty: read from the end of the address

    def is_empty(self) -> bool:
        return not (self.name.strip() or self.address.strip() or self.contact.strip() or self.province.strip())


@dataclass
class Intake:
    """A letter as the staff register it."""

    channel: str
    content: str
    received_on: date | None = None
    title: str = ""
    anonymous: bool = False
    senders: list[SenderIn] = field(default_factory=list)
    kind: str = ""  # what the letter says it is, if clear at intake: a denunciation is protected from the start
    protect: bool = False
    case_id: int | None = None  # the case the letter joins; None: a new case
    classification: int = Classification.THUONG
    unit: Unit | None = None
    scans: list[tuple[str, Any]] = field(default_factory=list)  # (file name, bytes or upload)
    enclosures: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Registered:
    letter: Petition
    case: PetitionCase
    notices: list[str]
    # The cases with a likely repeat of the letter that the person may see (petitions.repeats), to offer.
    repeats: list[Any] = field(default_factory=list)


def person_name(text: str) -> str:
    """A name as people write it on an envelope, tidied: normalised, one space between words, and written
    in capitals (or all in small letters) turned into Title Case: "NGUYỄN VĂN AN" → "Nguyễn Văn An"."""
    name = " ".join(normalize(text).split())
    if name and (name.isupper() or name.islower()):
        name = " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return name


def place_of(province: str, address: str) -> Place | None:
    """The current province for what was written: the province field, else the end of the address ("…, tỉnh
    Hải Dương" → Hải Phòng since 1/7/2025). Raises when a province was written and is unknown."""
    if province.strip():
        found = _place(province)
        if found is None:
            raise ServiceError(f"Không tìm thấy tỉnh, thành phố “{normalize(province).strip()}”; hãy ghi đúng tên "
                               "(tên cũ trước 1/7/2025 cũng được).", field="senders")
        return found
    for part in reversed([p for p in address.split(",") if p.strip()][-2:]):
        found = _place(part)
        if found is not None:
            return found
    return None


def _place(text: str) -> Place | None:
    key = fold(text).strip()
    for prefix in _PLACE_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    return place_for_name(key) if key else None


def text_field(value: str, what: str, fieldname: str, limit: int, *, required: bool = True) -> str:
    """A text as typed, normalised and trimmed, or an error naming the field when missing or too long."""
    value = normalize(value or "").strip()
    if required and not value:
        raise ServiceError(f"Hãy ghi {what}.", field=fieldname)
    if len(value) > limit:
        raise ServiceError(f"{what[:1].upper()}{what[1:]} dài quá {limit} ký tự; hãy rút gọn.", field=fieldname)
    return value


def check_senders(i: Intake, notices: list[str]) -> list[tuple[Identity, Place | None]]:
    given = [s for s in i.senders if not s.is_empty()]
    if i.anonymous and given:
        raise ServiceError("Đơn đã đánh dấu nặc danh thì không ghi người gửi; bỏ dấu “Đơn nặc danh” nếu đơn có "
                           "ghi tên người gửi.", field="senders")
    if not i.anonymous and not given:
        raise ServiceError("Đơn chưa có người gửi. Hãy ghi họ tên ít nhất một người gửi, hoặc đánh dấu “Đơn nặc "
                           "danh” nếu đơn không ghi tên, địa chỉ người gửi.", field="senders")
    if len(given) > MAX_SENDERS:
        raise ServiceError(f"Một đơn ghi tối đa {MAX_SENDERS} người gửi; đơn tập thể đông người hãy ghi người "
                           "đại diện.", field="senders")
    out = []
    for n, s in enumerate(given, start=1):
        name = person_name(s.name)
        if not name:
            raise ServiceError(f"Người gửi thứ {n}: hãy ghi họ tên (đã có địa chỉ hoặc liên hệ).", field="senders")
        if len(name) > NAME_MAX:
            raise ServiceError(f"Người gửi thứ {n}: họ tên dài quá {NAME_MAX} ký tự.", field="senders")
        if fold(name) == name.lower():
            notices.append(f"Họ tên người gửi thứ {n} viết không dấu; hãy đối chiếu với bản gốc và sửa nếu cần.")
        address = text_field(s.address, f"địa chỉ người gửi thứ {n}", "senders", ADDRESS_MAX, required=False)
        contact = text_field(s.contact, f"liên hệ của người gửi thứ {n}", "senders", CONTACT_MAX, required=False)
        place = place_of(s.province, address)
        if place is not None and (fold(s.province or address).find(place.key) < 0):
            notices.append(f"Địa chỉ người gửi thứ {n} ghi tên tỉnh cũ; đã xếp vào {place.short_name}.")
        out.append((Identity(name, address, contact), place))
    return out


def _files(actor: User, pairs: list[tuple[str, Any]], notices: list[str], seen: dict[str, str], *,
           sealed: bool) -> list[Any]:
    """Check each file once: the store's checks, or those of a sealed scan; the same content twice (in `seen`,
    shared by the scans and the enclosures of one letter) is kept once, and the person is told."""
    out = []
    for name, content in pairs:
        item = protection.read_scan(name, content) if sealed else check_store_file(actor, content, name)
        first = seen.get(item.sha256)
        if first is not None:
            notices.append(f"Tệp “{name}” trùng nội dung với tệp “{first}” (cùng mã SHA-256); chỉ lưu một bản.")
            continue
        seen[item.sha256] = name
        out.append((name, item))
    return out


def letters_sequence(year: int) -> Sequence:
    return Sequence(f"petitions:{year}", f"Sổ tiếp nhận đơn thư năm {year}")


def check_register_letter(actor: User, i: Intake) -> Registered:
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được vào sổ đơn thư.")
    if i.channel not in Petition.Channel.values:
        raise ServiceError("Hãy chọn hình thức nhận đơn: bưu chính, tiếp công dân, thư điện tử hoặc cổng thông tin.",
                           field="channel")
    if i.kind and i.kind not in Kind.values:
        raise ServiceError("Loại đơn không hợp lệ; chọn khiếu nại, tố cáo, kiến nghị hoặc phản ánh.", field="kind")
    today = timezone.localdate()
    received_on = i.received_on or today
    if received_on > today:
        raise ServiceError("Ngày nhận đơn không được ở sau hôm nay.", field="received_on")
    content = text_field(i.content, "nội dung đơn (hoặc tóm tắt, nếu chỉ có bản quét)", "content", CONTENT_MAX)
    title = text_field(i.title, "nội dung tóm tắt", "title", TITLE_MAX, required=False)
    check_may_classify(actor, i.classification, "vào sổ đơn")
    notices: list[str] = []
    people = check_senders(i, notices)
    with transaction.atomic():
        case = None
        if i.case_id is not None:
            try:
                case = policy.access(actor, PetitionCase.objects.all(), i.case_id, lock=True, audit=False)
            except Http404:  # a mistyped number is the person's to fix, beside the field, not a missing page
                raise ServiceError(f"Không có vụ việc số {i.case_id} (hoặc bạn không được xem vụ việc đó); hãy "
                                   "kiểm tra lại số vụ việc.", field="case_id") from None
            if case.status == PetitionCase.Status.CLOSED:
                raise ServiceError("Vụ việc này đã kết thúc; đơn mới về cùng nội dung hãy vào sổ thành vụ việc mới.",
                                   field="case_id")
        protect = i.protect or i.kind == Kind.DENUNCIATION or (case is not None and case.is_denunciation)
        seen: dict[str, str] = {}
        # Scans first: an enclosure repeating a sealed scan is dropped, never stored in the clear beside it.
        scans = _files(actor, i.scans, notices, seen, sealed=protect)
        enclosures = _files(actor, i.enclosures, notices, seen, sealed=False)
        return do_register_letter(actor, i, case, received_on, content, title, people, protect, scans, enclosures,
                                  notices)


def do_register_letter(actor: User, i: Intake, case: PetitionCase | None, received_on: date, content: str, title: str,
                       people: list[tuple[Identity, Place | None]], protect: bool, scans: list[Any],
                       enclosures: list[Any], notices: list[str]) -> Registered:
    identities = [identity for identity, _ in people]
    shown = protection.redact(content, identities) if protect else content
    with transaction.atomic():
        new_case = case is None
        if case is None:
            summary = protection.redact(title, identities) if protect and title else title
            case = PetitionCase.objects.create(
                title=summary or shown[:300], kind=i.kind, classification=i.classification, created_by=actor,
                received_on=received_on, locality=next((p for _, p in people if p is not None), None), unit=i.unit)
            if i.unit is not None:
                case.shared_with_units.add(i.unit)
            CASE.start(actor, case, PetitionCase.Status.RECEIVED)
        sequence = letters_sequence(received_on.year)
        letter = Petition.objects.create(
            case=case, channel=i.channel, received_on=received_on, year=received_on.year, number=take(sequence),
            sequence_key=sequence.key, content=shown, anonymous=i.anonymous, protected=protect, created_by=actor)
        for n, (identity, place) in enumerate(people, start=1):
            sender = Sender.objects.create(petition=letter, order=n, place=place)
            protection.seal_identity(sender, identity)
        if protect:
            protection.seal_content(letter, content)
        # The keys to find this letter's repeats, made while its senders are in hand (never stored in the clear).
        repeats.index_letter(letter, [(identity, place.pk if place else None) for identity, place in people],
                             content)
        for name, item in scans:
            if protect:
                protection.seal_scan(letter, item)
            else:
                PetitionAttachment.objects.create(petition=letter, file=item, role=PetitionAttachment.Role.SCAN,
                                                  name=name, added_by=actor)
        for name, item in enclosures:
            PetitionAttachment.objects.create(petition=letter, file=item, role=PetitionAttachment.Role.ENCLOSURE,
                                              name=name, added_by=actor)
        if not new_case and received_on < case.received_on:
            PetitionCase.objects.filter(pk=case.pk).update(received_on=received_on)
            case.received_on = received_on
        deadlines.recompute(case, actor=actor)
        record_event("petitions.letter_received", actor=actor, obj=case, new={
            "letter": letter.pk, "number": letter.number, "year": letter.year, "channel": letter.channel,
            "senders": len(people), "anonymous": letter.anonymous, "protected": protect,
            "files": len(scans) + len(enclosures), "new_case": new_case})
        record_changed(case)
        offer = repeats.candidates_for(actor, letter)
    if offer.cases or offer.hidden:
        notices.append(f"Có {len(offer.cases) + offer.hidden} vụ việc có thể trùng với đơn này (cùng người gửi hoặc "
                       "cùng nội dung): xem mục “Đơn có thể trùng” trên trang vụ việc để gộp hoặc ghi không trùng.")
    return Registered(letter, case, notices, offer.cases)


# --- classification -------------------------------------------------------------------------------------------
CLASSIFIABLE = (PetitionCase.Status.RECEIVED, PetitionCase.Status.CLASSIFYING, PetitionCase.Status.ACCEPTED,
                PetitionCase.Status.EXTENDED)


@dataclass
class Classified:
    kind: str
    field: str = ""
    outside_competence: bool = False
    locality: str = ""  # a province as written, old names too; empty: none
    respondent_body: Body | None = None
    respondent_name: str = ""
    track: str = Track.STATE
    level: str = Level.CENTRAL
    instance: int = 1
    is_complex: bool = False
    is_remote: bool = False


def access_case(actor: User, case_id: Any, *, lock: bool = False, audit: bool = True,
                address: str = "") -> PetitionCase:
    # Locked, the row alone: PostgreSQL locks no row of an outer join's nullable side (the optional links).
    qs = PetitionCase.objects.all() if lock else PetitionCase.objects.select_related(
        "locality", "deadline_rule", "forwarded_to", "respondent_body")
    return policy.access(actor, qs, case_id, lock=lock, audit=audit, address=address)


def check_classify(actor: User, case_id: Any, expected_version: int, c: Classified) -> PetitionCase:
    if not actor.has_perm(HANDLE_RIGHT):
        raise Forbidden("Chỉ cán bộ xử lý đơn thư được phân loại đơn.")
    if c.kind not in Kind.values:
        raise ServiceError("Hãy chọn loại đơn: khiếu nại, tố cáo, kiến nghị hoặc phản ánh.", field="kind")
    if c.field and c.field not in Field.values:
        raise ServiceError("Lĩnh vực không hợp lệ.", field="field")
    if c.track not in Track.values or c.level not in Level.values:
        raise ServiceError("Hãy chọn xử lý theo pháp luật hoặc theo quy định của Đảng, và cấp giải quyết.",
                           field="track")
    if c.kind == Kind.COMPLAINT and c.instance not in (1, 2):
        raise ServiceError("Khiếu nại giải quyết lần đầu (1) hoặc lần hai (2).", field="instance")
    locality = None
    if c.locality.strip():
        locality = _place(c.locality)
        if locality is None:
            raise ServiceError(f"Không tìm thấy tỉnh, thành phố “{normalize(c.locality).strip()}”.", field="locality")
    respondent = text_field(c.respondent_name, "người bị khiếu nại, tố cáo", "respondent_name", 200, required=False)
    with transaction.atomic():
        case = access_case(actor, case_id, lock=True, audit=False)
        if case.version != expected_version:
            raise Conflict()
        if case.status not in CLASSIFIABLE:
            raise ServiceError(f"Vụ việc đang ở bước “{case.get_status_display()}”, không phân loại lại được.")
        if case.accepted_on is not None and c.kind != case.kind:
            raise ServiceError("Vụ việc đã thụ lý: không đổi loại đơn được nữa (thời hạn đang tính theo loại đã "
                               "thụ lý).", field="kind")
        return do_classify(actor, case, c, locality, respondent)


def do_classify(actor: User, case: PetitionCase, c: Classified, locality: Place | None,
                respondent: str) -> PetitionCase:
    with transaction.atomic():
        old = {"kind": case.kind, "field": case.field, "outside_competence": case.outside_competence,
               "locality": case.locality_id, "version": case.version}
        case.kind, case.field, case.outside_competence = c.kind, c.field, c.outside_competence
        case.locality = locality
        case.respondent_body, case.respondent_name = c.respondent_body, respondent
        case.track, case.level, case.is_complex, case.is_remote = c.track, c.level, c.is_complex, c.is_remote
        case.instance = c.instance if c.kind == Kind.COMPLAINT else 1
        case.version += 1
        case.save()
        if case.is_denunciation:
            for letter in case.letters.filter(protected=False):
                protection.protect_letter(actor, letter)
        record_event("petitions.case_classified", actor=actor, obj=case, old=old, new={
            "kind": case.kind, "field": case.field, "outside_competence": case.outside_competence,
            "locality": case.locality_id, "version": case.version})
        if case.status == PetitionCase.Status.RECEIVED:
            case = CASE.apply(actor, case, "classify")
        deadlines.recompute(case, actor=actor)
        record_changed(case)
    return case


def check_step(actor: User, case_id: Any, name: str, expected_version: int | None, *, note: str = "",
               data: dict[str, Any] | None = None) -> PetitionCase:
    """Take one step of the case's flow, then bring its deadline up to date (acceptance, an extension). The result
    is recorded with the resolving body's document (petitions.routing.check_result), never as a bare step."""
    if name == "resolve":
        raise ServiceError("Ghi kết quả giải quyết ở mục “Kết quả giải quyết”, kèm số đến hoặc bản quét văn bản "
                           "giải quyết của cơ quan có thẩm quyền.", field="entry")
    return take_step(actor, case_id, name, expected_version, note=note, data=data)


def take_step(actor: User, case_id: Any, name: str, expected_version: int | None, *, note: str = "",
              data: dict[str, Any] | None = None) -> PetitionCase:
    """check_step without its guard, for the services that take a step with what it needs (check_result)."""
    from vanphong.petitions import routing

    with transaction.atomic():
        case = access_case(actor, case_id, audit=False)
        before = case.status
        case = CASE.apply(actor, case, name, expected_version=expected_version, note=note, data=data)
        # The documents a step makes (petitions.routing): the forwarding letter, the notice to the sender.
        if name == "forward":
            routing.do_forwarding_letter(actor, case)
        elif name == "answer":
            routing.do_notice(actor, case, before)
        deadlines.recompute(case, actor=actor)
        record_changed(case)
    return case
