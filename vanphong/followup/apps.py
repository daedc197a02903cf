from datetime import timedelta

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "vanphong.followup"
    label = "followup"
    verbose_name = "Theo dõi, đôn đốc"

    def ready(self) -> None:
        from vanphong.core import periodic
        from vanphong.core.demo import register_demo_part
        from vanphong.followup import demo, tasks

        # Hourly: a reminder is once per stage, so a frequent pass only catches a new day sooner.
        periodic.register("followup.reminders", timedelta(hours=1), tasks.send_reminders.enqueue)
        register_demo_part(demo.build)
