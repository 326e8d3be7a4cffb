"""Hearing of stories being published, without the news app knowing of alerts.

A story's alerts are queued when it becomes published or scheduled, or when
its publish time moves (`send_story` then runs at that time and checks again
that the story is public); and when a published story gains a country or tag
(those subscribers may not have had it: deliveries keep everyone else from a
second copy). What the story was when loaded is remembered on the instance,
so a save costs no extra query.
"""

from django.db.models.signals import m2m_changed, post_init, post_save
from django.dispatch import receiver

from news.models import NewsItem

from .tasks import schedule_story

PUBLISHED = NewsItem.Status.PUBLISHED


def _state(story):
    # __dict__, not attributes: a deferred field must not cost a query for every story loaded.
    return story.__dict__.get("status"), story.__dict__.get("publish_at")


@receiver(post_init, sender=NewsItem)
def _remember_loaded(sender, instance, **kwargs):
    instance._alerts_loaded = _state(instance)


@receiver(post_save, sender=NewsItem)
def _story_saved(sender, instance, created, raw=False, **kwargs):
    before, now = getattr(instance, "_alerts_loaded", (None, None)), _state(instance)
    instance._alerts_loaded = now
    if raw or instance.status != PUBLISHED:
        return
    if created or before != now:
        schedule_story(instance)


@receiver(m2m_changed, sender=NewsItem.countries.through)
@receiver(m2m_changed, sender=NewsItem.tags.through)
def _story_topics_added(sender, instance, action, reverse, **kwargs):
    if (
        action == "post_add"
        and not reverse
        and isinstance(instance, NewsItem)
        and instance.status == PUBLISHED
    ):
        schedule_story(instance)
