"""Pages of work programmes, their items and adjustments, carrying down, and the leaders' weekly calendar."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.ids import parse_id
from vanphong.programs import periods, queries, services
from vanphong.programs.forms_programmes import CarryForm, ItemForm, ProgramForm, ScheduleForm
from vanphong.programs.models.programme import ProgramAdjustment, ProgramItem, WorkProgram
from vanphong.security import policy

ID_PROBE = 271828182845904523


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return render(request, "programs/programme_list.html", {
        "programs": queries.programs(user), "may_manage": services.may_manage(user)})


@login_required
def program_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise PermissionDenied
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            program = services.check_create_program(
                user, body_id=d["body"].pk, term_id=d["term"].pk, period=d["period"], year=d["year"],
                number=d["number"], title=d["title"])
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã lập chương trình; hãy thêm các mục.")
            return redirect(program.get_absolute_url())
    return render(request, "programs/programme_new.html", {"form": form}, status=400 if form.errors else 200)


def _item_form(request: HttpRequest, user: Any, program: WorkProgram) -> ItemForm:
    approved = program.status == WorkProgram.Status.APPROVED
    return ItemForm(request.POST if request.method == "POST" else None, user=user, approved=approved,
                    initial={"planned_start": program.start, "planned_end": program.end})


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    program = services.access_program(user, pk)
    may_manage = services.may_manage(user)
    form = _item_form(request, user, program) if may_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.check_create_item(
                    user, program, title=d["title"], kind=d["kind"], lead_body_id=d["lead_body"].pk,
                    co_body_ids=[b.pk for b in d["co_bodies"]], office_unit_id=d["office_unit"].pk
                    if d["office_unit"] else None, planned_start=d["planned_start"], planned_end=d["planned_end"],
                    classification=d["classification"], description=d["description"],
                    reason=d.get("reason", ""), decided_by=d.get("decided_by", ""),
                    expected_version=posted_version(request))
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, "Đã thêm mục vào chương trình.")
                return redirect(program.get_absolute_url())
    done, planned, rate = queries.completion_rate(program, user)
    return render(request, "programs/programme_detail.html", {
        "program": program, "groups": queries.grouped_items(user, program), "form": form,
        "adjustments": queries.adjustment_rows(user, program=program), "rate": rate, "done": done,
        "planned": planned, "may_manage": may_manage,
        "children": list(program.children.order_by("start", "pk")) if program.period in periods.NARROWER else [],
        "has_narrower": program.period in periods.NARROWER,
        "may_carry": may_manage and bool(periods.narrower_choices(program)),
        # One reverse() for every row's link (a year's programme has hundreds).
        **dict(zip(("item_prefix", "item_suffix"), reverse("programs:item", args=[ID_PROBE]).split(str(ID_PROBE)),
                   strict=True)),
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def program_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    program = services.access_program(user, pk)
    try:
        services.do_approve_program(user, program, posted_version(request))
    except ServiceError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã thông qua chương trình; từ nay mỗi thay đổi là một điều chỉnh có lý do.")
    return redirect(program.get_absolute_url())


@login_required
def program_carry(request: HttpRequest, pk: int) -> HttpResponse:
    """Carry a programme down: choose the quarter (month, week) and the items that go into it."""
    user = acting_user(request)
    parent = services.access_program(user, pk)
    if not services.may_manage(user):
        raise PermissionDenied
    choices = periods.narrower_choices(parent)
    if not choices:
        messages.error(request, "Chỉ lập chương trình quý từ chương trình năm, tháng từ quý, tuần từ tháng.")
        return redirect(parent.get_absolute_url())
    children = {c.number: c for c in parent.children.all()}
    taken = set(children)
    free = [c for c in choices if c.number not in taken] or choices
    wanted = parse_id(request.POST.get("number") or request.GET.get("ky"))
    chosen = next((c for c in choices if c.number == wanted), None) or _nearest(free, timezone.localdate())
    items = list(queries.items_of(user, parent).exclude(status__in=queries.LIVE_EXCLUDED)
                 .order_by("planned_end", "order", "pk"))
    form = CarryForm(request.POST if request.method == "POST" else None,
                     choices=[(c.number, c.label + (" (đã lập)" if c.number in taken else "")) for c in choices],
                     item_ids=[i.pk for i in items],
                     initial={"number": chosen.number, "items": [str(i.pk) for i in items
                                                                 if chosen.start <= i.planned_end <= chosen.end]})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            child = services.check_carry_down(user, parent, number=d["number"], item_ids=d["items"],
                                              title=d["title"], expected_version=posted_version(request))
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Đã lập {child.title} với {child.items.count()} mục từ chương trình cấp trên.")
            return redirect(child.get_absolute_url())
    selected = set(form["items"].value() or [])
    rows = [{"item": i, "checked": str(i.pk) in selected,
             "inside": i.planned_start <= chosen.end and i.planned_end >= chosen.start} for i in items]
    return render(request, "programs/programme_carry.html", {
        "parent": parent, "form": form, "rows": rows, "chosen": chosen, "choices": choices, "taken": taken,
        "existing": children.get(chosen.number),
        "period_label": WorkProgram.Period(periods.NARROWER[parent.period]).label,
    }, status=400 if form.errors else 200)


def _nearest(choices: list[periods.Choice], today: date) -> periods.Choice:
    """The period holding today, else the first one still to come, else the first."""
    return (next((c for c in choices if c.start <= today <= c.end), None)
            or next((c for c in choices if c.start > today), None) or choices[0])


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = policy.access(user, ProgramItem.objects.select_related("program", "lead_body", "office_unit"), pk,
                         address=request.META.get("REMOTE_ADDR", ""))
    may_manage = services.may_manage(user)
    error = None
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        try:
            services.check_adjust_item(
                user, item.pk, kind=request.POST.get("kind", ""), reason=request.POST.get("reason", ""),
                decided_by=request.POST.get("decided_by", ""), expected_version=posted_version(request),
                planned_start=_parse(request.POST.get("planned_start", "")),
                planned_end=_parse(request.POST.get("planned_end", "")))
        except ServiceError as e:
            error = e
        else:
            messages.success(request, "Đã ghi nhận điều chỉnh.")
            return redirect(item.get_absolute_url())
    return render(request, "programs/item_detail.html", {
        "item": item, "trace": queries.trace_of_item(user, item), "error": error,
        "may_adjust": may_manage and item.program.status == WorkProgram.Status.APPROVED
        and item.status not in (*queries.LIVE_EXCLUDED, ProgramItem.Status.DECIDED),
        "adjustments": queries.adjustment_rows(user, item=item), "form": request.POST if error else {},
        "adjust_kinds": [c for c in ProgramAdjustment.Kind.choices if c[0] != ProgramAdjustment.Kind.ADDED],
    }, status=400 if error else 200)


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# --- the leaders' calendar ---------------------------------------------------------------------------------


def _monday(request: HttpRequest) -> tuple[date, bool]:
    """The week asked for (?tuan=yyyy-mm-dd, any day of it), or this week; False when the value was garbled."""
    today = timezone.localdate()
    raw = request.GET.get("tuan", "")
    day = _parse(raw) if raw else today
    if day is None or not 1900 <= day.year <= 2200:
        return queries.week_start(today), False
    return queries.week_start(day), True


def _week_url(monday: date) -> str:
    return f"{reverse('programs:calendar')}?tuan={monday.isoformat()}"


@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    monday, ok = _monday(request)
    return _calendar(request, user, monday, None if not services.may_manage(user) else ScheduleForm(
        people=_schedule_people(monday), initial={"day": max(monday, timezone.localdate())
                                                  if monday <= timezone.localdate() <= monday + timedelta(days=6)
                                                  else monday}), bad_week=not ok)


def _schedule_people(monday: date) -> Any:
    from vanphong.core.models import Person

    ids = queries.leaders(monday + timedelta(days=6)).values("pk")
    return Person.objects.filter(pk__in=ids).order_by("sort_key")


def _calendar(request: HttpRequest, user: Any, monday: date, form: ScheduleForm | None, *, bad_week: bool = False,
              clash: Any = None, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "programs/calendar_week.html", {
        "week": queries.calendar_week(user, monday, today), "form": form, "clash": clash, "bad_week": bad_week,
        "previous": _week_url(monday - timedelta(days=7)), "next": _week_url(monday + timedelta(days=7)),
        "this_week": _week_url(queries.week_start(today)), "is_this_week": monday == queries.week_start(today),
        "iso_week": monday.isocalendar().week,
    }, status=status)


@login_required
@require_POST
def calendar_add(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not services.may_manage(user):
        raise PermissionDenied
    day = _parse(request.POST.get("day", "")) or timezone.localdate()
    monday = queries.week_start(day if 1900 <= day.year <= 2200 else timezone.localdate())
    form = ScheduleForm(request.POST, people=_schedule_people(monday))
    clash = None
    if form.is_valid():
        starts_at, ends_at = form.span()
        try:
            services.check_create_schedule_entry(
                user, person=form.cleaned_data["person"], starts_at=starts_at, ends_at=ends_at,
                title=form.cleaned_data["title"], place=form.cleaned_data["place"], kind=form.cleaned_data["kind"],
                confirmed=form.cleaned_data["confirmed"])
        except services.ScheduleClash as exc:
            clash = exc  # shown beside the form with the entries it overlaps, and the box to confirm
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã thêm lịch công tác.")
            return redirect(_week_url(monday))
    return _calendar(request, user, monday, form, clash=clash, status=409 if clash else 400)
