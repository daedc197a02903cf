from django.urls import path

from vanphong.infocenter import views, views_bulletins

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
    # --- bulletins (bản tin) ---
    path("ban-tin/", views_bulletins.list_view, name="bulletins"),
    path("ban-tin/soan/", views_bulletins.create_view, name="bulletin_create"),
    path("ban-tin/<id:pk>/", views_bulletins.detail_view, name="bulletin"),
    path("ban-tin/<id:pk>/sua/", views_bulletins.edit_view, name="bulletin_edit"),
    path("ban-tin/<id:pk>/them-su-kien/", views_bulletins.add_view, name="bulletin_add"),
    path("ban-tin/<id:pk>/luu/", views_bulletins.save_view, name="bulletin_save"),
    path("ban-tin/<id:pk>/bo-muc/", views_bulletins.remove_view, name="bulletin_remove"),
    path("ban-tin/<id:pk>/tom-tat-lai/", views_bulletins.regenerate_view, name="bulletin_regenerate"),
    path("ban-tin/<id:pk>/buoc/", views_bulletins.step_view, name="bulletin_step"),
    path("ban-tin/<id:pk>/tep/<str:kind>/", views_bulletins.file_view, name="bulletin_file"),
    # --- end of bulletins ---
]
