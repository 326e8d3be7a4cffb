"""What changes to news refresh in the page cache (see pagecache/generations.py), and the news's own signal."""

from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal, receiver
from django.utils import timezone
from taggit.models import Tag

from countries.models import Country
from pagecache import generations as g
from pagecache.changes import CLEARS, previous
from pagecache.store import bump, schedule_changed, watch_schedule

from .models import NewsImage, NewsItem, StoryDocument, TagTranslation

# Sent by the news admin when a member of staff moves a story to another status (submitted,
# published or scheduled, unpublished, archived), with `item`, `user` and `request`: the staff
# audit log listens (news knows nothing of the staff tooling).
status_changed = Signal()


def news_generations(item):
    """Return the generations a change to the public story `item` touches."""
    names = {g.NEWS, g.NEWS_ITEM(item.slug)}
    names |= g.COUNTRY_NEWS.many(item.countries.values_list("slug", flat=True))
    names |= g.PARTNER.many(item.partners.values_list("slug", flat=True))
    if item.chronology_entries.exists():
        linked = Country.objects.filter(chronology_entries__related_news=item).values_list("slug", flat=True)
        names |= {g.CHRONOLOGY, *g.COUNTRY_PROFILE.many(linked)}
    return names


def _next_due():
    """Return when a story next appears or leaves by itself (its publish time, or its expiry)."""
    times = [
        NewsItem.objects.scheduled().aggregate(next=Min("publish_at"))["next"],
        NewsItem.objects.expiring().aggregate(next=Min("expires_at"))["next"],
    ]
    return min((time for time in times if time is not None), default=None)


def _generations_due(since, until):
    names = set()
    for item in NewsItem.objects.published().filter(publish_at__gte=since, publish_at__lte=until):
        names |= news_generations(item)
    for item in NewsItem.objects.withdrawn().filter(expires_at__gte=since, expires_at__lte=until):
        names |= news_generations(item)
    return names


watch_schedule(_next_due, _generations_due)


@receiver(pre_save, sender=NewsItem)
def _news_before(sender, instance, **kwargs):
    instance._before = previous(instance, "slug")
    instance._was_public = (
        instance._before is not None and NewsItem.objects.published().filter(pk=instance.pk).exists()
    )
    # Subscribed calendars learn of a withdrawn event only if the feed keeps it, cancelled, a while.
    if instance.is_public:
        instance.withdrawn_at = None
    elif instance._was_public and instance.kind == NewsItem.Kind.EVENT:
        instance.withdrawn_at = timezone.now()


@receiver(post_save, sender=NewsItem)
def _news_saved(sender, instance, **kwargs):
    if instance._was_public or instance.is_public:
        names = news_generations(instance)
        if instance._before:
            names.add(g.NEWS_ITEM(instance._before["slug"]))
        bump(*names)
    schedule_changed()


@receiver(pre_delete, sender=NewsItem)
def _news_deleted(sender, instance, **kwargs):
    if instance.is_public:
        bump(*news_generations(instance))
    else:
        schedule_changed()


@receiver(m2m_changed, sender=NewsItem.countries.through)
@receiver(m2m_changed, sender=NewsItem.partners.through)
def _news_links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in CLEARS:
        return
    if reverse:
        items = NewsItem.objects.filter(pk__in=pk_set) if pk_set else instance.news_items.all()
        others = [instance.slug]
    else:
        items = [instance]
        others = model.objects.filter(pk__in=pk_set or ()).values_list("slug", flat=True)
    public = [item for item in items if item.is_public]
    if not public:
        return
    family = g.COUNTRY_NEWS if sender is NewsItem.countries.through else g.PARTNER
    bump(*set().union(*(news_generations(item) for item in public)), *family.many(others))


@receiver(m2m_changed, sender=NewsItem.tags.through)
def _news_tags_changed(sender, instance, action, **kwargs):
    if action in CLEARS and isinstance(instance, NewsItem) and instance.is_public:
        bump(g.NEWS, g.NEWS_ITEM(instance.slug))


@receiver(post_save, sender=Tag)
@receiver(pre_delete, sender=Tag)
def _tag_changed(sender, instance, **kwargs):
    slugs = NewsItem.objects.published().filter(tags=instance).values_list("slug", flat=True)
    bump(g.NEWS, *g.NEWS_ITEM.many(slugs))


@receiver(post_save, sender=NewsImage)
@receiver(post_delete, sender=NewsImage)
@receiver(post_save, sender=StoryDocument)
@receiver(post_delete, sender=StoryDocument)
def _news_part_changed(sender, instance, **kwargs):
    item = NewsItem.objects.filter(pk=instance.news_item_id).first()
    if item is not None and item.is_public:
        bump(g.NEWS_ITEM(item.slug))


@receiver(post_save, sender=TagTranslation)
@receiver(post_delete, sender=TagTranslation)
def _tag_name_changed(sender, instance, **kwargs):
    # The Japanese name shows where the tag does: on its stories and on the news list.
    _tag_changed(Tag, Tag(pk=instance.tag_id))
