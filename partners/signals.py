"""What changes to partner organisations refresh in the page cache (see pagecache/generations.py)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from countries.models import Country
from pagecache import generations as g
from pagecache.changes import previous
from pagecache.store import bump

from .models import PartnerOrganisation


@receiver(pre_save, sender=PartnerOrganisation)
def _partner_before(sender, instance, **kwargs):
    instance._before = previous(instance, "slug", "country__slug")


@receiver(post_save, sender=PartnerOrganisation)
@receiver(post_delete, sender=PartnerOrganisation)
def _partner_changed(sender, instance, **kwargs):
    before = getattr(instance, "_before", None) or {}
    slugs = {instance.slug, before.get("slug")} - {None}
    country = Country.objects.filter(pk=instance.country_id).values_list("slug", flat=True).first()
    countries = {country, before.get("country__slug")} - {None}
    bump(g.PARTNERS, *g.PARTNER.many(slugs), *g.COUNTRY_PROFILE.many(countries))
