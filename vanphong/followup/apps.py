from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "vanphong.followup"
    label = "followup"
    verbose_name = "Theo dõi, đôn đốc"
