"""The file store in the admin: metadata to look at, nothing to add, change or delete.

Neither the first upload's name nor the extracted text is shown: they may be classified, and administrators
are not necessarily cleared for every record a file belongs to.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vanphong.files.models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ["sha256", "mime_type", "size", "page_count", "text_status", "created_at"]
    list_filter = ["mime_type", "text_status"]
    search_fields = ["sha256"]
    readonly_fields = ("sha256", "size", "mime_type", "extension", "page_count", "created_at", "uploaded_by",
                       "text_status", "text_error", "text_truncated", "text_extracted_at")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
