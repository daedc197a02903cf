"""Routes of meetings: agenda, participants, packets, opinions, conclusions, minutes."""

from django.urls import path

from vanphong.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("tao/", views.create_view, name="create"),
    path("<id:pk>/", views.detail_view, name="meeting"),
    path("<id:pk>/buoc/<slug:name>/", views.step_view, name="step"),
    path("<id:pk>/chuong-trinh/them/", views.agenda_add_view, name="agenda_add"),
    path("<id:pk>/chuong-trinh/sap-xep/", views.agenda_arrange_view, name="agenda_arrange"),
    path("noi-dung/<id:pk>/go/", views.agenda_remove_view, name="agenda_remove"),
    path("noi-dung/<id:pk>/y-kien/", views.opinion_add_view, name="opinion_add"),
    path("<id:pk>/nguoi-du/them/", views.participant_add_view, name="participant_add"),
    path("nguoi-du/<id:pk>/bot/", views.participant_remove_view, name="participant_remove"),
    path("nguoi-du/<id:pk>/tai-lieu/", views.packet_view, name="packet"),
    path("<id:pk>/diem-cau/them/", views.site_add_view, name="site_add"),
    path("<id:pk>/tai-lieu/them/", views.document_add_view, name="document_add"),
    path("y-kien/<id:pk>/tra-loi/", views.opinion_answer_view, name="opinion_answer"),
    path("<id:pk>/du-thao/", views.draft_add_view, name="draft_add"),
    path("<id:pk>/ban-hanh/", views.issue_view, name="issue"),
    path("<id:pk>/bien-ban/", views.minutes_view, name="minutes"),
]
