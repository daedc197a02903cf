from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "vanphong.security"
    label = "security"
    verbose_name = "Bảo mật"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vanphong.core.roles import ensure_role_groups

        # After this app's permissions exist (auth creates them in an earlier post_migrate handler).
        post_migrate.connect(ensure_role_groups, sender=self)
