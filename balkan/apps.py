from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class BalkanConfig(AppConfig):
    name = "balkan"
    verbose_name = _("Site")

    def ready(self):
        from .search import connect_signals

        connect_signals()

        from simple_history.utils import get_history_model_for_model

        from .history import restore_translations

        for model in apps.get_models():
            if hasattr(model._meta, "simple_history_manager_attribute"):
                restore_translations(get_history_model_for_model(model))
