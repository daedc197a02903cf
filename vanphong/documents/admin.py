"""Admin for the văn thư's rule tables: document types and issuers, filtered by system and by validity."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from vanphong.core.models import ValidityQuerySet
from vanphong.documents.models import DocumentType, Issuer


class ValidityFilter(admin.SimpleListFilter):
    """Rows in force today, ended, or not yet in force."""

    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("current", "Đang áp dụng"), ("ended", "Đã hết hiệu lực"), ("future", "Chưa có hiệu lực")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = timezone.localdate()
        if self.value() == "current" and isinstance(queryset, ValidityQuerySet):
            return queryset.valid_on(today)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "system", "is_administrative", "year_in_symbol", "valid_from", "valid_to",
                    "order", "note"]
    list_filter = ["system", ValidityFilter, "is_administrative"]
    search_fields = ["name", "code", "note"]
    fields = ["system", "code", "name", "is_administrative", "year_in_symbol", "valid_from", "valid_to", "order",
              "note"]


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "system", "numbering_scope", "secret_own_sequence", "valid_from", "valid_to",
                    "body", "note"]
    list_filter = ["system", ValidityFilter, "numbering_scope"]
    search_fields = ["code", "name", "aliases", "note"]
    fields = ["system", "code", "aliases", "name", "body", "numbering_scope", "secret_own_sequence",
              "with_term_number", "valid_from", "valid_to", "order", "note"]
    autocomplete_fields = ["body"]
