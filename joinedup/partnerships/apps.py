from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "joinedup.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        # Core checks restricted-to lists against the partner register, which lives here.
        from joinedup.core import extensions
        from joinedup.partnerships.selectors import partner_organisation_ids

        extensions.provide("partner_organisation_ids", partner_organisation_ids)
