"""Language: Vietnamese unless the person chose another in the interface (invariant 6).

Django's LocaleMiddleware would follow the browser's Accept-Language, turning the office English on any
English-language machine; here only the explicit choice (the language cookie) counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.allowed = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


NUL_MESSAGE = "Dữ liệu gửi lên chứa ký tự rỗng (NUL, mã 0), không hợp lệ trong văn bản. Hãy bỏ ký tự đó rồi gửi lại."
_NUL_IN_QUERY = re.compile(r"%00", re.IGNORECASE)
_NUL_IN_JSON = re.compile(rb"\\u0000", re.IGNORECASE)


class RejectNulMiddleware:
    """Refuse text containing NUL anywhere it can arrive (query, form, JSON): PostgreSQL cannot store it and
    no office text needs it. One answer here instead of a check in every field of every form and schema."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE, "code": "bad_request"}, status=400)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def _has_nul(self, request: HttpRequest) -> bool:
        if _NUL_IN_QUERY.search(request.META.get("QUERY_STRING", "")) or "\x00" in request.path:
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if not content_type.startswith(("application/json", "application/x-www-form-urlencoded")):
            return False
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        if length <= 0 or length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return False  # too large bodies are refused by Django itself when read
        body = request.body
        return b"\x00" in body or bool(_NUL_IN_JSON.search(body)) or bool(_NUL_IN_QUERY.search(body.decode("latin-1")))
