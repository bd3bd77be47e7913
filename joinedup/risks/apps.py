from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "joinedup.risks"
    label = "risks"
    verbose_name = "Risks"
