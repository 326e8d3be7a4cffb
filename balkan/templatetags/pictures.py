"""The {% picture %} tag: an uploaded image as a responsive <picture> (AVIF, WebP, JPEG)."""

from django import template

from core import renditions

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(
    image,
    width,
    height,
    alt="",
    sizes="100vw",
    eager=False,
    css_class="",
    max_width=renditions.WIDTHS[-1],
    aspect="",
    focus=None,
):
    """Render `image` with its renditions; `eager` for the first picture on screen, lazy otherwise.

    `aspect="16:9"` cuts every rendition to that shape around `focus` (a model's `hero_focus`).
    """
    shape = tuple(int(side) for side in aspect.split(":")) if aspect else None
    return {
        "picture": renditions.picture(image, width, height, max_width, shape, focus),
        "alt": alt,
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


@register.simple_tag
def social_image(image, focus=None):
    """Return the address of `image` cut to the 1200×630 of a link preview (og:image) around `focus`."""
    return renditions.social_image(image, focus)
