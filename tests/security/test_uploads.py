"""Uploads are checked for what they are: fake images, bombs, huge files and scripts are refused."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from tests.helpers.images import image_bytes


def upload(client, content, name="photo.png", content_type="image/png"):
    return client.post("/editor/upload/", {"upload": SimpleUploadedFile(name, content, content_type)})


@pytest.mark.django_db
def test_editor_upload_is_for_staff_only(client, django_user_model):
    assert upload(client, image_bytes("PNG")).status_code == 403
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 16))
    assert upload(client, image_bytes("PNG")).status_code == 403


@pytest.mark.django_db
def test_editor_upload_stores_a_verified_image_without_exif(admin_client, settings):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 10, 10)).save(out, "JPEG", exif=exif)
    response = upload(admin_client, out.getvalue(), "photo.jpg", "image/jpeg")
    assert response.status_code == 200
    url = response.json()["url"]
    stored = settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)
    with Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (320, 200)
        assert not image.getexif()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"just some text pretending",
        image_bytes("JPEG")[:200],
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    ],
    ids=["text", "truncated-jpeg", "svg-with-script"],
)
def test_editor_upload_refuses_what_is_not_an_image(admin_client, settings, content):
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_editor_upload_refuses_a_decompression_bomb(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
    response = upload(admin_client, image_bytes("PNG", size=(100, 100)))
    assert response.status_code == 400


@pytest.mark.django_db
def test_editor_upload_refuses_a_huge_file(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    response = upload(admin_client, image_bytes("PNG", size=(400, 400)) + b"\0" * 2000)
    assert response.status_code == 400
    assert "at most" in response.json()["error"]["message"]


@pytest.mark.django_db
def test_admin_form_names_the_image_field_on_a_fake_image(admin_client):
    response = admin_client.post(
        "/admin/countries/country/add/",
        {
            "name_en": "Slovenia",
            "slug": "slovenia",
            "iso_code": "SI",
            "hero_image": SimpleUploadedFile("hero.png", b"not an image", "image/png"),
            "embassies-TOTAL_FORMS": "0",
            "embassies-INITIAL_FORMS": "0",
            "trade_figures-TOTAL_FORMS": "0",
            "trade_figures-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "hero_image" in errors


def jpeg_with_gps(size=(320, 200)):
    exif = Image.Exif()
    exif[0x010F] = "Embassy camera"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (35.0, 40.0, 36.0)
    gps[3] = "E"
    gps[4] = (139.0, 44.0, 52.0)
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(out, "JPEG", exif=exif)
    content = out.getvalue()
    with Image.open(io.BytesIO(content)) as check:
        assert check.getexif().get_ifd(0x8825)[1] == "N", "the test image carries GPS data"
    return content


def assert_no_metadata(content):
    with Image.open(io.BytesIO(content)) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
    assert b"Embassy camera" not in content and b"GPS" not in content


@pytest.mark.django_db
def test_editor_upload_strips_gps_location_from_the_public_file(admin_client, client):
    response = upload(admin_client, jpeg_with_gps(), "embassy.jpg", "image/jpeg")
    assert response.status_code == 200
    public = client.get(response.json()["url"])
    assert public.status_code == 200
    assert_no_metadata(b"".join(public.streaming_content))


@pytest.mark.django_db
def test_a_hero_image_uploaded_in_admin_loses_its_gps_location(admin_client, client):
    response = admin_client.post(
        "/admin/news/newsitem/add/",
        {
            "title_en": "Ambassador visits Sendai",
            "slug": "ambassador-visits-sendai",
            "kind": "visit",
            "status": "published",
            "force_reason": "No second publisher in this test.",
            "publish_at_0": "2024-05-01",
            "publish_at_1": "10:00:00",
            "hero_image": SimpleUploadedFile("embassy.jpg", jpeg_with_gps(), "image/jpeg"),
            "hero_alt_en": "The ambassador at the station",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    from news.models import NewsItem

    item = NewsItem.objects.get(slug="ambassador-visits-sendai")
    page = client.get(item.get_absolute_url())
    assert item.hero_image.url in page.content.decode()
    public = client.get(item.hero_image.url)
    assert_no_metadata(b"".join(public.streaming_content))


@pytest.mark.django_db
def test_a_payload_hidden_after_the_image_data_is_not_stored(admin_client, settings):
    content = image_bytes("JPEG") + b"<script>alert(document.cookie)</script>"
    response = upload(admin_client, content, "photo.jpg", "image/jpeg")
    assert response.status_code == 200
    stored = (settings.MEDIA_ROOT / response.json()["url"].removeprefix(settings.MEDIA_URL)).read_bytes()
    assert b"<script>" not in stored


@pytest.mark.django_db
def test_the_stored_name_comes_from_what_the_file_is_not_what_it_claims(admin_client, settings):
    response = upload(admin_client, image_bytes("PNG"), "../../../etc/cron.d/evil.php", "application/x-php")
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL + "uploads/") and url.endswith("/evil.png")
    assert ".." not in url


def png_bomb(width=30_000, height=30_000):
    """Return a small PNG file that claims to hold width × height pixels."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.django_db
def test_a_real_decompression_bomb_is_refused_before_it_is_decoded(admin_client, monkeypatch):
    bomb = png_bomb()
    assert len(bomb) < 10_000
    decoded = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image.size) or load(image))
    response = upload(admin_client, bomb, "bomb.png")
    assert response.status_code == 400
    assert decoded == []  # refused from its header: not one pixel was decompressed
    assert response.json()["error"]["message"]


@pytest.mark.django_db
def test_a_file_over_the_default_size_limit_is_refused(admin_client, settings):
    huge = image_bytes("PNG") + b"\0" * settings.IMAGE_UPLOAD_MAX_BYTES
    response = upload(admin_client, huge, "huge.png")
    assert response.status_code == 400
    assert "at most 40.0\xa0MB" in response.json()["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, name",
    [
        (b"<html><body><script>alert(1)</script></body></html>", "page.jpg"),
        (b"GIF89a/*\x00\x00*/=alert(document.domain)//;", "polyglot.gif"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "report.png"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
            "logo.svg",
        ),
    ],
    ids=["html-named-jpg", "gif-js-polyglot", "pdf-named-png", "svg-with-onload"],
)
def test_admin_image_fields_refuse_what_is_not_an_image_and_name_the_field(admin_client, content, name):
    response = admin_client.post(
        "/admin/partners/partnerorganisation/add/",
        {
            "name_en": "Embassy",
            "slug": "embassy",
            "kind": "embassy",
            "logo": SimpleUploadedFile(name, content, "image/png"),
        },
    )
    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
    assert response.context["adminform"].form["name_en"].value() == "Embassy", "nothing typed is lost"
