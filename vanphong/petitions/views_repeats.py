"""Pages of repeats: group a letter into the case of its repeat, say it is not the same matter, or ungroup."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import parse_id
from vanphong.petitions import repeats, services
from vanphong.petitions.models import Petition, RepeatDecision
from vanphong.security import policy


def _letter_case(user: object, pk: int) -> int:
    letter = Petition.objects.select_related("case").filter(pk=pk).first()
    if letter is None or not policy.can_view(user, letter.case):
        raise Http404
    return letter.case_id


@login_required
@require_POST
def group_view(request: HttpRequest, pk: int) -> HttpResponse:
    """POST a letter's id in the URL, the other case in `case` and `decision` = gop | khong_trung."""
    user = acting_user(request)
    case_id = _letter_case(user, pk)
    other = parse_id(request.POST.get("case"))
    try:
        if other is None:
            raise ServiceError("Hãy chọn vụ việc.", field="case")
        if request.POST.get("decision") == RepeatDecision.Decision.NOT_SAME:
            repeats.check_not_same(user, pk, other, request.POST.get("reason", ""))
            messages.success(request, f"Đã ghi: đơn không cùng việc với vụ việc #{other}.")
        else:
            decision = repeats.check_group(user, pk, other, request.POST.get("reason", ""))
            messages.success(request, f"Đã gộp đơn vào vụ việc #{decision.other_case_id}.")
            return redirect("petitions:case", pk=decision.other_case_id)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("petitions:case", pk=case_id)


@login_required
@require_POST
def ungroup_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    decision = RepeatDecision.objects.select_related("other_case").filter(pk=pk).first()
    if decision is None or not policy.can_view(user, decision.other_case):
        raise Http404
    services.access_case(user, decision.other_case_id, audit=False)
    try:
        undo = repeats.check_ungroup(user, pk, request.POST.get("reason", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:case", pk=decision.other_case_id)
    messages.success(request, f"Đã tách đơn về vụ việc #{undo.from_case_id}.")
    return redirect("petitions:case", pk=undo.from_case_id)
