"""Workflow fixtures: a second publisher, a team with addresses and languages, a local web to check links against."""

import pytest

from tests.helpers.users import staff_in
from tests.helpers.web import Web
from workflow.models import StaffPreference


@pytest.fixture
def other_publisher(db, django_user_model):

    return staff_in(django_user_model, "petra", "Publishers")


@pytest.fixture
def team(editor, publisher, other_publisher):
    """An editor and two publishers with e-mail addresses, the second publisher reading Japanese."""
    for user, address, language in (
        (editor, "erika@example.org", "en"),
        (publisher, "paul@example.org", "en"),
        (other_publisher, "petra@example.org", "ja"),
    ):
        user.email = address
        user.save()
        StaffPreference.objects.create(user=user, language=language)
    return editor, publisher, other_publisher


@pytest.fixture
def web(settings):
    """The local web the link check asks (tests/helpers/web.py), answering within a second or never."""
    settings.LINK_CHECK_TIMEOUT = 1
    server = Web()
    yield server
    server.close()


@pytest.fixture
def make_item(make_country, make_partner, make_entry):
    makers = {
        "country": lambda **kw: make_country(name="Slovenia", **kw),
        "partner": make_partner,
        "entry": make_entry,
    }

    def make(kind, **kwargs):
        return makers[kind](**kwargs)

    return make


@pytest.fixture
def draft(make_news, make_country):
    item = make_news(status="draft", title="Cherry trees for Ljubljana", title_ja="リュブリャナに桜")
    item.countries.add(make_country(name="Slovenia"))
    return item
