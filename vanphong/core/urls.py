from django.urls import path

from vanphong.core import views, views_auth

app_name = "core"

urlpatterns = [
    path("dang-nhap/", views_auth.login_view, name="login"),
    path("dang-nhap/ma-xac-thuc/", views_auth.login_code_view, name="login_code"),
    path("dang-nhap/thiet-lap-xac-thuc/", views_auth.login_enroll_view, name="login_enroll"),
    path("dang-xuat/", views_auth.logout_view, name="logout"),
    path("tai-khoan/", views_auth.account_view, name="account"),
    path("tai-khoan/mat-khau/", views_auth.password_view, name="password"),
    path("tai-khoan/dang-xuat-moi-noi/", views_auth.logout_everywhere_view, name="logout_everywhere"),
    path("tai-khoan/ma-du-phong/", views_auth.backup_codes_view, name="backup_codes"),
    path("tai-khoan/khoa-api/", views_auth.token_create_view, name="token_create"),
    path("tai-khoan/khoa-api/<id:token_id>/thu-hoi/", views_auth.token_revoke_view, name="token_revoke"),
    path("nhan-su/", views.people_view, name="people"),
    path("nhan-su/<id:pk>/", views.person_view, name="person"),
    path("co-quan/", views.bodies_view, name="bodies"),
    path("dia-ban/", views.places_view, name="places"),
]
