"""Responsive renditions of uploaded images: AVIF, WebP and JPEG at a few widths, each made once.

django-imagekit makes a rendition the first time a page (or `make_renditions`,
run after a save) asks for it, stores it under IMAGEKIT_CACHEFILE_DIR beside the
originals, and remembers in the cache that it exists, so later pages only build
its URL. Renditions carry pixels only: no EXIF, XMP or comments.

Templates use the `{% picture %}` tag (balkan/templatetags/pictures.py), which
renders includes/picture.html from `picture()`.

A picture may be cut to a shape (`aspect`, e.g. (16, 9) for cards, (1, 1) for squares,
1200×630 for link previews) around its focal point (`focus`, where the subject is, as
fractions of the width and height, chosen by staff by clicking the picture in the admin):
the cut keeps as much of the picture as the shape allows, centred on the focal point as
far as the edges let it.
"""

import contextvars
import logging
from dataclasses import dataclass, field

from imagekit import register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState, Simple
from imagekit.specs import ImageSpec
from PIL import Image
from pilkit.processors import Resize

logger = logging.getLogger(__name__)

# Pictures shown from their original because a rendition could not be made, counted in this context:
# HTML made with one is worth showing but not keeping (pagecache does not store it).
_fallbacks = contextvars.ContextVar("rendition_fallbacks", default=0)


def fallbacks():
    """Return how many pictures were shown from their original so far (compare before and after)."""
    return _fallbacks.get()


WIDTHS = (480, 960, 1440)
# The fallback <img> loads the largest JPEG up to this width.
FALLBACK_WIDTH = 960
# Best first: a browser takes the first <source> whose type it supports.
FORMATS = {
    # Speed 8 encodes several times faster than the default 6 for a few per cent
    # more bytes: renditions are made while a page or an admin save waits.
    "avif": ("AVIF", "image/avif", {"quality": 60, "speed": 8}),
    "webp": ("WEBP", "image/webp", {"quality": 78}),
    "jpeg": ("JPEG", "image/jpeg", {"quality": 80, "optimize": True, "progressive": True}),
}


class StripMetadata:
    """Keep only the pixels: no EXIF, XMP, ICC profile or comment reaches a rendition."""

    def process(self, image):
        image.info = {}
        return image


class RenditionBackend(Simple):
    """imagekit's synchronous backend, except that a failed generation is retried on the next request.

    imagekit would otherwise remember the file as "generating" until the
    cache entry expires, and pages would link a file that does not exist.
    """

    def generate_now(self, file, force=False):
        try:
            super().generate_now(file, force)
        except Exception:
            self.set_state(file, CacheFileState.DOES_NOT_EXIST)
            raise


class Rendition(ImageSpec):
    """One image resized to an exact size and encoded in one format."""

    cachefile_backend = RenditionBackend()

    def __init__(self, source, width, height, image_format):
        self.format, _, self.options = FORMATS[image_format]
        self.processors = [StripMetadata(), Resize(width, height)]
        super().__init__(source)


class FocusFill:
    """Scale the image to cover `width`×`height`, then cut that size out of it centred on `focus`.

    `focus` is (x, y) in fractions of the image (0.5, 0.5 is the middle); the cut is moved
    inside the picture where the focal point is nearer an edge than half the cut.
    """

    def __init__(self, width, height, focus=None):
        self.width, self.height = width, height
        self.focus = focus or CENTRE

    def process(self, image):
        scale = max(self.width / image.width, self.height / image.height)
        covered = (max(self.width, round(image.width * scale)), max(self.height, round(image.height * scale)))
        image = image.resize(covered, Image.Resampling.LANCZOS)
        left = clamp(round(self.focus[0] * covered[0] - self.width / 2), 0, covered[0] - self.width)
        top = clamp(round(self.focus[1] * covered[1] - self.height / 2), 0, covered[1] - self.height)
        return image.crop((left, top, left + self.width, top + self.height))


def clamp(value, lowest, highest):
    return max(lowest, min(value, highest))


CENTRE = (0.5, 0.5)


def focus_of(x_percent, y_percent):
    """Return the focal point stored as two percentages (None: the middle) as fractions."""
    if x_percent is None or y_percent is None:
        return CENTRE
    return (clamp(x_percent, 0, 100) / 100, clamp(y_percent, 0, 100) / 100)


class Cut(ImageSpec):
    """One image cut to an exact size around its focal point and encoded in one format."""

    cachefile_backend = RenditionBackend()

    def __init__(self, source, width, height, image_format, focus):
        self.format, _, self.options = FORMATS[image_format]
        self.processors = [StripMetadata(), FocusFill(width, height, focus)]
        super().__init__(source)


# imagekit applies its cache-file strategy (make the file when its URL is asked for) to registered generators only.
register.generator("balkan:rendition", Rendition)
register.generator("balkan:cut", Cut)

SOCIAL_SIZE = (1200, 630)


class SocialCrop(ImageSpec):
    """An image cut to the 1200×630 of a social card (og:image), around its focal point, as JPEG."""

    cachefile_backend = RenditionBackend()
    format = "JPEG"
    options = {"quality": 85, "optimize": True, "progressive": True}

    def __init__(self, source, focus=None):
        self.processors = [StripMetadata(), FocusFill(*SOCIAL_SIZE, focus)]
        super().__init__(source)


register.generator("balkan:social-crop", SocialCrop)


def social_image(image, focus=None):
    """Return the address of `image` cut to 1200×630 around `focus` for link previews (made when first asked for).

    When it cannot be made (the original is missing or damaged), the original's address, as before.
    """
    try:
        return ImageCacheFile(SocialCrop(image, focus)).url
    except Exception:  # noqa: BLE001 - a page never fails for want of a preview picture
        logger.warning("Could not cut %s for link previews", image.name, exc_info=True)
        return image.url


def square(image, side, focus=None):
    """Return the address of `image` cut to a `side`×`side` JPEG square around `focus` (made when first asked for).

    When it cannot be made, the original's address.
    """
    try:
        return ImageCacheFile(Cut(image, side, side, "jpeg", focus)).url
    except Exception:  # noqa: BLE001 - a list never fails for want of a thumbnail
        logger.warning("Could not cut %s to a square", image.name, exc_info=True)
        return image.url


@dataclass
class Source:
    type: str
    srcset: str


@dataclass
class Picture:
    src: str
    width: int
    height: int
    srcset: str = ""
    sources: list = field(default_factory=list)


def widths_for(width, max_width=WIDTHS[-1]):
    """Return the rendition widths for an image `width` pixels wide: never wider than it or `max_width`."""
    largest = min(width, max_width)
    return sorted({w for w in WIDTHS if w < largest} | {largest})


def size_at(width, height, new_width):
    return new_width, max(1, round(height * new_width / width))


def rendition(image, width, height, new_width, image_format, aspect=None, focus=None):
    """Return the (not yet generated) ImageCacheFile of `image` at `new_width` in `image_format`.

    With an `aspect` (w, h), the picture is cut to that shape around `focus`.
    """
    if aspect:
        return ImageCacheFile(Cut(image, *size_at(*aspect, new_width), image_format, focus))
    return ImageCacheFile(Rendition(image, *size_at(width, height, new_width), image_format))


# The pictures this process has built lately, all of whose renditions exist: building one
# asks imagekit for 6–9 rendition URLs, each a hash of the spec and a cache round trip to
# learn that the file exists (a quarter of an uncached page's time). An upload gets a new
# name, so a name and size always mean the same files.
known = {}
KNOWN_LIMIT = 2_000


def picture(image, width, height, max_width=WIDTHS[-1], aspect=None, focus=None):
    """Return what a <picture> element needs for `image` (`width`×`height` pixels), or None without an image.

    With an `aspect` (w, h) every rendition is cut to that shape around `focus`.
    If a rendition cannot be made (say the original has gone missing from
    storage), the original is shown instead: a page never fails for a picture.
    """
    if not image:
        return None
    if not width or not height:
        return Picture(src=image.url, width=width or "", height=height or "")
    key = (image.name, width, height, max_width, aspect, focus)
    found = known.get(key)
    if found is None:
        found = _picture(image, width, height, max_width, aspect, focus)
        if found.sources:  # every rendition is there (not the original shown instead)
            if len(known) >= KNOWN_LIMIT:  # start again rather than grow
                known.clear()
            known[key] = found
    return found


def _picture(image, width, height, max_width, aspect, focus):
    if aspect:  # never wider, nor taller, than the original allows
        max_width = min(max_width, width, int(height * aspect[0] / aspect[1]))
    widths = widths_for(width, max_width)
    try:
        sources = {}
        for key in FORMATS:
            urls = [(rendition(image, width, height, w, key, aspect, focus).url, w) for w in widths]
            sources[key] = ", ".join(f"{url} {w}w" for url, w in urls)
        fallback = max((w for w in widths if w <= FALLBACK_WIDTH), default=widths[0])
        src = rendition(image, width, height, fallback, "jpeg", aspect, focus).url
    except (OSError, ValueError):
        logger.exception("Could not make the renditions of %s", image.name)
        _fallbacks.set(_fallbacks.get() + 1)
        return Picture(src=image.url, width=width, height=height)
    fallback_width, fallback_height = size_at(*(aspect or (width, height)), fallback)
    return Picture(
        src=src,
        width=fallback_width,
        height=fallback_height,
        srcset=sources.pop("jpeg"),
        sources=[Source(FORMATS[key][1], srcset) for key, srcset in sources.items()],
    )


def make_renditions(image, width, height, max_width=WIDTHS[-1], aspect=None, focus=None):
    """Make every rendition of `image` now (after a save), so that no reader waits for one."""
    try:
        picture(image, width, height, max_width, aspect, focus)
    except Exception:
        # Making them ahead is a courtesy; the page makes any missing one.
        logger.exception("Could not make the renditions of %s ahead of time", image.name)
