"""Error pages in Vietnamese; under /api/ the same errors answer in the API's JSON shape."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Yêu cầu gửi lên không đúng dạng. Hãy quay lại trang trước và thử lại."),
    403: ("Không được phép", "Bạn không có quyền thực hiện thao tác này."),
    404: ("Không tìm thấy", "Trang hoặc hồ sơ này không tồn tại, hoặc bạn không có quyền xem."),
    500: ("Lỗi hệ thống", "Hệ thống gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại; hãy thử lại sau ít phút."),
}
CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error"}


def _error(request: HttpRequest, status: int) -> HttpResponse:
    title, detail = MESSAGES[status]
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail, "code": CODES[status]}, status=status)
    return render(request, "web/error.html", {"title": title, "detail": detail, "status": status}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (an old tab, or another site): say so plainly."""
    detail = "Biểu mẫu đã hết hạn hoặc không được gửi từ VănPhòng. Hãy tải lại trang rồi gửi lại."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail, "code": "csrf"}, status=403)
    return render(request, "web/error.html", {"title": "Biểu mẫu hết hạn", "detail": detail, "status": 403},
                  status=403)
