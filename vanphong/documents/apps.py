from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "vanphong.documents"
    label = "documents"
    verbose_name = "Văn thư"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vanphong.documents.reference import ensure_rules

        post_migrate.connect(ensure_rules, sender=self)
