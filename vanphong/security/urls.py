from django.urls import path

from vanphong.security import views

app_name = "security"

urlpatterns = [
    path("nhat-ky/", views.audit_view, name="audit"),
    path("nhat-ky/kiem-tra/", views.audit_verify_view, name="audit_verify"),
    path("nhat-ky/tien-do/<str:task_id>/", views.audit_progress_view, name="audit_progress"),
]
