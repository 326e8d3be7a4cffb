"""The news forms: the list's filters, and the admin form that offers editors only Draft and In review."""

import pytest
from django import forms as django_forms
from django.http import QueryDict

from core.filters import BadFilter
from news.forms import NewsFilterForm, NewsItemAdminForm
from news.models import NewsItem

pytestmark = pytest.mark.django_db


class StoryForm(NewsItemAdminForm):
    class Meta:
        model = NewsItem
        fields = ["title", "slug", "status", "publish_at"]


def form_for(user, instance=None):
    return type("Form", (StoryForm,), {"user": user})(instance=instance)


def test_the_list_filters_by_country_kind_year_and_tag(make_country):
    serbia = make_country(name="Serbia", iso_code="RS")
    form = NewsFilterForm(QueryDict("country=serbia&kind=visit&year=2022&tag=culture&utm_source=x"))
    assert form.validated() == {"country": serbia, "kind": "visit", "year": 2022, "tag": "culture"}


@pytest.mark.parametrize(
    "query", ["kind=party", "year=1799", "year=2201", "tag=not a slug", "country=atlantis"]
)
def test_a_filter_value_outside_what_the_list_knows_is_refused(query):
    with pytest.raises(BadFilter):
        NewsFilterForm(QueryDict(query)).validated()


def test_an_editor_may_choose_only_draft_or_in_review(editor):
    form = form_for(editor)
    assert [value for value, _label in form.fields["status"].choices] == ["draft", "review"]
    assert "publisher publishes it" in str(form.fields["status"].help_text)
    assert "publisher confirms it" in str(form.fields["publish_at"].help_text)


def test_a_publisher_may_choose_every_status(publisher):
    values = [value for value, _label in form_for(publisher).fields["status"].choices]
    assert values == [value for value, _label in NewsItem.Status.choices]


def test_the_slug_of_a_story_once_published_warns_that_the_old_address_will_redirect(publisher, make_news):
    assert "has been published" in str(form_for(publisher, make_news()).fields["slug"].help_text)
    never = make_news(status="draft")
    assert "has been published" not in str(form_for(publisher, never).fields["slug"].help_text)


def test_an_editor_posting_published_is_refused_on_the_field(editor):
    form = type("Form", (StoryForm,), {"user": editor})(
        data={"title": "T", "slug": "t", "status": "published", "publish_at_0": "", "publish_at_1": ""}
    )
    assert not form.is_valid()
    assert "status" in form.errors
    assert isinstance(form.fields["status"], django_forms.ChoiceField)
