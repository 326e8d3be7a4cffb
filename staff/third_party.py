"""Human names, in both languages, for the third-party apps the admin lists (not AXES, OTP_TOTP, TAGGIT).

Each is installed by its dotted path here instead of the package's own
configuration; only the name shown changes (labels, tables and migrations stay
the package's).
"""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig
from taggit.apps import TaggitAppConfig


class LoginAttemptsConfig(AxesConfig):
    default = False
    verbose_name = _("Login attempts")


class AuthenticatorAppsConfig(TOTPConfig):
    default = False
    verbose_name = _("Two-factor authentication")


class TagsConfig(TaggitAppConfig):
    default = False
    verbose_name = _("Tags")


class BackgroundTasksConfig(TasksAppConfig):
    default = False
    verbose_name = _("Background tasks")
