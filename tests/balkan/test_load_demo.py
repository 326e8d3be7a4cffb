"""The load_demo command: complete, bilingual, and safe to run again."""

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from balkan.management.commands.load_demo import read
from balkan.models import Page, Quote
from chronology.models import ChronologyEntry
from countries.models import Country, TradeFigure
from news.models import NewsImage, NewsItem
from partners.models import PartnerOrganisation

pytestmark = pytest.mark.django_db

BALKAN_COUNTRIES = {
    "slovenia",
    "romania",
    "kosovo",
    "bulgaria",
    "turkiye",
    "serbia",
    "albania",
    "bosnia-and-herzegovina",
    "croatia",
    "greece",
    "montenegro",
    "north-macedonia",
}


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def media_files(root):
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def stored_images():
    """Return every image field the demo fills, for existence checks."""
    return [item.hero_image for item in NewsItem.objects.all()] + [
        picture.image for picture in NewsImage.objects.all()
    ]


@pytest.fixture
def demo_with_media(media):
    load_demo()


def test_loading_twice_leaves_the_same_rows_in_every_table(media, django_capture_on_commit_callbacks):
    # The page cache's pending refreshes are delivered, and deleted, when a transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    first = row_counts()

    with django_capture_on_commit_callbacks(execute=True):
        output = load_demo()

    assert row_counts() == first
    assert "created" not in output and "updated" not in output


def test_loading_twice_does_not_rewrite_the_images(media):
    load_demo()
    first = media_files(media)

    load_demo()

    assert first and media_files(media) == first


def test_every_record_of_the_demo_files_is_loaded(demo_with_media):
    news = read("news.json")["news"]

    assert Country.objects.count() == len(read("countries.json")["countries"]) == 13
    assert PartnerOrganisation.objects.count() == len(read("partners.json")["partners"])
    assert NewsItem.objects.count() == len(news)
    assert NewsImage.objects.count() == sum(len(item.get("gallery", [])) for item in news) > 0
    assert ChronologyEntry.objects.count() == len(read("chronology.json")["entries"])
    assert set(Quote.objects.values_list("author_en", flat=True)) == {
        "Amartya Sen",
        "Muhammad Yunus",
        "Peter Drucker",
    }
    assert set(Page.objects.values_list("key", flat=True)) == {"about", "contact"}


def test_balkan_countries_are_published_and_japan_is_not(demo_with_media):
    assert set(Country.objects.published().values_list("slug", flat=True)) == BALKAN_COUNTRIES
    assert Country.objects.get(iso_code="JP").is_published is False
    assert Country.objects.get(slug="kosovo").iso_code == "XK"


def test_slovenia_has_the_trade_figure_from_its_foreign_ministry(demo_with_media):
    figure = TradeFigure.objects.get(country__slug="slovenia")

    assert figure.exports_to_japan == Decimal("119")
    assert figure.imports_from_japan == Decimal("86")
    assert figure.currency == "EUR"
    assert "Ministry of Foreign Affairs" in figure.source


def test_every_published_news_item_is_written_in_japanese_too(demo_with_media):
    items = NewsItem.objects.published()

    assert items.count() == NewsItem.objects.count() > 0
    for item in items:
        assert item.title_ja and item.summary_ja and item.body_ja, item.slug
        assert item.author is None


def test_romania_strategic_partnership_is_known_to_the_month(demo_with_media):
    entry = ChronologyEntry.objects.get(ref="ro-2023-strategic-partnership")

    assert entry.date == datetime.date(2023, 3, 1)
    assert entry.date_precision == "month"
    assert entry.related_news.filter(slug="exploring-japan-romania-partnerships").exists()


def test_chronology_uses_every_precision(demo_with_media):
    precisions = set(ChronologyEntry.objects.values_list("date_precision", flat=True))

    assert precisions == {"year", "month", "day"}
    assert ChronologyEntry.objects.get(ref="gr-1899-treaty").date_precision == "year"


def test_chronology_has_what_the_seeds_date_as_precisely_as_they_date_it(demo_with_media, client):
    shown = {
        entry.ref: entry.date_display for entry in ChronologyEntry.objects.filter(countries__slug="slovenia")
    }
    assert shown["si-2019-kono-visit"] == "14 August 2019"
    assert shown["si-1999-cherry-trees"] == "1999"
    assert shown["si-2019-munich-first-meeting"] == "February 2019"
    assert shown["si-2019-robotic-therapy-agreement"] == "13 August 2019"
    assert shown["si-2019-yaskawa-kocevje"] == "April 2019"
    assert shown["si-1964-tokyo-olympics-cerar"] == "1964"
    assert ChronologyEntry.objects.get(ref="bg-2019-first-seismic-seminar").date_display == "2019"
    workshop = ChronologyEntry.objects.get(ref="bg-2022-seismic-workshop")
    assert workshop.date_display == "8–11 November 2022" and "Veliko Tarnovo" in workshop.title_en
    japanese = client.get("/ja/chronology/slovenia/").content.decode()
    assert "2019年8月14日" in japanese and ">1999年<" in japanese and "2019年2月" in japanese


def test_generated_images_exist_in_storage(demo_with_media):
    images = stored_images()

    assert len(images) == NewsItem.objects.count() + NewsImage.objects.count()
    for image in images:
        assert image and image.storage.exists(image.name), image
        assert image.width > 0 and image.height > 0


def test_a_missing_image_file_is_drawn_again(demo_with_media):
    hero = NewsItem.objects.exclude(hero_image="").first().hero_image
    hero.storage.delete(hero.name)

    load_demo()

    hero = NewsItem.objects.get(pk=hero.instance.pk).hero_image
    assert hero.storage.exists(hero.name)


def test_an_edited_demo_record_is_restored_in_place(demo_with_media):
    Country.objects.filter(slug="slovenia").update(name_ja="変更", population=1)

    load_demo()

    country = Country.objects.get(slug="slovenia")
    assert (country.name_ja, country.population) == ("スロベニア", 2120000)
    assert Country.objects.count() == 13


def test_demo_summaries_fit_the_space_cards_give_them(demo_with_media):
    for model, limit in ((Country, 300), (Page, 300), (NewsItem, 400)):
        for obj in model.objects.all():
            for language in ("en", "ja"):
                assert len(getattr(obj, f"summary_{language}")) <= limit, (obj, language)


# Tests that read the demo get a copy of what the command made once (tests/helpers/demo.py): the same.


def every_row():
    """Return {table: sorted rows} of the whole database by what they say, not by their numbers or times.

    A row is its own values and, for each reference, the values of the row it names.
    """
    from tests.helpers.demo import BY_NATURAL_KEY, is_content, tables

    models = [model for model in tables() if is_content(model)]
    # When a row was saved (and its history's copy of that time) differs from run to run.
    saved_at = {
        field.name
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    }

    def plain(field):
        # Numbers (a history row's copy of `id`, a generic reference) differ from run to run too.
        numbered = field.is_relation or field.primary_key or field.name in ("id", "object_id")
        return not (numbered or field.name in saved_at or field.name == "history_date")

    records = {model: list(model._base_manager.all()) for model in models}
    said = {
        model: {
            record.pk: tuple(
                str(getattr(record, field.attname)) for field in model._meta.concrete_fields if plain(field)
            )
            for record in records[model]
        }
        for model in models
    }
    for model in BY_NATURAL_KEY:
        said[model] = {record.pk: record.natural_key() for record in model._base_manager.all()}
    found = {}
    for model in models:
        references = [field for field in model._meta.concrete_fields if field.is_relation]
        rows = []
        for record in records[model]:
            named = tuple(
                said[field.related_model].get(getattr(record, field.attname)) for field in references
            )
            rows.append(str((said[model][record.pk], named)))
        found[model._meta.label] = sorted(rows)
    return found


def test_the_demo_tests_read_is_what_the_command_makes(demo_snapshot, settings, tmp_path):
    from django.db import transaction

    from tests.helpers.demo import load_demo as copy_demo

    found = {}
    for how, load in (("copied", lambda: copy_demo(demo_snapshot)), ("made", load_demo)):
        settings.MEDIA_ROOT = tmp_path / how
        with transaction.atomic():
            load()
            rows = every_row()
            transaction.set_rollback(True)
        found[how] = (
            rows,
            {path.relative_to(settings.MEDIA_ROOT) for path in media_files(settings.MEDIA_ROOT)},
        )
    assert found["copied"][0]["news.NewsItem"] and found["copied"][0]["search.SearchDocument"]
    assert found["copied"][1]
    for table, rows in found["made"][0].items():
        for copied, made in zip(found["copied"][0][table], rows, strict=True):
            assert copied == made, table
    assert found["copied"] == found["made"]
