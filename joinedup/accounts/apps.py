from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "joinedup.accounts"
    label = "accounts"
    verbose_name = "Accounts"


class TwoFactorAdminConfig(admin_apps.AdminConfig):
    """The Django admin, served by a site that asks for a TOTP code (see admin_site.py)."""

    default = False  # "joinedup.accounts" alone still means AccountsConfig
    default_site = "joinedup.accounts.admin_site.TwoFactorAdminSite"
