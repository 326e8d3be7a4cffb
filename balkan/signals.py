"""What changes to the site's own pages refresh in the page cache (see pagecache/generations.py)."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from pagecache import generations as g
from pagecache.store import bump, refresh_every_page

from .models import Page, Quote


@receiver(post_save, sender=Quote)
@receiver(post_delete, sender=Quote)
@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def _site_changed(sender, **kwargs):
    bump(g.SITE)


@receiver(post_migrate)
def _new_release(sender, **kwargs):
    """A migrate runs once per release: pages rendered by the old templates must go."""
    if sender.name == "balkan":
        refresh_every_page()
