"""Routes of proposals, their dossiers and their appraisal."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
