from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "vanphong.workflow"
    label = "workflow"
    verbose_name = "Quy trình"
