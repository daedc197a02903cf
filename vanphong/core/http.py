"""Helpers for views and API handlers."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from vanphong.core.models import User


def acting_user(request: HttpRequest) -> User:
    """The signed-in person of a request that passed authentication (login_required or API auth)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404  # unreachable behind authentication; answers like any invisible record if it is not
    return user


def posted_version(request: HttpRequest) -> int:
    """The record version a form was drawn from; a missing or garbled one is -1, which no record has, so the
    edit is answered as a conflict, never saved over someone else's."""
    value = request.POST.get("version", "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else -1
