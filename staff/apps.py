"""Staff tooling: the admin site with its two-factor login, the audit log, the dashboard's lists, backup and restore."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from . import audit  # noqa: F401  (connects the audit log's receivers)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with a login that asks enrolled staff for their two-factor code."""

    default = False  # installed by its dotted path; "staff" itself is StaffConfig
    default_site = "staff.admin_site.AdminSite"
