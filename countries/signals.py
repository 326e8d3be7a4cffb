"""What changes to countries refresh in the page cache (see pagecache/generations.py)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from pagecache import generations as g
from pagecache.changes import previous
from pagecache.store import bump

from .models import Country, Embassy, ProfileDocument, TradeFigure


@receiver(pre_save, sender=Country)
def _country_before(sender, instance, **kwargs):
    instance._before = previous(instance, "slug")


@receiver(post_save, sender=Country)
def _country_saved(sender, instance, **kwargs):
    slugs = {instance.slug, *([instance._before["slug"]] if instance._before else [])}
    bump(g.COUNTRIES, *g.COUNTRY.many(slugs))


@receiver(post_delete, sender=Country)
def _country_deleted(sender, instance, **kwargs):
    bump(g.COUNTRIES, g.COUNTRY(instance.slug))


@receiver(post_save, sender=TradeFigure)
@receiver(post_delete, sender=TradeFigure)
@receiver(post_save, sender=Embassy)
@receiver(post_delete, sender=Embassy)
@receiver(post_save, sender=ProfileDocument)
@receiver(post_delete, sender=ProfileDocument)
def _country_part_changed(sender, instance, **kwargs):
    slug = Country.objects.filter(pk=instance.country_id).values_list("slug", flat=True).first()
    if slug:
        bump(g.COUNTRY(slug))
