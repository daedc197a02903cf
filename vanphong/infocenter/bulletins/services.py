"""Every change to bulletins: creating one for a period, adding chosen events as entries with a generated
heading and summary, editing (optimistic concurrency on the bulletin's version), removing entries, and the steps
of the flow. check_* validates and authorises, do_* changes and audits in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.ids import parse_id
from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.core.queries import holders_of
from vanphong.infocenter.bulletins import queries
from vanphong.infocenter.bulletins.flows import APPROVE_RIGHT, BULLETIN, COMPOSE_RIGHT, may_edit
from vanphong.infocenter.models import Bulletin, BulletinEntry, Event
from vanphong.infocenter.pipeline.summary import summarize
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify
from vanphong.text import normalize

B = Bulletin.Status
K = Bulletin.Kind
HEADING_MAX = 500
SUMMARY_MAX = 6000
COMMENT_MAX = 4000
INTRO_MAX = 4000
MAX_ENTRIES = 80


def _text(value: Any, label: str, name: str, limit: int, required: bool = True) -> str:
    value = normalize(str(value or "")).strip()
    if required and not value:
        raise ServiceError(f"Hãy ghi {label}.", field=name)
    if len(value) > limit:
        raise ServiceError(f"{label[0].upper()}{label[1:]} dài {len(value)} ký tự, quá {limit} ký tự cho phép; "
                           "hãy rút gọn.", field=name)
    return value


def what(bulletin: Bulletin) -> str:
    """How a notice names a bulletin: never the title of a classified one."""
    number = f" số {bulletin.number}/{bulletin.year}" if bulletin.number else ""
    if bulletin.classification > Classification.THUONG:
        return f"{bulletin.get_kind_display()}{number} (độ {Classification(bulletin.classification).label})"
    return f"{bulletin.get_kind_display()}{number}: {bulletin.title[:150]}"


def default_title(kind: str, start: date, end: date) -> str:
    if start == end:
        return f"Tình hình ngày {end:%d/%m/%Y}"
    return f"Tình hình từ ngày {start:%d/%m} đến ngày {end:%d/%m/%Y}"


def period_for(kind: str, day: date) -> tuple[date, date]:
    """A daily bulletin covers its day; a weekly one the week (Monday to Sunday) of the day."""
    if kind == K.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    return day, day


# --- creating ----------------------------------------------------------------------------------------------------
@dataclass
class NewBulletin:
    kind: str
    period_start: date
    period_end: date | None = None
    title: str = ""
    classification: int = Classification.THUONG


def check_create_bulletin(actor: User, n: NewBulletin) -> Bulletin:
    if not actor.has_perm(COMPOSE_RIGHT):
        raise Forbidden("Chỉ chuyên viên thông tin được soạn bản tin.")
    if n.kind not in K.values:
        raise ServiceError("Hãy chọn loại bản tin: hằng ngày, tuần hoặc chuyên đề.", field="kind")
    if not isinstance(n.period_start, date):
        raise ServiceError("Hãy ghi ngày của bản tin (dd/mm/yyyy).", field="period_start")
    start, end = period_for(n.kind, n.period_start) if n.period_end is None else (n.period_start, n.period_end)
    if end < start:
        raise ServiceError("Ngày kết thúc kỳ bản tin phải từ ngày bắt đầu trở đi.", field="period_end")
    if (end - start).days > 92:
        raise ServiceError("Một bản tin bao quát nhiều nhất ba tháng; hãy chọn kỳ ngắn hơn.", field="period_end")
    check_may_classify(actor, n.classification, "soạn bản tin")
    title = _text(n.title, "tiêu đề bản tin", "title", 300, required=False) or default_title(n.kind, start, end)
    return do_create_bulletin(actor, n.kind, start, end, title, n.classification)


def do_create_bulletin(actor: User, kind: str, start: date, end: date, title: str, classification: int) -> Bulletin:
    with transaction.atomic():
        b = Bulletin.objects.create(kind=kind, year=end.year, title=title, period_start=start, period_end=end,
                                    classification=classification, created_by=actor)
        BULLETIN.start(actor, b, B.DRAFT)
        record_event("infocenter.bulletin_created", actor=actor, obj=b, new=_snapshot(b))
    return b


def _snapshot(b: Bulletin) -> dict[str, Any]:
    return {"kind": b.kind, "status": b.status, "version": b.version,
            "classification": Classification(b.classification).name,
            "title": b.title if b.classification == Classification.THUONG else None}


def _editable(actor: User, bulletin_id: Any, expected_version: int | None) -> Bulletin:
    """The bulletin locked for an edit, or the reason why not (404 for one the person may not see)."""
    b = queries.access_bulletin(actor, bulletin_id, lock=True, audit=False)
    if not may_edit(actor, b):
        if b.status != B.DRAFT:
            raise ServiceError(f"Bản tin đang ở bước “{b.get_status_display()}”, không sửa được; "
                               "người duyệt trả lại thì mới sửa tiếp.")
        raise Forbidden("Chỉ người soạn bản tin (hoặc chuyên viên thông tin cùng đơn vị) được sửa.")
    if expected_version is not None and b.version != expected_version:
        raise Conflict("Bản tin đã được người khác sửa sau khi bạn mở. Nội dung bạn vừa nhập vẫn còn trên trang: "
                       "hãy mở bản mới ở thẻ khác, đối chiếu rồi lưu lại.")
    return b


def _bump(b: Bulletin) -> None:
    b.version += 1
    b.save()


# --- entries from events ------------------------------------------------------------------------------------------
def draft_entry(actor: User, b: Bulletin, event: Event) -> tuple[str, str]:
    """The generated heading and summary of an event: its title, and the lead plus the most central sentences of
    the items the composer may see (never above the bulletin's level)."""
    items = queries.items_for_summary(actor, event, b.classification)
    texts = [i.text for i in items if i.text]
    summary = summarize(texts, max_sentences=3, max_chars=700).text if texts else ""
    return event.title[:HEADING_MAX], summary or event.title


def check_add_events(actor: User, bulletin_id: Any, expected_version: int | None, event_ids: Iterable[Any]) -> list[
        BulletinEntry]:
    ids = []
    for raw in event_ids:
        pk = parse_id(raw)
        if pk is None:
            raise ServiceError("Mã sự kiện không hợp lệ.", field="events")
        if pk not in ids:
            ids.append(pk)
    if not ids:
        raise ServiceError("Hãy chọn ít nhất một sự kiện để đưa vào bản tin.", field="events")
    return do_add_events(actor, bulletin_id, expected_version, ids)


def do_add_events(actor: User, bulletin_id: Any, expected_version: int | None, ids: list[int]) -> list[BulletinEntry]:
    """Each event (that the composer may see, not above the bulletin's level) becomes an entry; one transaction."""
    with transaction.atomic():
        b = _editable(actor, bulletin_id, expected_version)
        # The same answer for an event that does not exist and one the composer may not see.
        events = {e.pk: e for e in queries.visible_events(actor).filter(pk__in=ids)}
        missing = [pk for pk in ids if pk not in events]
        if missing:
            raise ServiceError(f"Không có sự kiện mã {', '.join(map(str, missing))}; hãy chọn lại trong danh sách.",
                               field="events")
        if b.entries.filter(event_id__in=ids).exists():
            raise ServiceError("Có sự kiện đã ở trong bản tin.", field="events")
        if b.entries.count() + len(ids) > MAX_ENTRIES:
            raise ServiceError(f"Một bản tin có nhiều nhất {MAX_ENTRIES} mục.", field="events")
        for e in events.values():
            if e.classification > b.classification:
                raise ServiceError(
                    f"Sự kiện “{e.title[:80]}” có độ {Classification(e.classification).label}, cao hơn độ mật của "
                    f"bản tin ({Classification(b.classification).label}): hãy nâng độ mật bản tin trước.",
                    field="events")
        position = (b.entries.aggregate(n=Max("position"))["n"] or 0) + 1
        made = []
        for pk in ids:
            event = events[pk]
            heading, summary = draft_entry(actor, b, event)
            made.append(BulletinEntry.objects.create(
                bulletin=b, event=event, position=position, section=queries.first_field(event),
                heading=heading, summary=summary))
            position += 1
        _bump(b)
        record_event("infocenter.bulletin_events_added", actor=actor, obj=b,
                     new={"events": ids, "version": b.version})
    return made


# --- editing -------------------------------------------------------------------------------------------------------
@dataclass
class EntryEdit:
    id: int
    heading: str
    summary: str
    comment: str = ""
    section: str = ""
    position: int = 0


@dataclass
class BulletinEdit:
    title: str
    intro: str
    classification: int
    entries: list[EntryEdit]


def check_save(actor: User, bulletin_id: Any, expected_version: int, edit: BulletinEdit) -> Bulletin:
    """Save the editor's page in one go; a stale version is a conflict and nothing is saved."""
    title = _text(edit.title, "tiêu đề bản tin", "title", 300)
    intro = _text(edit.intro, "lời dẫn", "intro", INTRO_MAX, required=False)
    check_may_classify(actor, edit.classification, "soạn bản tin")
    sections = set(queries.field_names()) | {"", queries.OTHER_SECTION}
    cleaned = []
    for e in edit.entries:
        if e.section not in sections:
            raise ServiceError("Mục (lĩnh vực) không hợp lệ; hãy chọn trong danh sách.", field="entries")
        cleaned.append(EntryEdit(
            id=e.id, heading=_text(e.heading, "tiêu đề mục", "entries", HEADING_MAX),
            summary=_text(e.summary, "tóm tắt của mục", "entries", SUMMARY_MAX),
            comment=_text(e.comment, "nhận định, dự báo", "entries", COMMENT_MAX, required=False),
            section=e.section, position=max(0, min(int(e.position), 10_000))))
    return do_save(actor, bulletin_id, expected_version, BulletinEdit(title, intro, edit.classification, cleaned))


def do_save(actor: User, bulletin_id: Any, expected_version: int, edit: BulletinEdit) -> Bulletin:
    """Save a checked edit in one transaction, or nothing at all (a stale version, an entry of another bulletin)."""
    with transaction.atomic():
        b = _editable(actor, bulletin_id, expected_version)
        rows = {r.pk: r for r in b.entries.select_related("event", "item")}
        if {e.id for e in edit.entries} - set(rows):
            raise ServiceError("Có mục không thuộc bản tin này; hãy tải lại trang.", field="entries")
        check_level(b, edit.classification, rows.values())
        old = _snapshot(b)
        b.title, b.intro, b.classification = edit.title, edit.intro, edit.classification
        for e in edit.entries:
            r = rows[e.id]
            r.heading, r.summary, r.comment, r.section, r.position = (e.heading, e.summary, e.comment, e.section,
                                                                      e.position)
            r.save()
        _bump(b)
        record_event("infocenter.bulletin_edited", actor=actor, obj=b, old=old, new=_snapshot(b))
    return b


def check_level(b: Bulletin, level: int, entries: Iterable[BulletinEntry]) -> None:
    """A bulletin is at least as secret as every event and item it reports on."""
    highest = Classification.THUONG
    for e in entries:
        for rec in (e.event, e.item):
            if rec is not None and rec.classification > highest:
                highest = Classification(rec.classification)
    if level < highest:
        raise ServiceError(f"Bản tin có mục lấy từ tin độ {highest.label}; độ mật của bản tin không được thấp hơn "
                           f"{highest.label}.", field="classification")


def check_remove_entry(actor: User, bulletin_id: Any, expected_version: int, entry_id: Any) -> Bulletin:
    pk = parse_id(entry_id)
    if pk is None:
        raise ServiceError("Mục này không còn trong bản tin; hãy tải lại trang.")
    return do_remove_entry(actor, bulletin_id, expected_version, pk)


def do_remove_entry(actor: User, bulletin_id: Any, expected_version: int, entry_id: int) -> Bulletin:
    with transaction.atomic():
        b = _editable(actor, bulletin_id, expected_version)
        entry = b.entries.filter(pk=entry_id).first()
        if entry is None:
            raise ServiceError("Mục này không còn trong bản tin; hãy tải lại trang.")
        removed = entry.pk
        entry.delete()
        _bump(b)
        record_event("infocenter.bulletin_entry_removed", actor=actor, obj=b,
                     new={"entry": removed, "version": b.version})
    return b


def check_regenerate(actor: User, bulletin_id: Any, expected_version: int, entry_id: Any) -> BulletinEntry:
    """Write the entry's summary again from its event (after new items arrived, or to undo an edit)."""
    pk = parse_id(entry_id)
    if pk is None:
        raise ServiceError("Mục này không có sự kiện để tóm tắt lại.")
    return do_regenerate(actor, bulletin_id, expected_version, pk)


def do_regenerate(actor: User, bulletin_id: Any, expected_version: int, entry_id: int) -> BulletinEntry:
    with transaction.atomic():
        b = _editable(actor, bulletin_id, expected_version)
        entry = b.entries.select_related("event").filter(pk=entry_id).first()
        if entry is None or entry.event is None:
            raise ServiceError("Mục này không có sự kiện để tóm tắt lại.")
        if not queries.visible_events(actor).filter(pk=entry.event.pk).exists():
            raise ServiceError("Bạn không xem được sự kiện của mục này nên không tóm tắt lại được.")
        _, entry.summary = draft_entry(actor, b, entry.event)
        entry.save()
        _bump(b)
        record_event("infocenter.bulletin_entry_regenerated", actor=actor, obj=b,
                     new={"entry": entry.pk, "version": b.version})
    return entry


# --- the flow ---------------------------------------------------------------------------------------------------
@dataclass
class Readers:
    users: list[User]
    units: list[Any]


def readers_from(user_ids: Iterable[Any], unit_ids: Iterable[Any]) -> Readers:
    from vanphong.core.models import Unit

    uids = [i for i in (parse_id(v) for v in user_ids) if i]
    nids = [i for i in (parse_id(v) for v in unit_ids) if i]
    users = list(User.objects.filter(pk__in=uids, is_active=True).select_related("person"))
    units = list(Unit.objects.filter(pk__in=nids, is_active=True))
    if len(users) != len(set(uids)) or len(units) != len(set(nids)):
        raise ServiceError("Có người hoặc đơn vị nhận không còn trong danh sách; hãy chọn lại.", field="readers")
    return Readers(users, units)


def check_step(actor: User, bulletin_id: Any, step: str, expected_version: int | None, note: str = "",
               readers: Readers | None = None) -> Bulletin:
    b = queries.access_bulletin(actor, bulletin_id, audit=False)
    data: dict[str, Any] = {}
    if readers is not None:
        # Ids, not rows: the step's history keeps its data as JSON (who received the bulletin).
        data = {"reader_users": [u.pk for u in readers.users], "reader_units": [u.pk for u in readers.units]}
    result: Bulletin = BULLETIN.apply(actor, b, step, expected_version=expected_version, note=note, data=data)
    return result


def on_submit(actor: User, b: Bulletin) -> None:
    """Submitting: the bulletin has entries, its level covers them; those who may approve it are told (and put on
    its access list, so a classified one can be opened by them)."""
    entries = list(b.entries.select_related("event", "item"))
    if not entries:
        raise ServiceError("Bản tin chưa có mục nào; hãy chọn sự kiện trước khi trình.")
    check_level(b, b.classification, entries)
    approvers = [u for u in holders_of(APPROVE_RIGHT).filter(clearance__gte=b.classification).exclude(pk=actor.pk)
                 .exclude(pk=b.created_by_id)]
    if not approvers:
        raise ServiceError(f"Chưa có ai có quyền duyệt bản tin độ {Classification(b.classification).label}; hãy nhờ "
                           "quản trị hệ thống phân công.")
    if b.classification > Classification.THUONG:
        b.shared_with_users.add(*approvers)
    notify(approvers, f"Bản tin chờ duyệt: {what(b)}", b.get_absolute_url())


def on_return(actor: User, b: Bulletin, note: str) -> None:
    notify([b.created_by], f"Bản tin được trả lại để sửa: {what(b)}", b.get_absolute_url())

