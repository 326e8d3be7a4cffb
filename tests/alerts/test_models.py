"""Subscribers and subscriptions: masked addresses, and which subscriptions a story is for."""

import pytest

from alerts.models import Subscriber, Subscription, masked


def test_staff_see_addresses_masked():
    assert masked("sonja.novak@example.org") == "s***@example.org"
    assert masked("broken") == "***"


@pytest.mark.django_db
def test_a_story_is_for_everything_its_countries_its_tags_and_its_kind_and_only_confirmed_readers(
    make_news, make_country
):
    from django.utils import timezone

    slovenia, croatia = (
        make_country(name="Slovenia", slug="slovenia"),
        make_country(name="Croatia", slug="croatia"),
    )
    story = make_news(kind="visit")
    story.countries.add(slovenia)
    story.tags.add("trade")

    def subscribe(email, confirmed=True, **fields):
        reader = Subscriber.objects.create(email=email)
        return Subscription.objects.create(
            subscriber=reader, confirmed_at=timezone.now() if confirmed else None, **fields
        )

    wanted = {
        subscribe("all@example.org", topic="everything"),
        subscribe("si@example.org", topic="country", country=slovenia),
        subscribe("visits@example.org", topic="kind", kind="visit"),
    }
    subscribe("hr@example.org", topic="country", country=croatia)
    subscribe("events@example.org", topic="kind", kind="event")
    subscribe("unconfirmed@example.org", confirmed=False, topic="everything")
    stopped = subscribe("bounced@example.org", topic="everything")
    stopped.subscriber.stopped_at = timezone.now()
    stopped.subscriber.save()

    assert set(Subscription.objects.active().for_story(story)) == wanted
