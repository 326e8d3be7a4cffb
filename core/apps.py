from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Building blocks every app may use: rich text, pictures, dates, filters, history, old slugs."""

    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        from simple_history.utils import get_history_model_for_model

        from . import security  # noqa: F401  (connects its receiver: the session's login time)
        from .history import restore_translations

        for model in apps.get_models():
            if hasattr(model._meta, "simple_history_manager_attribute"):
                restore_translations(get_history_model_for_model(model))
