"""The forms of the alert pages: what to subscribe to, and how often."""

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from countries.models import Country
from news.models import NewsItem, tag_name

from .models import Subscription

Topic = Subscription.Topic


def topic_choices():
    """Return the choices of topic, grouped: all news, each country, each kind of story, each tag in use."""
    countries = [(f"country:{c.slug}", c.name) for c in Country.objects.published().order_by("name")]
    kinds = [(f"kind:{value}", label) for value, label in NewsItem.Kind.choices]
    used = NewsItem.tags.through.objects.filter(object_id__in=NewsItem.objects.published().values("pk"))
    tags = sorted(
        (
            (f"tag:{tag.slug}", tag_name(tag))
            for tag in Tag.objects.filter(pk__in=used.values("tag")).select_related("translation")
        ),
        key=lambda choice: choice[1].casefold(),
    )
    return [
        (Topic.EVERYTHING.value, _("All news")),
        (_("Countries"), countries),
        (_("Kinds of story"), kinds),
        *([(_("Tags"), tags)] if tags else []),
    ]


def topic_from_query(query):
    """Return the topic choice a link asks for (?country=slovenia, ?tag=..., ?kind=...), or all news."""
    for name in ("country", "tag", "kind"):
        value = query.get(name, "")
        if value and isinstance(value, str) and len(value) <= 200:
            return f"{name}:{value}"
    return Topic.EVERYTHING.value


class TopicForm(forms.Form):
    topic = forms.ChoiceField(label=_("News about"))
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topic_choices()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and name != "frequency":  # the radios' fieldset names its own error
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def clean(self):
        """Add `subscription_fields`: the Subscription fields of the chosen topic and frequency."""
        data = super().clean()
        if "topic" not in data or "frequency" not in data:
            return data
        kind, _sep, value = data["topic"].partition(":")
        fields = {"topic": kind, "frequency": data["frequency"], "country": None, "tag": None, "kind": ""}
        if kind == Topic.COUNTRY:
            fields["country"] = Country.objects.published().filter(slug=value).first()
        elif kind == Topic.TAG:
            fields["tag"] = Tag.objects.filter(slug=value).first()
        elif kind == Topic.KIND:
            fields["kind"] = value
        if kind in (Topic.COUNTRY, Topic.TAG) and fields[kind] is None:
            self.add_error("topic", _("This topic is no longer available; please choose another."))
        self.subscription_fields = fields
        return data


class SubscribeForm(TopicForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email", "topic", "frequency"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
