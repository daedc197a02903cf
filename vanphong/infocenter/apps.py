from django.apps import AppConfig


class InfocenterConfig(AppConfig):
    name = "vanphong.infocenter"
    label = "infocenter"
    verbose_name = "Trung tâm thông tin"
