from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "joinedup.links"
    label = "links"
    verbose_name = "Links between domains"

    def ready(self) -> None:
        from joinedup.links import hooks

        hooks.register()
