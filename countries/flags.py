"""National flags: the flag-icons set (MIT), 4:3 SVGs by ISO 3166 code in static/flags/.

The files are the npm package's, unchanged (`python -m tools.flags` brings them
in; tests/countries/test_flags.py checks them byte for byte). Pages show the
SVG; the social cards need pixels, which resvg draws from the same file.
"""

import functools
import io
from pathlib import Path

import resvg_py
from django.templatetags.static import static
from PIL import Image

FLAG_DIR = Path(__file__).resolve().parent / "static" / "flags" / "4x3"
# flag-icons' 4x3 flags are 640×480.
ASPECT = (4, 3)


def flag_name(iso_code):
    """Return the static name of the flag of `iso_code` ("flags/4x3/xk.svg"), or "" when the set has none."""
    code = (iso_code or "").strip().lower()
    if not code.isalpha() or not (FLAG_DIR / f"{code}.svg").is_file():
        return ""
    return f"flags/4x3/{code}.svg"


def flag_url(iso_code):
    name = flag_name(iso_code)
    return static(name) if name else ""


def flag_path(iso_code):
    name = flag_name(iso_code)
    return FLAG_DIR / Path(name).name if name else None


@functools.lru_cache(maxsize=64)
def flag_image(iso_code, height):
    """Return the flag of `iso_code` drawn `height` pixels high, as a Pillow RGB image, or None."""
    path = flag_path(iso_code)
    if path is None:
        return None
    png = resvg_py.svg_to_bytes(svg_path=str(path), height=height, width=height * ASPECT[0] // ASPECT[1])
    with Image.open(io.BytesIO(bytes(png))) as image:
        return image.convert("RGB")
