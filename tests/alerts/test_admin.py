"""Subscriptions in the admin: masked addresses, counts per country, no export, only with a permission."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from alerts.models import Subscriber, Subscription
from tests.helpers.users import staff_in

pytestmark = pytest.mark.django_db
URL = "/admin/alerts/subscription/"


@pytest.fixture
def subscriptions(make_country):
    slovenia = make_country(name="Slovenia", iso_code="SI")
    now = timezone.now()
    for email in ("sonja@example.org", "marko@example.org"):
        subscriber = Subscriber.objects.create(email=email)
        Subscription.objects.create(
            subscriber=subscriber, topic="country", country=slovenia, confirmed_at=now
        )
    return slovenia


def test_staff_with_the_permission_see_masked_addresses_and_counts_per_country(
    client, django_user_model, subscriptions
):
    user = staff_in(django_user_model, "dora", "Editors")
    user.user_permissions.add(Permission.objects.get(codename="view_subscription"))
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert "s***@example.org" in page and "m***@example.org" in page
    assert "sonja@" not in page and "marko@" not in page
    assert "By country" in page and '<th scope="row">Slovenia</th><td>2</td>' in page
    assert "export" not in page.lower()
    found = client.get(URL, {"q": "SONJA@example.org"}).content.decode()  # typed whole, on a reader's request
    assert "s***@example.org" in found and "m***@example.org" not in found
    assert client.get(URL, {"q": "example.org"}).content.decode().count("***@example.org") == 0
    assert client.get(f"{URL}add/").status_code == 403


def test_staff_without_the_permission_see_nothing(client, editor, publisher, subscriptions):
    for user in (editor, publisher):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_deleting_an_addresss_last_alert_in_the_admin_deletes_the_address(admin_client, subscriptions):
    subscription = Subscription.objects.get(subscriber__email="sonja@example.org")
    response = admin_client.post(f"{URL}{subscription.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["marko@example.org"]
