"""Draw the demo images: simplified national flags and abstract hero pictures.

Everything is drawn with Pillow from fixed shapes and seeded randomness, so
the demo needs no downloads and gives the same pictures on every run. The
flags are simplified on purpose (no detailed coats of arms); they are
placeholders until staff upload the official artwork.
"""

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

FLAG_SIZE = (900, 600)
HERO_SIZE = (1600, 900)
# Flags are drawn this many times larger, then reduced, to smooth the edges.
SUPERSAMPLE = 3

RED = (200, 16, 46)
WHITE = (255, 255, 255)
BLUE = (0, 56, 147)
GOLD = (252, 209, 22)
GREEN = (0, 150, 110)
BLACK = (20, 20, 20)

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


def _png(image):
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _jpeg(image):
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _star_points(cx, cy, outer, inner=None, points=5, rotation=-90):
    """Return the polygon of a star centred on (cx, cy), one point upwards."""
    inner = inner or outer * 0.382
    result = []
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(rotation + i * 180 / points)
        result.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return result


def _stripes(draw, w, h, colours, vertical=False):
    for i, colour in enumerate(colours):
        if vertical:
            draw.rectangle([w * i / len(colours), 0, w * (i + 1) / len(colours), h], fill=colour)
        else:
            draw.rectangle([0, h * i / len(colours), w, h * (i + 1) / len(colours)], fill=colour)


def _slovenia(draw, w, h):
    _stripes(draw, w, h, [WHITE, BLUE, RED])
    # A plain shield with three mountain peaks and stars, on the stripe line.
    left, top, sw, sh = w * 0.22, h * 0.2, w * 0.12, h * 0.26
    shield = [
        (left, top),
        (left + sw, top),
        (left + sw, top + sh * 0.7),
        (left + sw / 2, top + sh),
        (left, top + sh * 0.7),
    ]
    draw.polygon(shield, fill=BLUE, outline=RED, width=int(w * 0.006))
    base = top + sh * 0.72
    draw.polygon(
        [
            (left + sw * 0.1, base),
            (left + sw * 0.3, base - sh * 0.25),
            (left + sw * 0.5, base - sh * 0.45),
            (left + sw * 0.7, base - sh * 0.25),
            (left + sw * 0.9, base),
        ],
        fill=WHITE,
    )
    for dx, dy in ((0.3, 0.14), (0.7, 0.14), (0.5, 0.24)):
        draw.polygon(_star_points(left + sw * dx, top + sh * dy, sw * 0.08, points=6), fill=GOLD)


def _romania(draw, w, h):
    _stripes(draw, w, h, [(0, 43, 127), GOLD, (206, 17, 38)], vertical=True)


def _bulgaria(draw, w, h):
    _stripes(draw, w, h, [WHITE, GREEN, (214, 38, 18)])


def _turkiye(draw, w, h):
    red = (227, 10, 23)
    draw.rectangle([0, 0, w, h], fill=red)
    cx, cy, r = w * 0.36, h / 2, h * 0.25
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE)
    r2, cx2 = r * 0.8, cx + r * 0.25
    draw.ellipse([cx2 - r2, cy - r2, cx2 + r2, cy + r2], fill=red)
    draw.polygon(_star_points(w * 0.53, cy, h * 0.125, rotation=180), fill=WHITE)


def _kosovo(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(36, 74, 165))
    # A rough outline of the country's shape, in gold.
    outline = [
        (0.40, 0.38),
        (0.47, 0.33),
        (0.55, 0.36),
        (0.61, 0.45),
        (0.60, 0.58),
        (0.55, 0.70),
        (0.47, 0.72),
        (0.41, 0.64),
        (0.38, 0.52),
    ]
    draw.polygon([(w * x, h * y) for x, y in outline], fill=(208, 167, 40))
    for i in range(6):
        angle = math.radians(200 + i * 28)
        x = w * 0.5 + w * 0.2 * math.cos(angle)
        y = h * 0.42 + h * 0.22 * math.sin(angle)
        draw.polygon(_star_points(x, y, h * 0.045), fill=WHITE)


def _serbia(draw, w, h):
    _stripes(draw, w, h, [(198, 54, 60), (12, 64, 118), WHITE])
    left, top, sw, sh = w * 0.22, h * 0.22, w * 0.12, h * 0.5
    draw.rounded_rectangle(
        [left, top, left + sw, top + sh],
        radius=sw * 0.4,
        fill=(198, 54, 60),
        outline=GOLD,
        width=int(w * 0.006),
    )
    draw.rectangle([left + sw * 0.45, top + sh * 0.15, left + sw * 0.55, top + sh * 0.85], fill=WHITE)
    draw.rectangle([left + sw * 0.2, top + sh * 0.4, left + sw * 0.8, top + sh * 0.5], fill=WHITE)


def _croatia(draw, w, h):
    _stripes(draw, w, h, [(255, 0, 0), WHITE, (23, 23, 150)])
    # The red-and-white chequered shield, five by five.
    size = h * 0.36 / 5
    left, top = w / 2 - size * 2.5, h * 0.3
    for row in range(5):
        for col in range(5):
            colour = (255, 0, 0) if (row + col) % 2 == 0 else WHITE
            draw.rectangle(
                [left + col * size, top + row * size, left + (col + 1) * size, top + (row + 1) * size],
                fill=colour,
            )
    draw.rectangle([left, top, left + size * 5, top + size * 5], outline=(23, 23, 150), width=int(w * 0.004))


def _albania(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=(228, 30, 32))
    cx, cy = w / 2, h / 2
    # A simple two-headed eagle: a body, two wings and two heads.
    draw.ellipse([cx - w * 0.05, cy - h * 0.18, cx + w * 0.05, cy + h * 0.2], fill=BLACK)
    for side in (-1, 1):
        wing = [
            (cx, cy - h * 0.08),
            (cx + side * w * 0.2, cy - h * 0.28),
            (cx + side * w * 0.22, cy - h * 0.05),
            (cx + side * w * 0.12, cy + h * 0.12),
            (cx, cy + h * 0.08),
        ]
        draw.polygon(wing, fill=BLACK)
        head = [
            (cx + side * w * 0.02, cy - h * 0.16),
            (cx + side * w * 0.07, cy - h * 0.3),
            (cx + side * w * 0.12, cy - h * 0.3),
            (cx + side * w * 0.06, cy - h * 0.14),
        ]
        draw.polygon(head, fill=BLACK)
    draw.polygon(
        [(cx - w * 0.06, cy + h * 0.15), (cx + w * 0.06, cy + h * 0.15), (cx, cy + h * 0.32)], fill=BLACK
    )


def _greece(draw, w, h):
    blue = (13, 94, 175)
    _stripes(draw, w, h, [blue if i % 2 == 0 else WHITE for i in range(9)])
    canton = h * 5 / 9
    draw.rectangle([0, 0, canton, canton], fill=blue)
    bar = h / 9
    draw.rectangle([0, canton / 2 - bar / 2, canton, canton / 2 + bar / 2], fill=WHITE)
    draw.rectangle([canton / 2 - bar / 2, 0, canton / 2 + bar / 2, canton], fill=WHITE)


def _montenegro(draw, w, h):
    gold = (214, 175, 55)
    draw.rectangle([0, 0, w, h], fill=gold)
    border = h * 0.05
    draw.rectangle([border, border, w - border, h - border], fill=(196, 18, 48))
    cx, cy = w / 2, h / 2
    draw.ellipse([cx - h * 0.16, cy - h * 0.22, cx + h * 0.16, cy + h * 0.22], fill=gold)
    draw.polygon(_star_points(cx, cy, h * 0.1, points=4, rotation=-90), fill=(196, 18, 48))


def _north_macedonia(draw, w, h):
    red, yellow = (206, 32, 39), (248, 228, 20)
    draw.rectangle([0, 0, w, h], fill=red)
    cx, cy = w / 2, h / 2
    corners = [(0, 0), (w / 2, 0), (w, 0), (w, h / 2), (w, h), (w / 2, h), (0, h), (0, h / 2)]
    for x, y in corners:
        angle = math.atan2(y - cy, x - cx)
        spread = 0.09 if x in (0, w) and y in (0, h) else 0.14
        far = 2 * math.hypot(w, h)
        draw.polygon(
            [
                (cx, cy),
                (cx + far * math.cos(angle - spread), cy + far * math.sin(angle - spread)),
                (cx + far * math.cos(angle + spread), cy + far * math.sin(angle + spread)),
            ],
            fill=yellow,
        )
    r = h * 0.2
    draw.ellipse([cx - r * 1.15, cy - r * 1.15, cx + r * 1.15, cy + r * 1.15], fill=red)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=yellow)


def _bosnia_and_herzegovina(draw, w, h):
    blue = (0, 35, 149)
    draw.rectangle([0, 0, w, h], fill=blue)
    top_left, top_right, bottom = (w * 0.27, 0), (w * 0.73, 0), (w * 0.73, h)
    draw.polygon([top_left, top_right, bottom], fill=(254, 203, 0))
    for i in range(9):
        t = (i + 0.5) / 9
        x = top_left[0] - w * 0.05 + (bottom[0] - top_left[0]) * t
        y = h * t
        draw.polygon(_star_points(x, y, h * 0.045), fill=WHITE)


def _japan(draw, w, h):
    draw.rectangle([0, 0, w, h], fill=WHITE)
    r = h * 0.3
    draw.ellipse([w / 2 - r, h / 2 - r, w / 2 + r, h / 2 + r], fill=(188, 0, 45))


FLAGS = {
    "SI": _slovenia,
    "RO": _romania,
    "XK": _kosovo,
    "BG": _bulgaria,
    "TR": _turkiye,
    "RS": _serbia,
    "AL": _albania,
    "BA": _bosnia_and_herzegovina,
    "HR": _croatia,
    "GR": _greece,
    "ME": _montenegro,
    "MK": _north_macedonia,
    "JP": _japan,
}


# Drawing takes a noticeable fraction of a second and the result never changes.
@functools.cache
def flag_png(iso_code):
    """Return a simplified flag of the country as PNG bytes, 900×600."""
    w, h = FLAG_SIZE[0] * SUPERSAMPLE, FLAG_SIZE[1] * SUPERSAMPLE
    image = Image.new("RGB", (w, h), WHITE)
    FLAGS[iso_code](ImageDraw.Draw(image), w, h)
    return _png(image.resize(FLAG_SIZE, Image.Resampling.LANCZOS))


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
