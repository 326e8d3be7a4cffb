"""The public URLs the hostile tests visit (the small published site is `site_content`)."""

import pytest
from django.contrib.auth.models import Permission

# Every public route of PRODUCT.md's table (and the site's own pages), English and Japanese.
HTML_PATHS = [
    "/",
    "/news/",
    "/news/visit-to-belgrade/",
    "/countries/",
    "/countries/serbia/",
    "/chronology/",
    "/partners/",
    "/partners/embassy-of-serbia/",
    "/search/",
    "/about/",
    "/contact/",
]
HTML_PATHS += ["/ja" + path for path in HTML_PATHS]
OTHER_PATHS = [
    "/news/feed/",
    "/countries/serbia/feed/",
    "/countries/serbia/card.png",
    "/countries/serbia/qr.svg",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]
EMBED_PATH = "/countries/serbia/embed/"


@pytest.fixture
def staff_user(django_user_model):
    """Return a factory of staff users with the given model permissions ("news.change_newsitem")."""

    def make(username="editor", password="a long enough passphrase 42", permissions=(), **flags):
        user = django_user_model.objects.create_user(
            username=username, password=password, is_staff=True, **flags
        )
        for name in permissions:
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return user

    return make
