"""Routes of work programmes, their items, adjustments and the leaders' calendar."""

from django.urls import URLPattern, path

from vanphong.programs import views_programmes as v

urlpatterns: list[URLPattern] = [
    path("", v.program_list, name="programs"),
    path("<int:pk>/", v.program_detail, name="program"),
    path("<int:pk>/thong-qua/", v.program_approve, name="program_approve"),
    path("muc/<int:pk>/", v.item_detail, name="item"),
]
