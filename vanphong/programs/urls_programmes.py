"""Routes of work programmes, their items, adjustments and the leaders' calendar."""

from django.urls import URLPattern, path

from vanphong.programs import views_programmes as v

urlpatterns: list[URLPattern] = [
    path("", v.program_list, name="programs"),
    path("moi/", v.program_new, name="program_new"),
    path("<id:pk>/", v.program_detail, name="program"),
    path("<id:pk>/thong-qua/", v.program_approve, name="program_approve"),
    path("<id:pk>/lap-ky-duoi/", v.program_carry, name="program_carry"),
    path("muc/<id:pk>/", v.item_detail, name="item"),
    path("lich-cong-tac/", v.calendar_view, name="calendar"),
    path("lich-cong-tac/them/", v.calendar_add, name="calendar_add"),
]
