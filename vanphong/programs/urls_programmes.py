"""Routes of work programmes, their items, adjustments and the leaders' calendar."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
