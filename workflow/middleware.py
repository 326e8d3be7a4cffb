"""The admin in each staff member's language: the one they chose, else their browser's."""

from django.conf import settings
from django.utils import translation

from .models import StaffPreference


class StaffLanguageMiddleware:
    """On the admin's pages, speak the language of the signed-in staff member's preference or browser.

    Public addresses carry their language in the path (/ja/...); the admin's do
    not, so LocaleMiddleware would always choose English there. Placed after
    AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            language = None
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff:
                language = (
                    StaffPreference.objects.filter(user=user).values_list("language", flat=True).first()
                )
            language = language or translation.get_language_from_request(request, check_path=False)
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
