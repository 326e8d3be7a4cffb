"""The brand's colours: the one place they are defined.

The stylesheets (`static/css/site.css`, `static/css/admin.css`), the mark
(`static/img/mark.svg`) and the drawn social cards (`countries/cards.py`) use
exactly these; `tests/core/test_brand.py` fails on a colour in them that is
close to one of these without being it.
"""

NAVY = "#14284b"  # the header, the cards' ground
DEEP_NAVY = "#0c1a2e"  # the cards' lower band
RED = "#bc002d"  # the rising sun of Japan's flag: the mark, the top rule, buttons

COLOURS = {"navy": NAVY, "deep navy": DEEP_NAVY, "red": RED}


def rgb(colour):
    """Return "#rrggbb" as an (r, g, b) tuple for Pillow."""
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))
