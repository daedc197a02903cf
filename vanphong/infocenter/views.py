"""Pages of the information centre: events, an event, an item (clean text beside what was removed), the
specialist's feed and watches, sources, the upload of a provincial report, and the analysts' keyword rules.
(Bulletins have their own views, views_bulletins.py.)"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import parse_id
from vanphong.core.models import Person
from vanphong.files.http import file_response
from vanphong.infocenter import queries, services
from vanphong.infocenter import rules as rule_store
from vanphong.infocenter.fetch import folder_root
from vanphong.infocenter.learn import MIN_LABELLED, current_model
from vanphong.infocenter.models import Delivery, InfoItem, KeywordRule, Source, Watch
from vanphong.security.classification import Classification, installation_ceiling

PAGE = 30


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _levels(user: Any) -> list[tuple[int, str]]:
    top = min(user.clearance, installation_ceiling())
    return [(v, label) for v, label in Classification.choices if v <= top]


def _float(value: str | None, default: float) -> float:
    try:
        return float((value or "").replace(",", "."))
    except ValueError:
        return default


def _int(value: str | None, default: int) -> int:
    n = parse_id(value) if value not in (None, "", "0") else None
    return n if n is not None else (0 if value == "0" else default)


@login_required
def events_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    g = request.GET
    names = rule_store.field_names()
    places = services.current_places()
    f = queries.Filters(field=g.get("linh-vuc", "") if g.get("linh-vuc") in names else "",
                        place=g.get("dia-ban", "") if g.get("dia-ban") in places else "",
                        notable=g.get("dang-chu-y") == "1")
    page = Paginator(queries.events(user, f), PAGE).get_page(g.get("trang"))
    return render(request, "infocenter/events.html", {
        "page": page, "f": f, "fields": names, "places": places, "unseen": queries.unseen_count(user),
        "may_manage": services.may_manage(user), "may_upload": services.may_upload(user),
    })


@login_required
def event_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    event = queries.access_event(user, pk, address=_address(request))
    entries = queries.timeline(user, event)
    Delivery.objects.filter(user=user, event=event, seen_at__isnull=True).update(seen_at=timezone.now())
    return render(request, "infocenter/event.html", {"event": event, "entries": entries})


@login_required
def item_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = queries.access_item(user, pk, address=_address(request))
    services.mark_item_seen(user, item)
    event = item.event if item.event_id and queries.visible_events(user).filter(pk=item.event_id).exists() else None
    original = item.copy_of if item.copy_of_id and queries.visible_items(user).filter(pk=item.copy_of_id).exists() \
        else None
    return render(request, "infocenter/item.html", {
        "item": item, "event": event, "original": original, "copies": queries.copies_of(user, item),
        "paragraphs": item.text.split("\n"), "fields": rule_store.field_names(),
        "may_manage": services.may_manage(user),
    })


@login_required
@require_POST
def confirm_fields_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    try:
        item = services.check_confirm_fields(user, pk, request.POST.getlist("fields"))
    except ServiceError as exc:
        queries.access_item(user, pk)  # 404 first for what one may not see
        messages.error(request, exc.message)
        return redirect("infocenter:item", pk=pk)
    messages.success(request, "Đã xác nhận lĩnh vực của tin; tin này được dùng để học phân loại.")
    return redirect(item)


@login_required
def original_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = acting_user(request)
    item = queries.access_item(user, pk, address=_address(request))
    if item.original is None:
        raise Http404
    return file_response(item.original, item.original.original_name or f"tin-{item.pk}")


# --- the feed and watches ----------------------------------------------------------------------------------------
@login_required
def feed_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(queries.feed(user), PAGE).get_page(request.GET.get("trang"))
    return render(request, "infocenter/feed.html", {
        "page": page, "unseen": queries.unseen_count(user),
        "has_watches": Watch.objects.filter(user=user, active=True).exists(),
    })


@login_required
@require_POST
def feed_seen_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("delivery")) if i is not None]
    n = services.do_mark_seen(user, None if request.POST.get("all") == "1" else ids)
    messages.success(request, f"Đã đánh dấu {n} tin là đã xem.")
    return redirect("infocenter:feed")


def _watch_in(request: HttpRequest) -> services.WatchIn:
    p = request.POST
    return services.WatchIn(name=p.get("name", ""), fields=p.getlist("fields"), places=p.getlist("places"),
                            leaders=[i for i in (parse_id(v) for v in p.getlist("leaders")) if i is not None][:50],
                            email=p.get("email") == "1", active=p.get("active", "1") == "1")


def _leaders() -> list[Person]:
    # The people the office follows: those holding a position (the gazetteer's leaders are people of the model).
    return list(Person.objects.filter(positions__body__isnull=False).distinct().order_by("sort_key")[:500])


@login_required
def watches_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    watch = None
    if pk is not None:
        watch = Watch.objects.filter(pk=pk, user=user).first()
        if watch is None:
            raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.check_save_watch(user, _watch_in(request), watch.pk if watch else None)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, "Đã lưu lĩnh vực, địa bàn theo dõi.")
            return redirect("infocenter:watches")
    return render(request, "infocenter/watches.html", {
        "watches": Watch.objects.filter(user=user).prefetch_related("leaders"), "editing": watch,
        "fields": rule_store.field_names(), "places": services.current_places(), "leaders": _leaders(),
        "chosen_leaders": {p.pk for p in watch.leaders.all()} if watch else set(), "error": error,
    }, status=400 if error else 200)


@login_required
@require_POST
def watch_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    services.do_delete_watch(user, pk)
    messages.success(request, "Đã xóa mục theo dõi.")
    return redirect("infocenter:watches")


# --- sources -----------------------------------------------------------------------------------------------------
def _source_in(request: HttpRequest) -> services.SourceIn:
    p = request.POST
    return services.SourceIn(
        name=p.get("name", ""), kind=p.get("kind", ""), url=p.get("url", ""), path=p.get("path", ""),
        outlet=p.get("outlet", ""), classification=_int(p.get("classification"), Classification.THUONG),
        interval_minutes=_int(p.get("interval_minutes"), 30), delay_seconds=_float(p.get("delay_seconds"), 2.0),
        active=p.get("active") == "1")


@login_required
def sources_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise Http404
    return render(request, "infocenter/sources.html", {"sources": queries.sources(user)})


@login_required
def source_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise Http404
    source = None
    if pk is not None:
        source = Source.objects.filter(pk=pk).first()
        if source is None:
            raise Http404
    error, field = "", ""
    if request.method == "POST":
        try:
            saved = services.check_save_source(user, _source_in(request), source.pk if source else None)
        except ServiceError as exc:
            error, field = exc.message, exc.field or ""
        else:
            messages.success(request, f"Đã lưu nguồn tin “{saved.name}”.")
            return redirect("infocenter:sources")
    return render(request, "infocenter/source.html", {
        "source": source, "kinds": Source.Kind.choices, "levels": _levels(user), "error": error,
        "error_field": field, "posted": request.POST if request.method == "POST" else None,
        "folder_root": str(folder_root()),
    }, status=400 if error else 200)


@login_required
@require_POST
def source_fetch_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise Http404
    try:
        source = services.check_fetch_now(user, pk)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã đưa nguồn “{source.name}” vào hàng đợi lấy tin.")
    return redirect("infocenter:sources")


@login_required
def upload_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not services.may_upload(user):
        raise Http404
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "Hãy chọn tệp báo cáo (HTML, TXT, DOCX hoặc PDF)."
        else:
            try:
                done = services.check_upload_report(
                    user, upload, upload.name or "bao-cao.txt", outlet=request.POST.get("outlet", ""),
                    classification=_int(request.POST.get("classification"), Classification.THUONG))
            except ServiceError as exc:
                error = exc.message
            else:
                if done.report.created:
                    messages.success(request, f"Đã nhận báo cáo: {done.report.summary()}.")
                else:
                    messages.info(request, "Báo cáo này đã được gửi lên trước đây.")
                if done.items:
                    return redirect(done.items[0])
                return redirect("infocenter:events")
    return render(request, "infocenter/upload.html", {"levels": _levels(user), "error": error,
                                                      "posted": request.POST}, status=400 if error else 200)


# --- rules -------------------------------------------------------------------------------------------------------
@login_required
def rules_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise Http404
    rule = None
    if pk is not None:
        rule = KeywordRule.objects.filter(pk=pk).first()
        if rule is None:
            raise Http404
    error = ""
    if request.method == "POST":
        p = request.POST
        data = services.RuleIn(kind=p.get("kind", ""), target=p.get("target", ""), phrase=p.get("phrase", ""),
                               weight=_float(p.get("weight"), 1.0), active=p.get("active", "1") == "1")
        try:
            services.check_save_rule(user, data, rule.pk if rule else None)
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(request, "Đã lưu quy tắc; áp dụng cho các tin nhận từ bây giờ.")
            return redirect("infocenter:rules")
    g = request.GET
    kind = g.get("loai", KeywordRule.Kind.FIELD)
    target = g.get("muc", "")
    qs = KeywordRule.objects.filter(kind=kind if kind in KeywordRule.Kind.values else KeywordRule.Kind.FIELD)
    if target:
        qs = qs.filter(target=target)
    model = current_model()
    return render(request, "infocenter/rules.html", {
        "page": Paginator(qs.order_by("target", "-weight", "phrase"), 100).get_page(g.get("trang")),
        "rule": rule, "kind": kind, "target": target, "fields": rule_store.field_names(),
        "places": services.current_places(), "error": error, "kinds": KeywordRule.Kind.choices,
        "model": model, "min_labelled": MIN_LABELLED,
        "labelled": InfoItem.objects.filter(fields_confirmed=True).count(),
    }, status=400 if error else 200)


@login_required
@require_POST
def rule_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise Http404
    services.do_delete_rule(user, pk)
    messages.success(request, "Đã xóa quy tắc.")
    return redirect("infocenter:rules")
