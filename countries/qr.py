"""QR codes of a page's address, as SVG for print and as PNG.

Plain functions, no database. The SVG is drawn from the QR matrix as plain
rectangles (one per run of dark modules in a row), so it stays sharp at any
size and any SVG reader, however simple, can draw it.
"""

import io

import qrcode
from django.utils.html import escape
from PIL import Image

# The quiet zone the QR standard asks for around the code, in modules.
BORDER = 4


def qr_matrix(data):
    """Return the QR code of `data` as rows of booleans (True is dark), quiet zone included."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def qr_svg(data, module_size=4, title=""):
    """Return an SVG document of the QR code of `data`."""
    matrix = qr_matrix(data)
    size = len(matrix)
    rects = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                rects.append(f'<rect x="{start}" y="{y}" width="{x - start}" height="1"/>')
            else:
                x += 1
    pixels = size * module_size
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{pixels}" '
        f'height="{pixels}" shape-rendering="crispEdges" role="img">'
        f"<title>{escape(title or data)}</title>"
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<g fill="#000">{"".join(rects)}</g></svg>'
    ).encode()


def qr_png(data, module_size=8):
    """Return a PNG image of the QR code of `data`."""
    matrix = qr_matrix(data)
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    out = io.BytesIO()
    image.resize((size * module_size, size * module_size), Image.Resampling.NEAREST).save(out, "PNG")
    return out.getvalue()
