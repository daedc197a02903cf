"""A page that sends a stored file, as a record's view would, to test file_response behind the site's middleware."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.urls import path

from vanphong.files.http import file_response
from vanphong.files.models import StoredFile


def send(request: HttpRequest, pk: int) -> HttpResponseBase:
    return file_response(StoredFile.objects.get(pk=pk), request.GET.get("name", "tep"),
                         inline=request.GET.get("inline") == "1")


urlpatterns = [path("tep/<int:pk>/", send)]
