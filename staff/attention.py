"""What needs an editor's attention: the lists on the admin's front page.

News waiting for a publisher, news scheduled to appear, records whose Japanese
text is missing (readers under /ja/ then see English) and images without a
text alternative. Each list costs a fixed number of queries, whatever the
amount of content, and shows only what the user may change.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from taggit.models import Tag, TaggedItem

from balkan.models import Page, Quote
from chronology.models import Category, ChronologyEntry
from countries.models import Country, Embassy, ProfileDocument, TradeFigure
from news.models import NewsImage, NewsItem, StoryDocument
from partners.models import PartnerOrganisation

SHOWN = 5


# Every field with a column per language, of every model with one: each is text a reader of /ja/
# meets in English while its Japanese is empty. Derived from the translation registry, so a field
# or a model made translatable is counted without being listed here (versions kept by the history
# are not records to translate).
def japanese_fields():
    models = sorted(
        (model for model in translator.get_registered_models(abstract=False) if not is_history(model)),
        key=lambda model: (
            LISTED_FIRST.index(model) if model in LISTED_FIRST else len(LISTED_FIRST),
            str(model),
        ),
    )
    return {model: tuple(sorted(translator.get_options_for_model(model).fields)) for model in models}


# The order of the dashboard's links: what readers meet most first; any other model after them.
LISTED_FIRST = [
    NewsItem,
    NewsImage,
    StoryDocument,
    Country,
    Embassy,
    TradeFigure,
    ProfileDocument,
    ChronologyEntry,
    Category,
    PartnerOrganisation,
    Page,
    Quote,
]


def is_history(model):
    return hasattr(model, "instance_type")  # django-simple-history's versions


# Rich text that may hold images, and the image fields with their alt text field.
RICH_TEXT = {
    NewsItem: "body",
    Country: "overview",
    ChronologyEntry: "description",
    PartnerOrganisation: "description",
    Page: "body",
}
HERO_IMAGES = {NewsItem: ("hero_image", "hero_alt"), Country: ("hero_image", "hero_alt")}
# Records edited inline on their parent's page: (parent field, parent model).
PARENTS = {
    NewsImage: ("news_item", NewsItem),
    StoryDocument: ("news_item", NewsItem),
    Embassy: ("country", Country),
    TradeFigure: ("country", Country),
    ProfileDocument: ("country", Country),
}
IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
ALT_TEXT = re.compile(r"""\balt\s*=\s*(["'])\s*[^"'\s]""", re.I)


@dataclass
class Item:
    label: str
    url: str
    note: str = ""


@dataclass
class Attention:
    """One list on the dashboard: what, how many, the first few, and links to all of them."""

    key: str
    title: str
    help: str
    count: int = 0
    items: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (label, changelist URL)


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model, **params):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def can_change(user, model):
    opts = PARENTS.get(model, (None, model))[1]._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def missing(name, language):
    return Q(**{f"{name}_{language}": ""}) | Q(**{f"{name}_{language}__isnull": True})


def present(name, language):
    return Q(**{f"{name}_{language}__gt": ""})


def in_review(user):
    if not can_change(user, NewsItem):
        return None
    attention = Attention(
        "review", _("Waiting for review"), _("News items a publisher should read and publish or send back.")
    )
    items = NewsItem.objects.filter(status=NewsItem.Status.REVIEW).order_by("-updated_at")
    attention.count = items.count()
    attention.items = [Item(str(item), change_url(item)) for item in items[:SHOWN]]
    attention.links = [(_("All news items in review"), changelist_url(NewsItem, state="review"))]
    return attention


def scheduled(user):
    if not can_change(user, NewsItem):
        return None
    attention = Attention(
        "scheduled", _("Scheduled"), _("Published news items that become public at a future time.")
    )
    items = NewsItem.objects.scheduled().order_by("publish_at")
    attention.count = items.count()
    attention.items = [
        Item(
            str(item),
            change_url(item),
            date_format(timezone.localtime(item.publish_at), "SHORT_DATETIME_FORMAT"),
        )
        for item in items[:SHOWN]
    ]
    attention.links = [(_("All scheduled news items"), changelist_url(NewsItem, state="scheduled"))]
    return attention


def missing_japanese(user):
    """Return the records with English text whose Japanese is empty, one query per model."""
    attention = Attention(
        "japanese",
        _("Missing Japanese translations"),
        _("Readers of the Japanese site see the English text of these records."),
    )
    for model, names in japanese_fields().items():
        if not can_change(user, model):
            continue
        condition = Q()
        for name in names:
            condition |= present(name, "en") & missing(name, "ja")
        records = model.objects.filter(condition)
        if model is NewsItem:
            records = records.exclude(status=NewsItem.Status.ARCHIVED)
        if model in PARENTS:
            records = records.select_related(PARENTS[model][0])
        records = list(records.order_by("-pk"))
        add_records(attention, model, records)
    if can_change(user, Tag):
        # Tags shown on stories, without a Japanese name: /ja/ shows them in English.
        untranslated = Tag.objects.filter(
            Exists(TaggedItem.objects.filter(tag=OuterRef("pk"), content_type__model="newsitem"))
        ).exclude(translation__name_ja__gt="")
        add_records(attention, Tag, list(untranslated.order_by("name")))
    return attention


def missing_alt_texts(user):
    """Return records with an image that has no text alternative: hero, gallery or inside rich text."""
    attention = Attention(
        "alt",
        _("Images without a text alternative"),
        _(
            "Screen readers cannot describe these images: add an alt text (in the rich text: select the image, then “Change image text alternative”)."
        ),
    )
    for model in [NewsItem, NewsImage, Country, ChronologyEntry, PartnerOrganisation, Page]:
        if not can_change(user, model):
            continue
        if model is NewsImage:
            records = list(
                NewsImage.objects.filter(missing("alt", "en"), decorative=False).select_related("news_item")
            )
            add_records(attention, model, records, _("gallery image"))
            continue
        condition, rich_text = Q(), RICH_TEXT.get(model)
        if model in HERO_IMAGES:
            image, alt = HERO_IMAGES[model]
            hero = ~Q(**{image: ""}) & missing(alt, "en")
            if model is NewsItem:
                hero &= Q(hero_decorative=False)  # said on purpose to need no description
            condition |= hero
        if rich_text:
            for language in ("en", "ja"):
                condition |= Q(**{f"{rich_text}_{language}__icontains": "<img"})
        found = []
        for record in model.objects.filter(condition).order_by("-pk"):
            notes = []
            if (
                model in HERO_IMAGES
                and getattr(record, HERO_IMAGES[model][0])
                and not getattr(record, f"{HERO_IMAGES[model][1]}_en")
                and not getattr(record, "hero_decorative", False)
            ):
                notes.append(str(_("hero image")))
            if rich_text and any(
                images_without_alt(getattr(record, f"{rich_text}_{lang}")) for lang in ("en", "ja")
            ):
                notes.append(str(_("image in the text")))
            if notes:
                record.attention_note = ", ".join(notes)
                found.append(record)
        add_records(attention, model, found)
    return attention


def images_without_alt(html):
    """Return how many <img> tags in `html` have no alt text (or an empty one)."""
    return sum(1 for tag in IMG_TAG.findall(html or "") if not ALT_TEXT.search(tag))


def add_records(attention, model, records, note=""):
    """Count `records`, show the first few and link to all of them (on their parent's page if edited inline)."""
    if not records:
        return
    parent_field, target_model = PARENTS.get(model, (None, model))
    targets = [getattr(record, parent_field) if parent_field else record for record in records]
    attention.count += len(records)
    verbose_name = str(model._meta.verbose_name)
    for record, target in list(zip(records, targets, strict=True))[: max(0, SHOWN - len(attention.items))]:
        note_for_record = getattr(record, "attention_note", note)
        attention.items.append(
            Item(
                f"{verbose_name[:1].upper()}{verbose_name[1:]}: {target}", change_url(target), note_for_record
            )
        )
    ids = ",".join(str(pk) for pk in dict.fromkeys(target.pk for target in targets))
    label = f"{model._meta.verbose_name_plural} ({len(records)})"
    attention.links.append((label[:1].upper() + label[1:], changelist_url(target_model, id__in=ids)))


def needs_attention(user):
    """Return the dashboard's lists for `user`, leaving out what they may not change."""
    from workflow.dashboard import workflow_lists  # the workflow's own lists come first

    lists = [
        *workflow_lists(user),
        in_review(user),
        scheduled(user),
        missing_japanese(user),
        missing_alt_texts(user),
    ]
    return [attention for attention in lists if attention is not None]
