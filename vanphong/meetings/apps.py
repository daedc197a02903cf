from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "vanphong.meetings"
    label = "meetings"
    verbose_name = "Hội nghị, phiên họp"
