"""The subscribe form: an address and a topic that exists, as the reader chose them."""

import pytest

from alerts.forms import SubscribeForm, topic_from_query


@pytest.mark.django_db
def test_a_country_topic_becomes_the_subscriptions_fields(make_country):
    slovenia = make_country(name="Slovenia", slug="slovenia")
    form = SubscribeForm({"email": " Reader@Example.org ", "topic": "country:slovenia", "frequency": "daily"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "reader@example.org"
    assert form.subscription_fields["country"] == slovenia
    assert form.subscription_fields["frequency"] == "daily"


@pytest.mark.django_db
def test_a_bad_address_or_a_topic_that_does_not_exist_is_an_error_beside_its_field(make_country):
    form = SubscribeForm({"email": "not an address", "topic": "country:atlantis", "frequency": "immediate"})
    assert not form.is_valid()
    assert set(form.errors) == {"email", "topic"}
    assert form.fields["email"].widget.attrs["aria-describedby"] == "id_email-error"


@pytest.mark.django_db
def test_a_link_from_a_page_preselects_its_topic(make_country):
    make_country(name="Slovenia", slug="slovenia")
    assert topic_from_query({"country": "slovenia"}) == "country:slovenia"
    assert topic_from_query({}) == "everything"
