from django.urls import path

from vanphong.followup import views, views_cycle

app_name = "followup"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("giao-viec/", views.create_view, name="create"),
    path("qua-han/", views_cycle.overdue_view, name="overdue"),
    path("nhap-tien-do/", views_cycle.import_view, name="import"),
    path("van-ban/<id:doc_pk>/giao/", views_cycle.assign_view, name="assign"),
    path("<id:pk>/", views.detail_view, name="detail"),
    path("<id:pk>/trang-thai/", views.status_view, name="status"),
    path("<id:pk>/tien-do/", views_cycle.report_view, name="report"),
    path("<id:pk>/don-doc/", views_cycle.remind_view, name="remind"),
    path("<id:pk>/viec-nho/", views_cycle.subtask_view, name="subtask"),
    path("<id:pk>/moc/", views_cycle.milestone_view, name="milestone"),
]
