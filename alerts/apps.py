from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("E-mail alerts")

    def ready(self):
        from . import receivers  # noqa: F401 - hears of stories being published
