"""Small helpers for the receivers with which each content app says what its changes refresh."""

# The m2m_changed actions after which a relation is as it will be (pre_clear: before it is emptied).
CLEARS = ("post_add", "post_remove", "pre_clear")


def previous(instance, *fields):
    """Return the stored values of `fields` before this save (None for a new row)."""
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
