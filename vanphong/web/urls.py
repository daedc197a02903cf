from django.urls import path

from vanphong.web import views

app_name = "web"

urlpatterns = [
    path("", views.desk_view, name="desk"),
    path("tim-kiem/", views.search_view, name="search"),
    path("suc-khoe/", views.health_view, name="health"),
]
