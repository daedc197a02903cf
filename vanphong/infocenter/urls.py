from django.urls import path

from vanphong.infocenter import views_bulletins

app_name = "infocenter"

urlpatterns = [
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
