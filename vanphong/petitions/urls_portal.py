"""The public letter form, reached without signing in (VANPHONG_PETITION_PORTAL turns it off)."""

from django.urls import path

from vanphong.petitions import views_inbox

app_name = "portal"

urlpatterns = [
    path("", views_inbox.portal_view, name="form"),
    path("da-gui/", views_inbox.portal_sent_view, name="sent"),
    path("tra-cuu/", views_inbox.portal_lookup_view, name="lookup"),
]
