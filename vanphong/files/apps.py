from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "vanphong.files"
    label = "files"
    verbose_name = "Kho tệp"
