"""Files chosen in a form survive a failed save; a kept file is taken back only through its signed token."""

import re

import pytest
from django import forms
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.uploads import FOLDER, SALT, KeepsUploadsMixin, keep, taken_back
from news.models import NewsItem
from tests.helpers.images import image_bytes
from tests.helpers.news import news_form_data

ADD = reverse("admin:news_newsitem_add")


class PictureForm(KeepsUploadsMixin, forms.Form):
    title = forms.CharField()
    picture = forms.FileField(required=False)


def kept_token(html):
    return re.search(r'name="picture__kept" value="([^"]+)"', html).group(1)


def test_a_kept_file_is_stored_in_a_folder_of_its_own_under_its_name_and_taken_back_whole():
    first = keep(SimpleUploadedFile("minister.jpg", b"first", "image/jpeg"))
    second = keep(SimpleUploadedFile("minister.jpg", b"second", "image/jpeg"))
    assert first.startswith(f"{FOLDER}/") and first.endswith("/minister.jpg")
    assert first != second
    again = taken_back(first)
    assert (again.name, again.read(), again.content_type) == ("minister.jpg", b"first", "image/jpeg")


def test_a_file_of_no_known_type_is_taken_back_as_plain_bytes():
    assert taken_back(keep(SimpleUploadedFile("notes", b"x"))).content_type == "application/octet-stream"


def test_a_form_shown_again_after_a_failed_save_keeps_the_file_and_the_next_post_takes_it_back():
    failed = PictureForm({"title": ""}, {"picture": SimpleUploadedFile("a.txt", b"kept", "text/plain")})
    assert not failed.is_valid()
    html = str(failed["picture"])
    assert "Kept from your last try: a.txt" in html
    again = PictureForm({"title": "Now", "picture__kept": kept_token(html)})
    assert again.is_valid()
    assert again.cleaned_data["picture"].read() == b"kept"


def test_a_new_file_or_clear_wins_over_the_kept_one():
    token = signing.dumps(keep(SimpleUploadedFile("old.txt", b"old")), salt=SALT)
    chosen = PictureForm(
        {"title": "x", "picture__kept": token}, {"picture": SimpleUploadedFile("new.txt", b"new")}
    )
    assert chosen.is_valid() and chosen.cleaned_data["picture"].read() == b"new"
    cleared = PictureForm({"title": "x", "picture__kept": token, "picture-clear": "on"})
    assert cleared.is_valid() and not cleared.cleaned_data["picture"]


@pytest.mark.parametrize(
    "token",
    [
        "pending/../../etc/passwd",  # not signed
        signing.dumps("pending/x/a.txt", salt="another purpose"),
        signing.dumps("elsewhere/a.txt", salt=SALT),  # signed, but outside the folder
        signing.dumps("pending/gone/a.txt", salt=SALT),  # signed, but no longer there
    ],
    # Named, not shown: a signed token carries its time, and both test workers must collect the same names.
    ids=["unsigned", "another-purpose", "outside-the-folder", "no-longer-there"],
)
def test_a_token_that_is_forged_misplaced_or_stale_takes_nothing_back(token):
    default_storage.save("elsewhere/a.txt", ContentFile(b"private"))
    form = PictureForm({"title": "x", "picture__kept": token})
    assert form.is_valid()
    assert not form.cleaned_data["picture"]


def test_a_file_is_kept_once_however_often_the_form_is_shown(settings):
    failed = PictureForm({"title": ""}, {"picture": SimpleUploadedFile("a.txt", b"kept")})
    failed.is_valid()
    token = kept_token(str(failed["picture"]))
    shown_again = PictureForm({"title": "", "picture__kept": token})
    shown_again.is_valid()
    assert kept_token(str(shown_again["picture"])) == token
    assert len(list((settings.MEDIA_ROOT / FOLDER).iterdir())) == 1


@pytest.mark.django_db
def test_a_failed_save_keeps_the_chosen_hero_and_gallery_images_and_the_next_save_uses_them(editor_client):
    data = news_form_data(
        title_en="",  # the mistake
        hero_image=SimpleUploadedFile("hero.jpg", image_bytes("JPEG"), "image/jpeg"),
        hero_alt_en="The minister in Sofia",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": SimpleUploadedFile("garden.jpg", image_bytes("JPEG"), "image/jpeg"),
            "images-0-alt_en": "The garden",
            "images-0-order": "0",
        },
    )
    failed = editor_client.post(ADD, data)
    assert failed.status_code == 200 and not NewsItem.objects.exists()
    html = failed.content.decode()
    assert html.count("Kept from your last try:") == 2
    assert "hero.jpg" in html and "garden.jpg" in html
    tokens = dict(re.findall(r'name="([^"]+__kept)" value="([^"]+)"', html))
    assert set(tokens) == {"hero_image__kept", "images-0-image__kept"}

    again = news_form_data(
        title_en="Cherry trees for Ljubljana", hero_alt_en="The minister in Sofia", **tokens
    )
    again.update({"images-TOTAL_FORMS": "1", "images-0-alt_en": "The garden", "images-0-order": "0"})
    response = editor_client.post(ADD, again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get()
    assert item.hero_image.name.endswith("hero.jpg") and item.images.get().image.name.endswith("garden.jpg")


@pytest.mark.django_db
def test_a_forged_kept_file_token_is_ignored(editor_client, settings):
    data = news_form_data(title_en="Forged", hero_image__kept="pending/../../etc/passwd")
    response = editor_client.post(ADD, data)
    assert response.status_code == 302
    assert not NewsItem.objects.get().hero_image
