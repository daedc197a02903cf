from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "vanphong.petitions"
    label = "petitions"
    verbose_name = "Đơn thư, khiếu nại, tố cáo"

    def ready(self) -> None:
        from datetime import timedelta

        from django.db.models.signals import post_migrate

        from vanphong.core import periodic
        from vanphong.core.demo import register_demo_part
        from vanphong.petitions import demo, reception, tasks
        from vanphong.petitions.deadlines import ensure_rules

        # The shipped deadline rules and holiday calendar come back after a flush (the data migration runs once).
        post_migrate.connect(ensure_rules, sender=self, dispatch_uid="petitions.ensure_rules")
        post_migrate.connect(reception.ensure_rules, sender=self, dispatch_uid="petitions.ensure_reception_rules")
        # Hourly: a reminder is once per threshold and deadline, so a frequent pass only catches a new day sooner.
        periodic.register("petitions.reminders", timedelta(hours=1), tasks.send_reminders.enqueue)
        # Every five minutes: a letter e-mailed to the office reaches the queue soon; a message is read once.
        periodic.register("petitions.mailbox", timedelta(minutes=5), tasks.read_mailbox.enqueue)
        register_demo_part(demo.build)
