"""WSGI entry point for gunicorn."""

from __future__ import annotations

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    # The word segmenter loads its model on first use (~0.5 s): pay that now, not in someone's first search.
    from vanphong.text import words

    words("Văn phòng Trung ương Đảng")


threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
