from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BalkanConfig(AppConfig):
    name = "balkan"
    verbose_name = _("Site")

    def ready(self):
        from . import invalidation  # noqa: F401  (connects the page cache's signal receivers)
