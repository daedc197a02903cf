"""Routes of meetings: agenda, participants, packets, opinions, conclusions, minutes."""

from django.urls import URLPattern

app_name = "meetings"
urlpatterns: list[URLPattern] = []
