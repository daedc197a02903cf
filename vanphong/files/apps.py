from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "vanphong.files"
    label = "files"
    verbose_name = "Kho tệp"

    def ready(self) -> None:
        from vanphong.files import checks  # noqa: F401  (registers the system checks)
