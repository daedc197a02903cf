"""Page routes and the API root."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, register_converter

from vanphong.api import api
from vanphong.core import views_auth
from vanphong.core.ids import IdConverter

register_converter(IdConverter, "id")

admin.site.site_header = "Quản trị VănPhòng"
admin.site.site_title = "VănPhòng"
# The admin's own login form would check the password alone: everyone signs in through ours (two-factor, lockout).
admin.site.login = views_auth.admin_login  # type: ignore[method-assign]

urlpatterns = [
    path("", include("vanphong.web.urls")),
    path("", include("vanphong.core.urls")),
    path("viec/", include("vanphong.followup.urls")),
    path("van-ban/", include("vanphong.documents.urls")),
    path("chuong-trinh/", include("vanphong.programs.urls")),
    path("hop/", include("vanphong.meetings.urls")),
    path("don-thu/", include("vanphong.petitions.urls")),
    path("gui-don/", include("vanphong.petitions.urls_portal")),
    path("thong-tin/", include("vanphong.infocenter.urls")),
    path("bao-mat/", include("vanphong.security.urls")),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "vanphong.web.errors.not_found"
handler403 = "vanphong.web.errors.forbidden"
handler500 = "vanphong.web.errors.server_error"
handler400 = "vanphong.web.errors.bad_request"
