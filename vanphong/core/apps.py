from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vanphong.core"
    label = "core"
    verbose_name = "Tổ chức và con người"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vanphong.core.reference import ensure_reference_data

        post_migrate.connect(ensure_reference_data, sender=self)
