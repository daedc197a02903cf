from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "vanphong.programs"
    label = "programs"
    verbose_name = "Chương trình công tác, đề án"
