from django.urls import path

from vanphong.followup import views

app_name = "followup"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("giao-viec/", views.create_view, name="create"),
    path("<id:pk>/", views.detail_view, name="detail"),
    path("<id:pk>/trang-thai/", views.status_view, name="status"),
]
