from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BalkanConfig(AppConfig):
    name = "balkan"
    verbose_name = _("Site")

    def ready(self):
        from . import audit, security, signals  # noqa: F401  (connect their signal receivers)


class BalkanAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with a login that asks enrolled staff for their two-factor code."""

    default = False  # installed by its dotted path; "balkan" itself is BalkanConfig
    default_site = "balkan.admin_site.AdminSite"
