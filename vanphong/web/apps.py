from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vanphong.web"
    label = "web"
    verbose_name = "Giao diện"
