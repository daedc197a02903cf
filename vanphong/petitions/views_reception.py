"""Pages of citizen reception: the month's calendar with the rule's warnings, scheduling a day, a day's page with
the people received, the minutes and the follow-up letters."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.models import Place
from vanphong.petitions import reception
from vanphong.petitions.flows import HANDLE_RIGHT
from vanphong.petitions.forms_reception import MinutesForm, ReceptionForm, VisitorForm
from vanphong.petitions.models import ReceptionDay

MONTHS = ["", "Tháng Một", "Tháng Hai", "Tháng Ba", "Tháng Tư", "Tháng Năm", "Tháng Sáu", "Tháng Bảy", "Tháng Tám",
          "Tháng Chín", "Tháng Mười", "Tháng Mười một", "Tháng Mười hai"]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _month(text: str | None) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        y, m = (int(x) for x in (text or "").split("-"))
        if 2000 <= y <= 2100 and 1 <= m <= 12:
            return y, m
    except ValueError:
        pass
    return today.year, today.month


def _shift(y: int, m: int, by: int) -> str:
    n = y * 12 + (m - 1) + by
    return f"{n // 12}-{n % 12 + 1:02d}"


@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    y, m = _month(request.GET.get("thang"))
    first, last = reception.month_bounds(y, m)
    visible = reception.visible_days(user)
    days = list(visible.filter(day__gte=first, day__lte=last).prefetch_related("visitors"))
    by_day: dict[date, list[ReceptionDay]] = {}
    for d in days:
        by_day.setdefault(d.day, []).append(d)
    weeks = [[(day, by_day.get(day, [])) if day.month == m else (None, []) for day in week]
             for week in calendar.Calendar().monthdatescalendar(y, m)]
    return render(request, "petitions/reception_calendar.html", {
        "weeks": weeks, "weekdays": WEEKDAYS, "title": f"{MONTHS[m]} năm {y}", "days": days,
        "prev": _shift(y, m, -1), "next": _shift(y, m, 1), "today": timezone.localdate(),
        "warnings": reception.shortfalls(visible, first, last),
        "may_schedule": user.has_perm(HANDLE_RIGHT),
    })


@login_required
def new_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not user.has_perm(HANDLE_RIGHT):
        raise Http404
    form = ReceptionForm(request.POST or None, user=user, initial={"day": request.GET.get("ngay")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            done = reception.check_schedule(user, reception.DayIn(
                committee=d["committee"], level=d["level"], host=d["host"], day=d["day"], place=d["place"],
                note=d["note"], locality=d["locality"], unit=d["unit"], classification=d["classification"]))
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            for warning in done.warnings:
                messages.warning(request, warning)
            messages.success(request, f"Đã lên lịch tiếp công dân ngày {done.day.day:%d/%m/%Y}.")
            return redirect(done.day)
    return render(request, "petitions/reception_form.html", {
        "form": form, "places": Place.objects.filter(valid_to__isnull=True)}, status=400 if form.errors else 200)


@login_required
def day_view(request: HttpRequest, pk: int, visitor_form: VisitorForm | None = None,
             minutes_form: MinutesForm | None = None) -> HttpResponse:
    user = acting_user(request)
    day = reception.access_day(user, pk, address=str(request.META.get("REMOTE_ADDR", "")))
    handler = user.has_perm(HANDLE_RIGHT)
    today = timezone.localdate()
    first, last = reception.month_bounds(day.day.year, day.day.month)
    same = ReceptionDay.objects.filter(committee_key=day.committee_key)
    bad = (visitor_form is not None and visitor_form.errors) or (minutes_form is not None and minutes_form.errors)
    return render(request, "petitions/reception_day.html", {
        "day": day, "visitors": reception.visitors_of(day), "handler": handler,
        "visitor_form": visitor_form or VisitorForm(),
        "minutes_form": minutes_form or MinutesForm(initial={"version": day.version, "minutes": day.minutes}),
        "may_add": handler and day.status != ReceptionDay.Status.CANCELLED and day.day <= today,
        "may_minute": handler and not day.minutes_approved and day.day <= today,
        "may_approve": handler and bool(day.minutes) and not day.minutes_approved and day.minutes_by_id != user.pk,
        "warnings": [s.message for s in reception.shortfalls(same, first, last)],
        "statuses": ReceptionDay.Status.choices,
    }, status=400 if bad else 200)


@login_required
@require_POST
def visitor_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    reception.access_day(user, pk, audit=False)  # 404 first for a day the person may not see
    form = VisitorForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            reception.check_add_visitor(user, pk, reception.VisitorIn(
                name=d["name"], raised=d["raised"], address=d["address"], contact=d["contact"],
                group_size=d["group_size"], protected=d["protected"], kind=d["kind"], answer=d["answer"]))
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Đã ghi người được tiếp.")
            return redirect("petitions:reception", pk=pk)
    return day_view(request, pk, visitor_form=form)


@login_required
@require_POST
def minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    reception.access_day(user, pk, audit=False)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            reception.check_write_minutes(user, pk, form.cleaned_data["minutes"], form.cleaned_data["version"])
        except ServiceError as exc:
            form.add_error("minutes" if exc.field == "minutes" else None, exc.message)
        else:
            messages.success(request, "Đã lưu biên bản; cần một người khác duyệt.")
            return redirect("petitions:reception", pk=pk)
    return day_view(request, pk, minutes_form=form)


def _post_action(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    user = acting_user(request)
    reception.access_day(user, pk, audit=False)
    try:
        action(user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("petitions:reception", pk=pk)


@login_required
@require_POST
def approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(request, pk, lambda u: reception.check_approve_minutes(u, pk, posted_version(request)),
                        "Đã duyệt biên bản.")


@login_required
@require_POST
def status_view(request: HttpRequest, pk: int) -> HttpResponse:
    status = request.POST.get("status", "")
    return _post_action(request, pk, lambda u: reception.check_set_status(u, pk, status, posted_version(request)),
                        "Đã cập nhật buổi tiếp.")


@login_required
@require_POST
def follow_up_view(request: HttpRequest, pk: int, visitor: int) -> HttpResponse:
    user = acting_user(request)
    reception.access_day(user, pk, audit=False)
    if not reception.ReceptionVisitor.objects.filter(pk=visitor, reception_id=pk).exists():
        raise Http404
    try:
        letter = reception.check_follow_up(user, visitor)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:reception", pk=pk)
    messages.success(request, f"Đã vào sổ đơn số {letter.number}/{letter.year} từ buổi tiếp công dân.")
    return redirect(letter.case)
