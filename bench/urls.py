"""The application's routes plus a bare view: the baseline that costs only Django and the middleware stack."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

BARE_URL = "/bench/bare/"


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path(BARE_URL.strip("/") + "/", bare_view),
    path("", include("vanphong.urls")),
]
