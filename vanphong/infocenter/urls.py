from django.urls import path

from vanphong.infocenter import views

app_name = "infocenter"

urlpatterns = [
    # --- info-ingest: events, items, feed, watches, sources, uploads, rules ---
    path("", views.events_view, name="events"),
    path("su-kien/<id:pk>/", views.event_view, name="event"),
    path("tin/<id:pk>/", views.item_view, name="item"),
    path("tin/<id:pk>/linh-vuc/", views.confirm_fields_view, name="confirm_fields"),
    path("tin/<id:pk>/tep-goc/", views.original_view, name="original"),
    path("theo-doi/", views.feed_view, name="feed"),
    path("theo-doi/da-xem/", views.feed_seen_view, name="feed_seen"),
    path("theo-doi/cai-dat/", views.watches_view, name="watches"),
    path("theo-doi/cai-dat/<id:pk>/", views.watches_view, name="watch"),
    path("theo-doi/cai-dat/<id:pk>/xoa/", views.watch_delete_view, name="watch_delete"),
    path("nguon/", views.sources_view, name="sources"),
    path("nguon/moi/", views.source_view, name="source_new"),
    path("nguon/<id:pk>/", views.source_view, name="source"),
    path("nguon/<id:pk>/lay-tin/", views.source_fetch_view, name="source_fetch"),
    path("gui-bao-cao/", views.upload_view, name="upload"),
    path("quy-tac/", views.rules_view, name="rules"),
    path("quy-tac/<id:pk>/", views.rules_view, name="rule"),
    path("quy-tac/<id:pk>/xoa/", views.rule_delete_view, name="rule_delete"),
    # --- end info-ingest ---
]
