"""System checks of the file store: the storage chosen in settings can be loaded."""

from __future__ import annotations

import importlib.util
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from vanphong.files.config import S3_BACKEND
from vanphong.files.storage import ALIAS


@register()
def check_file_storage(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    entry = settings.STORAGES.get(ALIAS)
    if entry is None:
        return [Error(f'Thiếu STORAGES["{ALIAS}"] trong settings: kho tệp không biết lưu tệp vào đâu.',
                      id="files.E001")]
    if entry.get("BACKEND") == S3_BACKEND and (
        importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None
    ):
        return [Error("VANPHONG_FILES_STORAGE=s3 cần gói tùy chọn django-storages và boto3.",
                      hint="Cài bằng: pip install 'vanphong[s3]'", id="files.E002")]
    return []
