"""Draw the demo images: abstract hero pictures.

Everything is drawn with Pillow from seeded randomness, so the demo needs no
downloads and gives the same pictures on every run. Flags are not drawn: they
come from the flag-icons set by ISO code (countries/flags.py).
"""

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

HERO_SIZE = (1600, 900)

# Named colour schemes for the abstract pictures: (background top, bottom, accents).
PALETTES = {
    "dawn": ((24, 40, 92), (226, 120, 96), [(255, 205, 150), (255, 255, 255), (190, 70, 90)]),
    "sea": ((10, 60, 110), (60, 170, 190), [(255, 255, 255), (250, 210, 90), (20, 110, 160)]),
    "sakura": ((250, 226, 232), (190, 90, 130), [(255, 255, 255), (240, 160, 185), (120, 40, 80)]),
    "forest": ((18, 70, 60), (140, 190, 120), [(240, 240, 200), (255, 255, 255), (40, 120, 90)]),
    "ember": ((70, 12, 20), (230, 90, 40), [(255, 210, 120), (255, 255, 255), (150, 20, 30)]),
    "slate": ((30, 36, 52), (110, 130, 160), [(230, 235, 245), (200, 60, 70), (80, 150, 200)]),
    "meadow": ((40, 90, 150), (240, 200, 90), [(255, 255, 255), (90, 160, 90), (250, 150, 60)]),
    "dusk": ((40, 20, 70), (200, 110, 150), [(255, 220, 180), (255, 255, 255), (110, 60, 140)]),
}


def _jpeg(image):
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


@functools.cache
def abstract_jpeg(seed, palette="dawn", size=HERO_SIZE):
    """Return a soft abstract picture (gradient, circles, waves) as JPEG bytes.

    The same `seed` and `palette` always give the same picture.
    """
    rng = random.Random(seed)
    top, bottom, accents = PALETTES[palette]
    w, h = size
    gradient = Image.linear_gradient("L").resize((w, h))
    if rng.random() < 0.5:
        gradient = gradient.transpose(Image.Transpose.ROTATE_180)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)

    # Each circle is pasted through its own blurred mask: blurring a transparent
    # RGBA layer instead would leave dark fringes around the circles.
    for _ in range(rng.randint(5, 8)):
        r = rng.uniform(0.08, 0.3) * h
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        colour = rng.choice(accents)
        mask = Image.new("L", size, 0)
        ImageDraw.Draw(mask).ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(40, 110))
        image.paste(colour, mask=mask.filter(ImageFilter.GaussianBlur(h * 0.02)))

    image = image.convert("RGBA")
    waves = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(waves)
    for i in range(rng.randint(3, 5)):
        base = h * (0.55 + 0.1 * i)
        amplitude = rng.uniform(0.02, 0.06) * h
        phase = rng.uniform(0, math.tau)
        length = rng.uniform(0.6, 1.4) * w
        points = [
            (x, base + amplitude * math.sin(phase + math.tau * x / length)) for x in range(0, w + 20, 20)
        ]
        draw.polygon([*points, (w, h), (0, h)], fill=(*rng.choice(accents), 34))
    image = Image.alpha_composite(image, waves)
    return _jpeg(image)
