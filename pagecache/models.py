from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingBump(models.Model):
    """Generations a committed change made stale that the shared cache or the edge may not know yet.

    A change writes one in its own transaction; it is deleted once the shared
    cache has the new tokens and the edge cache has purged the names. What an
    outage left here is applied when the shared cache answers again.
    """

    names = models.JSONField(_("generations"))
    shared_done = models.BooleanField(_("applied to the shared cache"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending cache refresh")
        verbose_name_plural = _("pending cache refreshes")

    def __str__(self):
        return ", ".join(self.names)
