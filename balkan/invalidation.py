"""What each change refreshes: model signals bump the page cache's generations.

| generation | covers | pages that show it |
| --- | --- | --- |
| news | which stories are public, in what order | home, news list, news feed, sitemap, search |
| news:<slug> | one story, its gallery and tags | the story's page |
| countries | every country's name, flag, publication | pages that name countries |
| country:<slug> | one country's record, trade and embassies | its profile, embed, card, QR code, feed |
| country-news:<slug> | the public news about a country | its profile and feed; related news on its stories |
| country-profile:<slug> | the chronology and partners on a country's profile | its profile |
| chronology | the chronology | home, chronology, search |
| partners | partner organisations | home, partner list, pages naming partners, search |
| partner:<slug> | one partner and its news | its page |
| site | quotes, about and contact pages | home, about, contact, sitemap |
| search | the search index as a whole (`rebuild_search_index`) | search |

Publishing a story thus refreshes the home page, the news list, the feeds, the
sitemap, search, its own page, its countries' profiles and its partners' pages,
and nothing else. Saving a story nobody can see (a draft) refreshes nothing.
"""

from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from chronology.models import Category, ChronologyEntry
from countries.models import Country, Embassy, TradeFigure
from news.models import NewsImage, NewsItem
from partners.models import PartnerOrganisation

from .cache import bump, refresh_every_page, schedule_changed, watch_schedule
from .models import Page, Quote

CLEARS = ("post_add", "post_remove", "pre_clear")


def _news_of(countries):
    return {f"country-news:{slug}" for slug in countries}


def _profile_of(countries):
    return {f"country-profile:{slug}" for slug in countries}


def news_generations(item):
    """Return the generations a change to the public story `item` touches."""
    names = {"news", f"news:{item.slug}"}
    names |= _news_of(item.countries.values_list("slug", flat=True))
    names |= {f"partner:{slug}" for slug in item.partners.values_list("slug", flat=True)}
    linked = Country.objects.filter(chronology_entries__related_news=item).values_list("slug", flat=True)
    if item.chronology_entries.exists():
        names |= {"chronology", *_profile_of(linked)}
    return names


def entry_generations(entry):
    """Return the generations a change to chronology `entry` touches."""
    return {"chronology", *_profile_of(entry.countries.values_list("slug", flat=True))}


def _next_due():
    return NewsItem.objects.scheduled().aggregate(next=Min("publish_at"))["next"]


def _generations_due(since, until):
    names = set()
    for item in NewsItem.objects.published().filter(publish_at__gte=since, publish_at__lte=until):
        names |= news_generations(item)
    return names


watch_schedule(_next_due, _generations_due)


def _previous(instance, *fields):
    """Return the stored values of `fields` before this save (None for a new row)."""
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()


# News


@receiver(pre_save, sender=NewsItem)
def _news_before(sender, instance, **kwargs):
    instance._before = _previous(instance, "slug")
    instance._was_public = (
        instance._before is not None and NewsItem.objects.published().filter(pk=instance.pk).exists()
    )


@receiver(post_save, sender=NewsItem)
def _news_saved(sender, instance, **kwargs):
    if instance._was_public or instance.is_public:
        names = news_generations(instance)
        if instance._before:
            names.add(f"news:{instance._before['slug']}")
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
    prefix = "country-news" if sender is NewsItem.countries.through else "partner"
    bump(*set().union(*(news_generations(item) for item in public)), *(f"{prefix}:{slug}" for slug in others))


@receiver(m2m_changed, sender=NewsItem.tags.through)
def _news_tags_changed(sender, instance, action, **kwargs):
    if action in CLEARS and isinstance(instance, NewsItem) and instance.is_public:
        bump("news", f"news:{instance.slug}")


@receiver(post_save, sender=Tag)
@receiver(pre_delete, sender=Tag)
def _tag_changed(sender, instance, **kwargs):
    slugs = NewsItem.objects.published().filter(tags=instance).values_list("slug", flat=True)
    bump("news", *(f"news:{slug}" for slug in slugs))


@receiver(post_save, sender=NewsImage)
@receiver(post_delete, sender=NewsImage)
def _news_image_changed(sender, instance, **kwargs):
    item = NewsItem.objects.filter(pk=instance.news_item_id).first()
    if item is not None and item.is_public:
        bump(f"news:{item.slug}")


# Countries


@receiver(pre_save, sender=Country)
def _country_before(sender, instance, **kwargs):
    instance._before = _previous(instance, "slug")


@receiver(post_save, sender=Country)
def _country_saved(sender, instance, **kwargs):
    slugs = {instance.slug, *([instance._before["slug"]] if instance._before else [])}
    bump("countries", *(f"country:{slug}" for slug in slugs))


@receiver(post_delete, sender=Country)
def _country_deleted(sender, instance, **kwargs):
    bump("countries", f"country:{instance.slug}")


@receiver(post_save, sender=TradeFigure)
@receiver(post_delete, sender=TradeFigure)
@receiver(post_save, sender=Embassy)
@receiver(post_delete, sender=Embassy)
def _country_part_changed(sender, instance, **kwargs):
    slug = Country.objects.filter(pk=instance.country_id).values_list("slug", flat=True).first()
    if slug:
        bump(f"country:{slug}")


# Partners


@receiver(pre_save, sender=PartnerOrganisation)
def _partner_before(sender, instance, **kwargs):
    instance._before = _previous(instance, "slug", "country__slug")


@receiver(post_save, sender=PartnerOrganisation)
@receiver(post_delete, sender=PartnerOrganisation)
def _partner_changed(sender, instance, **kwargs):
    before = getattr(instance, "_before", None) or {}
    slugs = {instance.slug, before.get("slug")} - {None}
    country = Country.objects.filter(pk=instance.country_id).values_list("slug", flat=True).first()
    countries = {country, before.get("country__slug")} - {None}
    bump("partners", *(f"partner:{slug}" for slug in slugs), *_profile_of(countries))


# Chronology


@receiver(post_save, sender=ChronologyEntry)
@receiver(pre_delete, sender=ChronologyEntry)
def _entry_changed(sender, instance, **kwargs):
    bump(*entry_generations(instance))


@receiver(m2m_changed, sender=ChronologyEntry.countries.through)
@receiver(m2m_changed, sender=ChronologyEntry.related_news.through)
def _entry_links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in CLEARS:
        return
    if reverse:
        entries = (
            ChronologyEntry.objects.filter(pk__in=pk_set) if pk_set else instance.chronology_entries.all()
        )
    else:
        entries = [instance]
    names = set().union(*(entry_generations(entry) for entry in entries))
    if sender is ChronologyEntry.countries.through and not reverse:
        names |= _profile_of(Country.objects.filter(pk__in=pk_set or ()).values_list("slug", flat=True))
    bump(*names)


@receiver(post_save, sender=Category)
@receiver(pre_delete, sender=Category)
def _category_changed(sender, instance, **kwargs):
    countries = Country.objects.filter(chronology_entries__category=instance).values_list("slug", flat=True)
    bump("chronology", *_profile_of(countries))


# The site


@receiver(post_save, sender=Quote)
@receiver(post_delete, sender=Quote)
@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def _site_changed(sender, **kwargs):
    bump("site")


@receiver(post_migrate)
def _new_release(sender, **kwargs):
    """A migrate runs once per release: pages rendered by the old templates must go."""
    if sender.name == "balkan":
        refresh_every_page()
