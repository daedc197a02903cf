"""Template context every page shares: the office's name, navigation by capability, the ceiling."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_noop as _  # marks labels for makemessages; translated in the template

from vanphong.security.classification import installation_ceiling

# (url name, label, path prefix that marks the item as current). Capabilities add themselves here.
NAVIGATION: list[tuple[str, str, str]] = [
    ("web:desk", _("Bàn làm việc"), "/"),
    ("documents:incoming_list", _("Văn bản đến"), "/van-ban/den/"),
    ("documents:outgoing_list", _("Văn bản đi"), "/van-ban/di/"),
    ("documents:drafts", _("Dự thảo"), "/van-ban/du-thao/"),
    ("programs:programs", _("Chương trình công tác"), "/chuong-trinh/"),
    ("programs:proposals", _("Đề án, thẩm định"), "/chuong-trinh/de-an/"),
    ("meetings:list", _("Hội nghị, phiên họp"), "/hop/"),
    ("followup:list", _("Theo dõi, đôn đốc"), "/viec/"),
    ("followup:overdue", _("Quá hạn"), "/viec/qua-han/"),
    ("petitions:list", _("Đơn thư"), "/don-thu/"),
    ("infocenter:events", _("Thông tin, sự kiện"), "/thong-tin/"),
    ("infocenter:feed", _("Tin tôi theo dõi"), "/thong-tin/theo-doi/"),
    ("infocenter:bulletins", _("Bản tin"), "/thong-tin/ban-tin/"),
    ("core:people", _("Nhân sự"), "/nhan-su/"),
    ("core:bodies", _("Cơ quan, tổ chức"), "/co-quan/"),
    ("core:places", _("Địa bàn"), "/dia-ban/"),
]
# Shown only to people holding the right named in the fourth element.
ADMIN_NAVIGATION: list[tuple[str, str, str, str]] = [
    ("security:audit", _("Nhật ký kiểm tra"), "/bao-mat/", "security.view_auditevent"),
    ("infocenter:sources", _("Nguồn tin"), "/thong-tin/nguon/", "infocenter.manage_sources"),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    user = getattr(request, "user", None)
    navigation = list(NAVIGATION)
    if user is not None and user.is_authenticated:
        navigation += [(name, label, prefix) for name, label, prefix, right in ADMIN_NAVIGATION if user.has_perm(right)]
    current = ""
    for _name, _label, prefix in navigation:
        if (prefix == "/" and path == "/") or (prefix != "/" and path.startswith(prefix)):
            current = prefix
    return {
        "office_name": settings.VANPHONG_OFFICE_NAME,
        "navigation": navigation,
        "nav_current": current,
        "demo_mode": settings.VANPHONG_DEMO_MODE,
        "ceiling": installation_ceiling(),
    }
