from datetime import timedelta

from django.apps import AppConfig


class InfocenterConfig(AppConfig):
    name = "vanphong.infocenter"
    label = "infocenter"
    verbose_name = "Trung tâm thông tin"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vanphong.core import periodic
        from vanphong.core.demo import register_demo_part
        from vanphong.infocenter import demo, demo_bulletins, tasks
        from vanphong.infocenter.rules import seed_rules

        # Every minute: sources whose turn came are queued; each source keeps its own interval and backoff.
        periodic.register("infocenter.fetch_due", timedelta(minutes=1), tasks.fetch_due.enqueue)
        # The shipped keyword rules come back after a flush (the analysts' own rows are never overwritten).
        post_migrate.connect(seed_rules, sender=self, dispatch_uid="infocenter.seed_rules")
        register_demo_part(demo.build)
        register_demo_part(demo_bulletins.build)  # after the month of news: bulletins are made of its events
