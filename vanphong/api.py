"""The API root (/api/v1): authentication, one JSON error shape in Vietnamese, and each capability's router."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from vanphong.core.errors import ServiceError
from vanphong.core.services import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer vp_…` for integrations."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in session of the pages; unsafe methods also need the CSRF token, as for any form."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


api = NinjaAPI(
    title="VănPhòng API",
    version="1",
    description="API của VănPhòng. Mọi đối tượng có trường `classification` (độ mật). "
    "Xác thực bằng phiên đăng nhập hoặc khóa API: POST /api/v1/auth/token.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    # The interactive docs page loads Swagger UI with inline script; the schema alone serves integrators offline.
    docs_url=None,
)


def error(request: HttpRequest, status: int, code: str, detail: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code, **extra}, status=status)


@api.exception_handler(ValidationError)
def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = []
    for item in exc.errors:
        loc = [str(p) for p in item.get("loc", [])]
        # ("body", "<parameter>", "title") names the field "title"; ("query", "q") names "q".
        loc = loc[2:] if loc[:1] == ["body"] and len(loc) > 2 else loc[1:]
        fields.append({"field": ".".join(loc), "message": _field_message(item)})
    return error(request, 422, "validation", "Dữ liệu gửi lên không hợp lệ; xem danh sách lỗi theo từng trường.",
                 errors=fields)


def _field_message(item: dict[str, Any]) -> str:
    kind = str(item.get("type", ""))
    if kind == "missing":
        return "Thiếu trường bắt buộc."
    if "parsing" in kind or kind.endswith("_type"):
        return "Sai kiểu dữ liệu."
    if "too_long" in kind or "max_length" in kind:
        return "Giá trị quá dài."
    if "too_short" in kind or "min_length" in kind:
        return "Giá trị quá ngắn."
    return str(item.get("msg", "Giá trị không hợp lệ."))


@api.exception_handler(AuthenticationError)
def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, 401, "unauthenticated",
                 "Chưa xác thực hoặc khóa API không hợp lệ, đã hết hạn hay đã bị thu hồi.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "not_found", "Không tìm thấy, hoặc bạn không có quyền xem.")


@api.exception_handler(PermissionDenied)
def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error(request, 403, "forbidden", "Bạn không có quyền thực hiện thao tác này.")


@api.exception_handler(ServiceError)
def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    extra = {"field": exc.field} if exc.field else {}
    return error(request, exc.status, exc.code, exc.message, **extra)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error(request, 413, "too_large", "Dữ liệu gửi lên quá lớn.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        return error(request, 400, "bad_request", "Nội dung gửi lên không đọc được (JSON không hợp lệ?).")
    return error(request, exc.status_code, "error", str(exc.message))


from vanphong.core.api import router as core_router  # noqa: E402
from vanphong.documents.api import router as documents_router  # noqa: E402
from vanphong.followup.api import router as followup_router  # noqa: E402
from vanphong.infocenter.api import router as infocenter_router  # noqa: E402
from vanphong.infocenter.api_bulletins import router as bulletins_router  # noqa: E402
from vanphong.meetings.api import router as meetings_router  # noqa: E402
from vanphong.petitions.api import router as petitions_router  # noqa: E402
from vanphong.petitions.api_inbox import router as inbox_router  # noqa: E402
from vanphong.petitions.api_reception import router as reception_router  # noqa: E402
from vanphong.programs.api import router as programs_router  # noqa: E402
from vanphong.web.api import router as web_router  # noqa: E402

api.add_router("/", core_router)
api.add_router("/assignments", followup_router)
api.add_router("/documents", documents_router)
api.add_router("/", programs_router)
api.add_router("/meetings", meetings_router)
# Before the petitions router: its "/{case_id}" must not be tried for "/receptions" first.
api.add_router("/petitions", reception_router)
api.add_router("/petitions/inbox", inbox_router)
api.add_router("/petitions", petitions_router)
api.add_router("/info", infocenter_router)
api.add_router("/info/bulletins", bulletins_router)
api.add_router("/", web_router)
