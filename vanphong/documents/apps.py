from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from vanphong.core.demo import DemoContext


class DocumentsConfig(AppConfig):
    name = "vanphong.documents"
    label = "documents"
    verbose_name = "Văn thư"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vanphong.core.demo import register_demo_part
        from vanphong.documents.reference import ensure_rules

        post_migrate.connect(ensure_rules, sender=self)
        register_demo_part(demo_documents)


def demo_documents(ctx: DemoContext) -> None:
    """The documents part of `vanphong demo`: imported only when a demo is built (it renders and signs)."""
    from vanphong.documents.demo import build_documents

    build_documents(ctx)
