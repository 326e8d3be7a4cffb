"""The {% picture %} tag: an uploaded image as a responsive <picture> (AVIF, WebP, JPEG)."""

from django import template

from core import renditions

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(
    image, width, height, alt="", sizes="100vw", eager=False, css_class="", max_width=renditions.WIDTHS[-1]
):
    """Render `image` with its renditions; `eager` for the first picture on screen, lazy otherwise."""
    return {
        "picture": renditions.picture(image, width, height, max_width),
        "alt": alt,
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


@register.simple_tag
def social_image(image):
    """Return the address of `image` cut to the 1200×630 of a link preview (og:image)."""
    return renditions.social_image(image)
