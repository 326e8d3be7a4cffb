"""What changes to the chronology refresh in the page cache (see pagecache/generations.py)."""

from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from countries.models import Country
from pagecache import generations as g
from pagecache.changes import CLEARS
from pagecache.store import bump

from .models import Category, ChronologyEntry


def entry_generations(entry):
    """Return the generations a change to chronology `entry` touches."""
    return {g.CHRONOLOGY, *g.COUNTRY_PROFILE.many(entry.countries.values_list("slug", flat=True))}


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
        names |= g.COUNTRY_PROFILE.many(
            Country.objects.filter(pk__in=pk_set or ()).values_list("slug", flat=True)
        )
    bump(*names)


@receiver(post_save, sender=Category)
@receiver(pre_delete, sender=Category)
def _category_changed(sender, instance, **kwargs):
    countries = Country.objects.filter(chronology_entries__category=instance).values_list("slug", flat=True)
    bump(g.CHRONOLOGY, *g.COUNTRY_PROFILE.many(countries))
