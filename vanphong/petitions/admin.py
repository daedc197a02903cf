"""Admin of the deadline rules and the holiday calendar: data the office keeps up to date as the law changes.

Saving or deleting a row recomputes the deadline of every open case, in the same transaction, and is audited.
Letters, senders, people received and sealed identities are not in the admin: they are reached only through the case
and reception pages. The rule of reception days a month is data here too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from vanphong.petitions.deadlines import do_recompute_open_cases
from vanphong.petitions.models import DeadlineRule, Holiday, ReceptionRule
from vanphong.security.audit import record_event


class _RecomputingAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = do_recompute_open_cases(request.user)
            record_event(f"petitions.{obj._meta.model_name}_saved", actor=request.user, obj=obj,
                         new={"changed_fields": form.changed_data, "cases_recomputed": changed})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record_event(f"petitions.{obj._meta.model_name}_deleted", actor=request.user, obj=obj)
            super().delete_model(request, obj)
            do_recompute_open_cases(request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                record_event(f"petitions.{obj._meta.model_name}_deleted", actor=request.user, obj=obj)
            super().delete_queryset(request, queryset)
            do_recompute_open_cases(request.user)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(_RecomputingAdmin):
    list_display = ("code", "name", "stage", "track", "kind", "instance", "is_complex", "is_remote", "level", "days",
                    "day_type", "max_extensions", "valid_from", "valid_to")
    list_filter = ("stage", "track", "kind", "day_type")
    search_fields = ("code", "name", "source")
    ordering = ("stage", "code", "valid_from")


@admin.register(Holiday)
class HolidayAdmin(_RecomputingAdmin):
    list_display = ("day", "name", "kind", "provisional")
    list_filter = ("kind", "provisional")
    search_fields = ("name",)
    date_hierarchy = "day"


@admin.register(ReceptionRule)
class ReceptionRuleAdmin(admin.ModelAdmin):
    """How many reception days a month each level owes: data with validity, changed as the Party's rules change;
    the calendar's warnings read it at once. Saving or deleting is audited."""

    list_display = ("level", "min_days", "valid_from", "valid_to", "source")
    list_filter = ("level",)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record_event("petitions.receptionrule_saved", actor=request.user, obj=obj,
                         new={"changed_fields": form.changed_data})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record_event("petitions.receptionrule_deleted", actor=request.user, obj=obj)
            super().delete_model(request, obj)
