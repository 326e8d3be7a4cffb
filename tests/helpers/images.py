"""Images made in memory, as an editor's upload would bring them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="JPEG", size=(640, 360), color=(22, 43, 72)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def image_upload(name="photo.jpg", fmt="JPEG", size=(640, 360)):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(fmt, "application/octet-stream")
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type)


RED = (220, 20, 20)


def subject_in_top_left(size=(1000, 1000), box=(0, 0, 150, 150)):
    """A white picture whose only subject, a red square, sits in its top left corner."""
    image = Image.new("RGB", size, "white")
    image.paste(RED, box)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def has_red(image):
    image = image.convert("RGB")
    colours = image.getcolors(image.width * image.height)
    return any(r > 180 and g < 90 and b < 90 for _, (r, g, b) in colours)
