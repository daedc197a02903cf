"""Admin for reference data and accounts. Classified records are never registered here: the admin does not go
through the access policy."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from vanphong.core.models import Body, Person, Place, Position, Term, Unit, User


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "code", "kind", "valid_from", "valid_to", "successor"]
    list_filter = ["kind", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "key"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "number", "start", "end"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "parent", "order", "is_active"]
    search_fields = ["name", "code"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    exclude = ["title_key"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "unit", "email"]
    list_filter = ["unit"]
    search_fields = ["full_name", "name_key"]
    inlines = [PositionInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "person", "clearance", "is_active", "is_staff", "is_demo"]
    list_filter = ["clearance", "is_active", "is_staff", "is_demo", "groups"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("VănPhòng", {"fields": ("person", "clearance", "is_demo")}),
    )
    raw_id_fields = ["person"]
