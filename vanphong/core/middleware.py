"""Session inactivity timeout: a session left idle longer than VANPHONG_SESSION_IDLE_MINUTES ends."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

TOUCH_EVERY_SECONDS = 60
EXPIRED_MESSAGE = "Phiên làm việc đã hết hạn vì không hoạt động. Vui lòng đăng nhập lại."


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("_last_seen", now)
            if now - int(last_seen) > settings.VANPHONG_SESSION_IDLE_MINUTES * 60:
                logout(request)
                return self._expired(request)
            # Writing the session on every request would cost a database write per page; once a minute is enough.
            if now - int(last_seen) >= TOUCH_EVERY_SECONDS or "_last_seen" not in request.session:
                request.session["_last_seen"] = now
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": EXPIRED_MESSAGE, "code": "session_expired"}, status=401)
        messages.info(request, EXPIRED_MESSAGE)
        login_url = reverse(settings.LOGIN_URL) + "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login_url
            return response
        return HttpResponseRedirect(login_url)
