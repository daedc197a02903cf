"""Every change the information centre's people make: check_* validates and authorises, do_* changes and audits in
one transaction. Ingest itself is `infocenter.ingest.do_ingest` (one transaction and audit event per item)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import Person, Place, Unit, User
from vanphong.infocenter import rules as rule_store
from vanphong.infocenter.ingest import IngestReport, do_ingest
from vanphong.infocenter.models import Delivery, InfoItem, KeywordRule, Source, Watch
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify
from vanphong.text import normalize

MANAGE_RIGHT = "infocenter.manage_sources"
UPLOAD_RIGHT = "infocenter.add_infoitem"
MAX_WATCHES = 20


def may_manage(user: User) -> bool:
    return bool(user.has_perm(MANAGE_RIGHT))


def may_upload(user: User) -> bool:
    return bool(user.has_perm(UPLOAD_RIGHT) or user.has_perm(MANAGE_RIGHT))


def _need(user: User, right: str) -> None:
    if not user.has_perm(right):
        raise Forbidden("Bạn không có quyền quản lý nguồn tin, quy tắc phân loại của trung tâm thông tin.")


def current_places() -> list[str]:
    return list(Place.objects.filter(valid_to__isnull=True).order_by("sort_key").values_list("short_name", flat=True))


# --- watches ---------------------------------------------------------------------------------------------------
@dataclass
class WatchIn:
    name: str = ""
    fields: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    leaders: list[int] = field(default_factory=list)  # core.Person ids
    email: bool = False
    active: bool = True


def check_save_watch(user: User, data: WatchIn, watch_id: int | None = None) -> Watch:
    """A specialist's own watch: what they follow. Unknown fields, places or people are refused by name."""
    names = set(rule_store.field_names())
    wrong = [f for f in data.fields if f not in names]
    if wrong:
        raise ServiceError(f"Không có lĩnh vực “{wrong[0]}”; hãy chọn trong danh sách.", field="fields")
    places = set(current_places())
    wrong = [p for p in data.places if p not in places]
    if wrong:
        raise ServiceError(f"Không có tỉnh, thành phố “{wrong[0]}” (34 tỉnh, thành phố hiện nay).", field="places")
    leaders = list(Person.objects.filter(pk__in=data.leaders))
    if len(leaders) != len(set(data.leaders)):
        raise ServiceError("Có lãnh đạo được chọn không còn trong danh bạ; hãy chọn lại.", field="leaders")
    if not (data.fields or data.places or leaders):
        raise ServiceError("Hãy chọn ít nhất một lĩnh vực, địa bàn hoặc lãnh đạo để theo dõi.", field="fields")
    name = normalize(data.name).strip()[:200]
    watch = None
    if watch_id is not None:
        watch = Watch.objects.filter(pk=watch_id, user=user).first()
        if watch is None:
            from django.http import Http404

            raise Http404
    elif Watch.objects.filter(user=user).count() >= MAX_WATCHES:
        raise ServiceError(f"Mỗi người có tối đa {MAX_WATCHES} mục theo dõi; hãy gộp bớt.")
    return do_save_watch(user, watch, name, list(dict.fromkeys(data.fields)), list(dict.fromkeys(data.places)),
                         leaders, data.email, data.active)


def do_save_watch(user: User, watch: Watch | None, name: str, fields: list[str], places: list[str],
                  leaders: list[Person], email: bool, active: bool) -> Watch:
    with transaction.atomic():
        old = None if watch is None else {"fields": watch.fields, "places": watch.places, "active": watch.active}
        if watch is None:
            watch = Watch(user=user)
        watch.name, watch.fields, watch.places, watch.email, watch.active = name, fields, places, email, active
        watch.save()
        watch.leaders.set(leaders)
        record_event("infocenter.watch_saved", actor=user, obj=watch, old=old, new={
            "fields": fields, "places": places, "leaders": [p.pk for p in leaders], "email": email,
            "active": active})
    return watch


def do_delete_watch(user: User, watch_id: int) -> None:
    with transaction.atomic():
        watch = Watch.objects.filter(pk=watch_id, user=user).select_for_update().first()
        if watch is None:
            from django.http import Http404

            raise Http404
        record_event("infocenter.watch_deleted", actor=user, obj=watch, old={"fields": watch.fields,
                                                                           "places": watch.places})
        watch.delete()


def do_mark_seen(user: User, delivery_ids: list[int] | None = None) -> int:
    """Mark the person's own feed entries seen (all unseen when `delivery_ids` is None)."""
    with transaction.atomic():
        qs = Delivery.objects.filter(user=user, seen_at__isnull=True)
        if delivery_ids is not None:
            qs = qs.filter(pk__in=delivery_ids)
        n = qs.update(seen_at=timezone.now())
        if n:
            record_event("infocenter.feed_seen", actor=user, new={"count": n})
    return n


def mark_item_seen(user: User, item: InfoItem) -> None:
    """Opening an item (or its event) from the feed marks it seen; no audit event of its own (reading is not a
    change, and a classified read is already audited by the policy)."""
    Delivery.objects.filter(user=user, item=item, seen_at__isnull=True).update(seen_at=timezone.now())


# --- sources ---------------------------------------------------------------------------------------------------
@dataclass
class SourceIn:
    name: str
    kind: str
    url: str = ""
    path: str = ""
    outlet: str = ""
    classification: int = Classification.THUONG
    interval_minutes: int = 30
    delay_seconds: float = 2.0
    active: bool = True


def check_save_source(actor: User, data: SourceIn, source_id: int | None = None) -> Source:
    _need(actor, MANAGE_RIGHT)
    name = normalize(data.name).strip()
    if not name:
        raise ServiceError("Hãy ghi tên nguồn tin.", field="name")
    if data.kind not in Source.Kind.values:
        raise ServiceError("Loại nguồn không hợp lệ.", field="kind")
    url, path = data.url.strip(), data.path.strip()
    if data.kind in (Source.Kind.FEED, Source.Kind.PAGE):
        if not url.lower().startswith(("http://", "https://")):
            raise ServiceError("Địa chỉ kênh tin hay trang web phải bắt đầu bằng http:// hoặc https://.", field="url")
        path = ""
    elif data.kind == Source.Kind.FOLDER:
        from vanphong.infocenter.fetch import FetchError, check_folder

        try:
            path = str(check_folder(path))
        except FetchError as exc:
            raise ServiceError(exc.message, field="path") from None
        url = ""
    else:
        url = path = ""
    check_may_classify(actor, data.classification, "đặt nguồn tin")
    if not 1 <= data.interval_minutes <= 7 * 24 * 60:
        raise ServiceError("Chu kỳ lấy tin từ 1 phút đến 7 ngày.", field="interval_minutes")
    if not 0 <= data.delay_seconds <= 600:
        raise ServiceError("Giãn cách giữa hai lần gọi từ 0 đến 600 giây.", field="delay_seconds")
    source = None
    if source_id is not None:
        source = Source.objects.filter(pk=source_id).first()
        if source is None:
            from django.http import Http404

            raise Http404
    return do_save_source(actor, source, SourceIn(name[:200], data.kind, url, path, normalize(data.outlet)[:200],
                                                  data.classification, data.interval_minutes, data.delay_seconds,
                                                  data.active))


def do_save_source(actor: User, source: Source | None, d: SourceIn) -> Source:
    with transaction.atomic():
        old = None if source is None else {"name": source.name, "url": source.url, "path": source.path,
                                           "active": source.active, "classification": source.classification}
        if source is None:
            source = Source(created_by=actor)
        changed_target = (source.url, source.path) != (d.url, d.path)
        (source.name, source.kind, source.url, source.path, source.outlet, source.classification,
         source.interval_minutes, source.delay_seconds, source.active) = (
            d.name, d.kind, d.url, d.path, d.outlet, d.classification, d.interval_minutes, d.delay_seconds, d.active)
        if changed_target:
            # A new address: what the old server said no longer applies.
            source.etag = source.last_modified = ""
        source.save()
        record_event("infocenter.source_saved", actor=actor, obj=source, old=old, new={
            "name": source.name, "kind": source.kind, "url": source.url, "path": source.path,
            "active": source.active, "classification": source.classification})
    return source


def check_fetch_now(actor: User, source_id: int) -> Source:
    """Queue a fetch of the source at once (after commit); its next regular turn follows its interval."""
    _need(actor, MANAGE_RIGHT)
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        from django.http import Http404

        raise Http404
    if source.kind == Source.Kind.UPLOAD:
        raise ServiceError("Nguồn gửi lên bằng tay không có gì để lấy; hãy dùng trang tải báo cáo lên.")
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(last_status="Đang chờ lấy tin…")
        record_event("infocenter.fetch_requested", actor=actor, obj=source)
        from vanphong.infocenter.tasks import fetch_source

        transaction.on_commit(partial(fetch_source.enqueue, source.pk), robust=True)
    return source


# --- uploads ---------------------------------------------------------------------------------------------------
UPLOAD_SUFFIXES = {".html", ".htm", ".txt", ".docx", ".pdf"}


@dataclass
class Uploaded:
    report: IngestReport
    items: list[InfoItem]


def upload_source(actor: User, outlet: str) -> Source:
    """The hand-upload source of a sending body (one per outlet), made on first use."""
    outlet = normalize(outlet).strip()[:200] or "Báo cáo gửi lên"
    source = Source.objects.filter(kind=Source.Kind.UPLOAD, outlet=outlet).first()
    if source is None:
        source = Source.objects.create(name=f"Báo cáo của {outlet}"[:200], kind=Source.Kind.UPLOAD, outlet=outlet,
                                       created_by=actor, active=True)
    return source


def check_upload_report(actor: User, upload: Any, filename: str, *, outlet: str, classification: int,
                        share_unit: bool = True) -> Uploaded:
    """A provincial report uploaded by hand: the original kept in the file store, its text taken in like any
    item, at the level chosen (shared with the uploader's unit when classified)."""
    if not may_upload(actor):
        raise Forbidden("Bạn không có quyền gửi báo cáo vào trung tâm thông tin.")
    suffix = Path(filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ServiceError("Chỉ nhận tệp HTML, TXT, DOCX hoặc PDF.", field="file")
    if not normalize(outlet).strip():
        raise ServiceError("Hãy ghi đơn vị gửi báo cáo (ví dụ: Tỉnh ủy Lào Cai).", field="outlet")
    check_may_classify(actor, classification, "gửi báo cáo")
    from vanphong.files.services import check_store_file
    from vanphong.infocenter.fetch import read_document

    stored = check_store_file(actor, upload, filename)
    with stored.open() as f:
        data = f.read()
    raws = read_document(filename, data, suffix)
    for raw in raws:
        # The file's hash names it: the same report uploaded twice is taken in once.
        raw.source = f"tep:{stored.sha256}" + (f"#{raw.source}" if raw.kind == "feed" else "")
        raw.outlet = raw.outlet or normalize(outlet).strip()
    errors = [r.error for r in raws if r.error]
    if errors and len(errors) == len(raws):
        raise ServiceError(errors[0], field="file")
    source = upload_source(actor, outlet)
    unit_id = actor.unit_id_or_none
    unit = Unit.objects.filter(pk=unit_id).first() if share_unit and unit_id is not None else None
    report = do_ingest(raws, actor=actor, source=source, classification=classification,
                       shared_units=[unit] if unit is not None and classification > Classification.THUONG else [],
                       originals={r.source: stored for r in raws})
    if report.errors and not report.created:
        raise ServiceError(report.errors[0][1], field="file")
    items = list(InfoItem.objects.filter(pk__in=report.created))
    if not items and report.skipped:
        items = list(InfoItem.objects.filter(source=source, reference__in=[r.source for r in raws]))
    return Uploaded(report, items)


# --- rules and labels ------------------------------------------------------------------------------------------
@dataclass
class RuleIn:
    kind: str
    target: str
    phrase: str
    weight: float = 1.0
    active: bool = True


def check_save_rule(actor: User, data: RuleIn, rule_id: int | None = None) -> KeywordRule:
    _need(actor, MANAGE_RIGHT)
    if data.kind not in KeywordRule.Kind.values:
        raise ServiceError("Loại quy tắc không hợp lệ.", field="kind")
    targets = rule_store.field_names() if data.kind == KeywordRule.Kind.FIELD else current_places()
    if data.target not in targets:
        what = "lĩnh vực" if data.kind == KeywordRule.Kind.FIELD else "tỉnh, thành phố"
        raise ServiceError(f"Hãy chọn {what} trong danh sách.", field="target")
    phrase = " ".join(normalize(data.phrase).split())
    if len(phrase) < 2 or len(phrase) > 200:
        raise ServiceError("Cụm từ dài từ 2 đến 200 ký tự.", field="phrase")
    if not -20 <= data.weight <= 20:
        raise ServiceError("Trọng số từ -20 đến 20 (số âm: cụm từ làm giảm điểm).", field="weight")
    rule = None
    if rule_id is not None:
        rule = KeywordRule.objects.filter(pk=rule_id).first()
        if rule is None:
            from django.http import Http404

            raise Http404
    return do_save_rule(actor, rule, RuleIn(data.kind, data.target, phrase, float(data.weight), data.active))


def do_save_rule(actor: User, rule: KeywordRule | None, d: RuleIn) -> KeywordRule:
    try:
        with transaction.atomic():
            old = None if rule is None else {"target": rule.target, "phrase": rule.phrase, "weight": rule.weight,
                                             "active": rule.active}
            rule = rule or KeywordRule()
            rule.kind, rule.target, rule.phrase, rule.weight, rule.active = (d.kind, d.target, d.phrase, d.weight,
                                                                             d.active)
            rule.updated_by = actor
            rule.save()
            record_event("infocenter.rule_saved", actor=actor, obj=rule, old=old, new={
                "kind": rule.kind, "target": rule.target, "phrase": rule.phrase, "weight": rule.weight,
                "active": rule.active})
    except IntegrityError:
        raise ServiceError(f"Đã có quy tắc “{d.phrase}” cho {d.target}; hãy sửa quy tắc đó.", field="phrase") from None
    return rule


def do_delete_rule(actor: User, rule_id: int) -> None:
    _need(actor, MANAGE_RIGHT)
    with transaction.atomic():
        rule = KeywordRule.objects.filter(pk=rule_id).first()
        if rule is None:
            from django.http import Http404

            raise Http404
        record_event("infocenter.rule_deleted", actor=actor, obj=rule,
                     old={"kind": rule.kind, "target": rule.target, "phrase": rule.phrase, "weight": rule.weight})
        rule.delete()


def check_confirm_fields(actor: User, item_id: int, fields: list[str]) -> InfoItem:
    """An analyst's correction of an item's fields: kept as a label the statistical model learns from."""
    item = policy.access(actor, InfoItem.objects.all(), item_id)
    _need(actor, MANAGE_RIGHT)
    names = rule_store.field_names()
    wrong = [f for f in fields if f not in names]
    if wrong:
        raise ServiceError(f"Không có lĩnh vực “{wrong[0]}”.", field="fields")
    with transaction.atomic():
        old = {"fields": item.fields, "confirmed": item.fields_confirmed}
        item.fields = [n for n in names if n in fields]
        item.fields_confirmed = True
        item.save(update_fields=["fields", "fields_confirmed", "updated_at"])
        record_event("infocenter.fields_confirmed", actor=actor, obj=item, old=old, new={"fields": item.fields})
    return item
