from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "joinedup.programme"
    label = "programme"
    verbose_name = "Programme"
