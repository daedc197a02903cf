"""Template context every page shares: the office's name, navigation by capability, the ceiling."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from vanphong.security.classification import installation_ceiling

# (url name, label, path prefix that marks the item as current). Capabilities add themselves here.
NAVIGATION: list[tuple[str, str, str]] = [
    ("web:desk", "Bàn làm việc", "/"),
    ("followup:list", "Theo dõi, đôn đốc", "/viec/"),
    ("core:people", "Nhân sự", "/nhan-su/"),
    ("core:bodies", "Cơ quan, tổ chức", "/co-quan/"),
    ("core:places", "Địa bàn", "/dia-ban/"),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    path = request.path
    current = ""
    for _, _, prefix in NAVIGATION:
        if (prefix == "/" and path == "/") or (prefix != "/" and path.startswith(prefix)):
            current = prefix
    return {
        "office_name": settings.VANPHONG_OFFICE_NAME,
        "navigation": NAVIGATION,
        "nav_current": current,
        "demo_mode": settings.VANPHONG_DEMO_MODE,
        "ceiling": installation_ceiling(),
    }
