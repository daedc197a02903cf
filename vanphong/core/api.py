"""API for accounts and the organisation model."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from vanphong.core import queries, services
from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.models import Body, Person, Place, Unit, User
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.security.classification import Classification

router = Router(tags=["Tổ chức và tài khoản"])

UNCLASSIFIED = Classification.THUONG.name


class Unauthenticated(ServiceError):
    status = 401
    code = "unauthenticated"


class TooManyAttempts(ServiceError):
    status = 429
    code = "locked_out"


class TokenIn(Schema):
    username: str = Field(..., min_length=1, max_length=150)
    password: str = Field(..., min_length=1, max_length=256)
    totp: str | None = Field(None, max_length=20, description="Mã xác thực hai lớp, nếu tài khoản yêu cầu.")
    name: str = Field("API", max_length=100)


class TokenOut(Schema):
    token: str
    expires_at: datetime
    classification: str = UNCLASSIFIED


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    parent_id: int | None
    classification: str = UNCLASSIFIED


class PositionOut(Schema):
    title: str
    body: str | None
    unit: str | None
    valid_from: date | None
    valid_to: date | None


class PersonOut(Schema):
    id: int
    full_name: str
    unit_id: int | None
    unit: str | None
    titles: list[PositionOut]
    classification: str = UNCLASSIFIED

    @staticmethod
    def resolve_unit(obj: Person) -> str | None:
        return obj.unit.name if obj.unit_id and obj.unit else None

    @staticmethod
    def resolve_titles(obj: Person) -> list[PositionOut]:
        return [_position(x) for x in obj.positions.all()]


class MeOut(Schema):
    username: str
    display_name: str
    clearance: str
    roles: list[str]
    unit_id: int | None
    two_factor_required: bool
    classification: str = UNCLASSIFIED


class BodyOut(Schema):
    id: int
    name: str
    abbreviation: str
    kind: str
    parent_id: int | None
    place_id: int | None
    classification: str = UNCLASSIFIED


class PlaceOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    current: bool
    successor_id: int | None
    classification: str = UNCLASSIFIED


class Done(Schema):
    detail: str
    classification: str = UNCLASSIFIED


class ErrorOut(Schema):
    detail: str
    code: str


def _position(p: Any) -> PositionOut:
    return PositionOut(title=p.title, body=p.body.name if p.body_id else None,
                       unit=p.unit.name if p.unit_id else None, valid_from=p.valid_from, valid_to=p.valid_to)


@router.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut, 429: ErrorOut},
             summary="Đổi tên đăng nhập, mật khẩu (và mã 2 lớp) lấy khóa API")
def issue_token(request: HttpRequest, data: TokenIn) -> TokenOut:
    credentials = {"username": data.username}
    if not AxesProxyHandler.is_allowed(request, credentials):
        raise TooManyAttempts("Tạm bị khóa vì đăng nhập sai nhiều lần; hãy thử lại sau.")
    user = authenticate(request, username=data.username, password=data.password)
    if getattr(request, "axes_locked_out", False):
        raise TooManyAttempts("Tạm bị khóa vì đăng nhập sai nhiều lần; hãy thử lại sau.")
    if not isinstance(user, User) or not user.is_active:
        raise Unauthenticated("Tên đăng nhập hoặc mật khẩu không đúng.")
    if user.requires_two_factor():
        if not data.totp:
            raise Unauthenticated("Tài khoản này yêu cầu mã xác thực hai lớp: gửi kèm trường totp.")
        if not services.do_verify_second_factor(user, data.totp, request=request):
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            raise Unauthenticated("Mã xác thực hai lớp không đúng hoặc đã dùng.")
    token, raw = services.do_issue_token(user, data.name, request=request)
    return TokenOut(token=raw, expires_at=token.expires_at)


@router.get("/me", response=MeOut, summary="Tài khoản đang dùng")
def me(request: HttpRequest) -> MeOut:
    user = acting_user(request)
    return MeOut(username=user.username, display_name=user.display_name,
                 clearance=Classification(user.clearance).name, roles=sorted(user.role_codes()),
                 unit_id=user.unit_id_or_none, two_factor_required=user.requires_two_factor())


@router.post("/auth/logout-everywhere", response=Done, summary="Đăng xuất mọi nơi, thu hồi mọi khóa API")
def logout_everywhere(request: HttpRequest) -> Done:
    user = acting_user(request)
    revoked = services.do_logout_everywhere(user)
    return Done(detail=f"Đã kết thúc mọi phiên và thu hồi {revoked} khóa API.")


@router.get("/people", response=list[PersonOut], summary="Danh sách người")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_people(
    request: HttpRequest, q: str = Query("", max_length=100), unit: int | None = Query(None, ge=1, le=MAX_ID)
) -> Any:
    return queries.people(q, unit)


@router.get("/people/{person_id}", response=PersonOut, summary="Một người và các chức danh")
def get_person(request: HttpRequest, person_id: int = Path(..., ge=1, le=MAX_ID)) -> Person:
    return get_object_or_404(queries.people(), pk=person_id)


@router.get("/units", response=list[UnitOut], summary="Các đơn vị của văn phòng")
def list_units(request: HttpRequest) -> list[Unit]:
    return list(queries.units())


@router.get("/bodies", response=list[BodyOut], summary="Cơ quan, tổ chức")
def list_bodies(request: HttpRequest, kind: str = Query("", max_length=20)) -> list[Body]:
    return list(queries.bodies(kind if kind in Body.Kind.values else ""))


@router.get("/places", response=list[PlaceOut], summary="Tỉnh, thành phố hiện nay và trước 01/07/2025")
def list_places(request: HttpRequest) -> list[PlaceOut]:
    return [
        PlaceOut(id=p.pk, code=p.code, name=p.name, short_name=p.short_name, current=p.is_current,
                 successor_id=p.successor_id)
        for p in Place.objects.all()
    ]
