"""What the API answers and what it reads: pydantic schemas, which also make its OpenAPI 3 document."""

import datetime
from typing import Literal

from django.conf import settings
from ninja import Field, Schema

from news import models as news
from partners import models as partners

Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]


# What a request reads. Their names are the query parameters the page cache keeps (api/urls.py).


class Common(Schema):
    lang: Language = Field("en", description="The language of texts and page addresses.")


class ListParams(Common):
    cursor: str | None = Field(None, max_length=1000, description="The `next` cursor of the page before.")
    limit: int = Field(20, ge=1, le=100, description="Items per page.")


class NewsParams(ListParams):
    country: str | None = Field(None, max_length=100, description="A country's slug.")
    tag: str | None = Field(None, max_length=100, description="A tag's slug.")
    kind: news.NewsItem.Kind | None = None
    year: int | None = Field(None, ge=1800, le=2200, description="The year of publication.")


class ChronologyParams(ListParams):
    country: list[str] = Field([], description="Country slugs (repeat for several: any of them).")
    category: str | None = Field(None, max_length=50, description="A category key.")
    first: int | None = Field(None, alias="from", ge=1, le=9999, description="From this year.")
    last: int | None = Field(None, alias="to", ge=1, le=9999, description="Up to this year.")


class PartnerParams(ListParams):
    country: str | None = Field(None, max_length=100, description="A country's slug.")


# What it answers. Texts are in the requested language (English where none is written),
# addresses are absolute, times ISO 8601 with their zone.


class Rendition(Schema):
    url: str
    width: int
    type: str


class Image(Schema):
    url: str = Field(description="A JPEG rendition (or the original when none can be made).")
    width: int | None
    height: int | None
    alt: str = Field(description="Empty for a decorative picture.")
    credit: str = ""
    caption: str = ""
    renditions: list[Rendition] = Field(description="AVIF, WebP and JPEG at a few widths.")


class CountryLink(Schema):
    slug: str
    name: str
    url: str | None = Field(description="Its public profile; none for a country without one.")


class TradeFigure(Schema):
    year: int
    exports_to_japan: float = Field(description="In millions of `currency`.")
    imports_from_japan: float = Field(description="In millions of `currency`.")
    currency: str
    source: str
    source_url: str


class Embassy(Schema):
    kind: Literal["in_japan", "of_japan"]
    name: str
    address: str
    phone: str
    website: str
    map_url: str


class PartialDate(Schema):
    date: str | None = Field(description='As precisely as known: "1899", "2023-03" or "2022-11-08".')
    text: str = Field(description="As a reader reads it, in the requested language.")


class Country(Schema):
    slug: str
    iso_code: str
    name: str
    official_name: str
    url: str
    flag: str
    capital: str
    population: int | None
    area_km2: int | None
    official_languages: str
    currency: str
    relations_established: PartialDate
    summary: str
    image: Image | None
    updated_at: datetime.datetime
    trade_figures: list[TradeFigure]
    embassies: list[Embassy]


class CountryDetail(Country):
    overview: str = Field(description="Sanitised HTML.")


class NewsItemSummary(Schema):
    slug: str
    title: str
    summary: str
    kind: news.NewsItem.Kind
    kind_label: str
    url: str
    publish_at: datetime.datetime
    is_featured: bool
    image: Image | None
    countries: list[CountryLink]
    tags: list[str] = Field(description="Tag slugs, as `?tag=` takes them.")
    event_start: datetime.date | None
    event_end: datetime.date | None
    venue: str
    city: str


class Link(Schema):
    slug: str
    name: str
    url: str


class NewsItemDetail(NewsItemSummary):
    body: str = Field(description="Sanitised HTML.")
    gallery: list[Image]
    partners: list[Link]
    source_name: str
    source_url: str


class Category(Schema):
    key: str
    name: str


class StoryLink(Schema):
    slug: str
    title: str
    url: str


class ChronologyEntry(Schema):
    ref: str
    title: str
    url: str
    date: str = Field(description='The start, as precisely as known: "1899", "2023-03" or "2022-11-08".')
    end_date: str | None
    circa: bool
    date_text: str = Field(description='As a reader reads it: "c. 1899", "8–11 November 2022".')
    description: str = Field(description="Sanitised HTML.")
    category: Category
    countries: list[CountryLink]
    source_name: str
    source_url: str
    related_news: list[StoryLink]


class Partner(Schema):
    slug: str
    name: str
    kind: partners.PartnerOrganisation.Kind
    kind_label: str
    url: str
    country: CountryLink | None
    logo: Image | None
    website: str
    description: str = Field(description="Sanitised HTML.")
    address: str
    is_official_partner: bool


class Page(Schema):
    next: str | None = Field(description="The address of the next page; none on the last.")


class NewsPage(Page):
    items: list[NewsItemSummary]


class CountryPage(Page):
    items: list[Country]


class ChronologyPage(Page):
    items: list[ChronologyEntry]


class PartnerPage(Page):
    items: list[Partner]


class ParameterError(Schema):
    parameter: str
    message: str


class Error(Schema):
    detail: str
    errors: list[ParameterError] = []
