"""Admin of the appraisal checklist: the criteria are data the office keeps up to date as regulations change."""

from django.contrib import admin

from vanphong.programs.models import ChecklistCriterion


@admin.register(ChecklistCriterion)
class ChecklistCriterionAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "text", "valid_from", "valid_to", "order")
    list_filter = ("group",)
    search_fields = ("code", "text")
    ordering = ("order", "code", "valid_from")
