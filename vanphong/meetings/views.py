"""Pages of meetings: the list, a new meeting, the meeting page (agenda, participants, packets, opinions, draft
conclusion, minutes) and the small forms it posts to; a participant's packet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user, posted_version
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Person
from vanphong.meetings import conclusions, queries, services
from vanphong.meetings.flows import MEETING, may_organise
from vanphong.meetings.forms import MeetingForm
from vanphong.meetings.models import ConclusionDraft, Meeting, Opinion, Participant
from vanphong.security.classification import Classification

WHEN = {"": "Tất cả", "sap-toi": "Sắp tới", "da-hop": "Đã họp"}


def _back(meeting_id: int, anchor: str = "") -> HttpResponse:
    response = redirect("meetings:meeting", pk=meeting_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _act(request: HttpRequest, meeting_id: int, anchor: str, done: str, fn: Callable[[], Any]) -> HttpResponse:
    """Run one change, say what happened (or why not) and go back to the meeting page."""
    try:
        result = fn()
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
        warning = getattr(result, "warning", None)
        if warning:
            messages.warning(request, warning)
    return _back(meeting_id, anchor)


@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    when = request.GET.get("khi", "")
    when = when if when in WHEN else ""
    kind = request.GET.get("loai", "")
    body_id = parse_id(request.GET.get("co-quan"))
    qs = queries.filtered(user, body_id=body_id, kind=kind, when=when)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    bodies = Body.objects.filter(kind=Body.Kind.LEADERSHIP).order_by("order")
    return render(request, "meetings/list.html", {
        "page": page, "when": when, "whens": WHEN, "kind": kind, "kinds": Meeting.Kind.choices,
        "body_id": body_id, "bodies": bodies, "may_create": services.may_create(user),
    })


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = MeetingForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            m = services.check_create_meeting(user, form.data_object())
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Đã tạo phiên họp; hãy xây dựng chương trình họp.")
            return redirect(m)
    return render(request, "meetings/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    m = services.access_meeting(user, pk, audit=True)
    organiser = may_organise(user, m)
    agenda = list(m.agenda.select_related("proposal", "program_item"))
    drafts = list(m.drafts.select_related("created_by__person", "agenda_item"))
    versions = []
    previous: dict[int | None, ConclusionDraft] = {}
    for d in drafts:
        versions.append({"draft": d, "diff": conclusions.diff(previous.get(d.agenda_item_id), d)})
        previous[d.agenda_item_id] = d
    versions.reverse()
    conclusion_rows = []
    from vanphong.security import policy

    for c in m.conclusions.select_related("document__doc_type", "agenda_item"):
        if policy.can_view(user, c.document):
            conclusion_rows.append({"c": c, "points": conclusions.conclusion_points(c.document),
                                    "issued": c.document.status in conclusions.ISSUED,
                                    "may_assign": conclusions.may_assign_from(user, c)})
    participants = list(m.participants.select_related("person", "site"))
    may_issue = organiser and m.status in (m.Status.HELD, m.Status.CLOSED)
    mine = next((p for p in participants if user.person_id and p.person_id == user.person_id), None)
    return render(request, "meetings/detail.html", {
        "m": m, "organiser": organiser, "agenda": agenda, "total_minutes": sum(i.planned_minutes for i in agenda),
        "warning": services.agenda_warning(m, agenda), "participants": participants, "mine": mine,
        "sites": list(m.sites.select_related("place")), "summary": queries.summary(m), "versions": versions,
        "conclusions": conclusion_rows, "steps": MEETING.available(user, m), "history": MEETING.timeline(m),
        "offered": list(queries.offered_proposals(user, m)[:50]) if organiser and m.status == m.Status.PLANNED
        else [],
        # The leaders of the leadership bodies first (most have no account here), then the office's people.
        "people": list(Person.objects.filter(positions__body__kind=Body.Kind.LEADERSHIP).distinct()
                       .order_by("sort_key")[:200]) + list(Person.objects.filter(user__isnull=False)
                                                         .order_by("sort_key")[:300]) if organiser else [],
        "bodies": Body.objects.order_by("order", "sort_key")[:300] if organiser else [],
        "roles": Participant.Role.choices, "responses": Opinion.Response.choices[1:],
        "levels": [c for c in Classification if c <= user.clearance],
        "doc_types": conclusions.CONCLUSION_TYPES, "may_edit_agenda": organiser and m.status == m.Status.PLANNED,
        "may_opine": m.status in (m.Status.PREPARED, m.Status.HELD) and (organiser or mine is not None),
        "may_draft": organiser and m.status in (m.Status.PREPARED, m.Status.HELD, m.Status.CLOSED),
        "may_issue": may_issue, "signers": conclusions.signers_for(m) if may_issue else [],
        "may_minutes": organiser and m.status == m.Status.HELD,
    })


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user = acting_user(request)
    return _act(request, pk, "", "Đã chuyển bước.", lambda: services.check_step(
        user, pk, name, posted_version(request), note=request.POST.get("note", "")))


@login_required
@require_POST
def agenda_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _act(request, pk, "chuong-trinh", "Đã thêm nội dung vào chương trình họp.",
                lambda: services.check_add_agenda_item(
                    user, pk, posted_version(request), proposal_id=parse_id(request.POST.get("proposal")),
                    title=request.POST.get("title", ""), planned_minutes=request.POST.get("planned_minutes"),
                    presenter=request.POST.get("presenter", "")))


@login_required
@require_POST
def agenda_arrange_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    rows = []
    for raw in request.POST.getlist("item"):
        item_id = parse_id(raw)
        if item_id is not None:
            rows.append((item_id, request.POST.get(f"order-{item_id}"), request.POST.get(f"minutes-{item_id}")))
    return _act(request, pk, "chuong-trinh", "Đã sắp xếp chương trình họp.",
                lambda: services.check_arrange_agenda(user, pk, posted_version(request), rows))


@login_required
@require_POST
def agenda_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = services.access_item(user, pk)
    return _act(request, item.meeting_id, "chuong-trinh", "Đã gỡ nội dung khỏi chương trình.",
                lambda: services.check_remove_agenda_item(user, pk, posted_version(request)))


@login_required
@require_POST
def participant_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    level = request.POST.get("clearance", "")
    return _act(request, pk, "nguoi-du", "Đã thêm người dự.", lambda: services.check_add_participant(
        user, pk, posted_version(request), person_id=parse_id(request.POST.get("person")) or 0,
        role=request.POST.get("role", ""), site_id=parse_id(request.POST.get("site")),
        clearance=int(level) if level.isdigit() else None,
        item_ids=[i for i in (parse_id(v) for v in request.POST.getlist("items")) if i]))


@login_required
@require_POST
def participant_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    p = services.access_participant(user, pk)
    return _act(request, p.meeting_id, "nguoi-du", "Đã bớt người dự.",
                lambda: services.check_remove_participant(user, pk, posted_version(request)))


@login_required
@require_POST
def site_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _act(request, pk, "nguoi-du", "Đã thêm điểm cầu.", lambda: services.check_add_site(
        user, pk, posted_version(request), name=request.POST.get("name", ""),
        place_id=parse_id(request.POST.get("place")), is_main=request.POST.get("is_main") == "1"))


@login_required
@require_POST
def document_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _act(request, pk, "tai-lieu", "Đã thêm tài liệu của phiên họp.", lambda: services.check_add_meeting_document(
        user, pk, posted_version(request), document_id=parse_id(request.POST.get("document")) or 0,
        members_only=request.POST.get("members_only") == "1"))


@login_required
@require_POST
def opinion_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """pk: the agenda item."""
    user = acting_user(request)
    item = services.access_item(user, pk)
    received = None
    raw = request.POST.get("received_at", "").strip()
    if raw:
        try:
            received = timezone.make_aware(datetime.strptime(raw, "%Y-%m-%dT%H:%M"))
        except ValueError:
            messages.error(request, "Thời điểm nhận ý kiến không đúng dạng ngày giờ.")
            return _back(item.meeting_id, "y-kien")
    return _act(request, item.meeting_id, "y-kien", "Đã ghi ý kiến.", lambda: services.check_add_opinion(
        user, pk, text=request.POST.get("text", ""), author_person_id=parse_id(request.POST.get("author_person")),
        author_body_id=parse_id(request.POST.get("author_body")), received_at=received))


@login_required
@require_POST
def opinion_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    op = services.access_opinion(user, pk)
    return _act(request, op.agenda_item.meeting_id, f"y-kien-{pk}", "Đã ghi tiếp thu, giải trình.",
                lambda: services.check_answer_opinion(user, pk, posted_version(request),
                                                      response=request.POST.get("response", ""),
                                                      answer=request.POST.get("answer", "")))


@login_required
@require_POST
def draft_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _act(request, pk, "du-thao", "Đã lưu dự thảo kết luận (một lần dự thảo mới).",
                lambda: conclusions.check_add_draft(user, pk, request.POST.get("text", ""),
                                                    agenda_item_id=parse_id(request.POST.get("agenda_item")),
                                                    note=request.POST.get("note", "")))


@login_required
@require_POST
def issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    try:
        c = conclusions.check_issue_conclusion(user, pk, parse_id(request.POST.get("draft")) or 0,
                                               doc_type_code=request.POST.get("doc_type", "KL"),
                                               summary=request.POST.get("summary", ""),
                                               signer=conclusions.signer_of(request.POST.get("signer")))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _back(pk, "du-thao")
    messages.success(request, "Đã tạo dự thảo văn bản kết luận; văn bản đi tiếp quy trình rà soát, kiểm tra thể "
                              "thức, ký ban hành.")
    return redirect(c.document)


@login_required
@require_POST
def minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _act(request, pk, "bien-ban", "Đã lưu biên bản.", lambda: services.check_write_minutes(
        user, pk, posted_version(request), request.POST.get("minutes", "")))


@login_required
def packet_view(request: HttpRequest, pk: int) -> HttpResponse:
    """pk: the participant. Their packet, for them and for the organisers."""
    user = acting_user(request)
    p = services.access_participant(user, pk)
    organiser = may_organise(user, p.meeting)
    if not queries.may_see_packet(user, p, organiser):
        from django.http import Http404

        raise Http404
    return render(request, "meetings/packet.html", {"p": p, "m": p.meeting, "entries": queries.packet_shown(user, p)})
