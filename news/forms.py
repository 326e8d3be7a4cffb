from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm
from countries.models import Country

from .models import EDITOR_STATUSES, NewsItem, can_publish


class NewsFilterForm(FilterForm):
    country = forms.ModelChoiceField(
        Country.objects.published(),
        to_field_name="slug",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *NewsItem.Kind.choices], required=False, label=_("Kind")
    )
    year = forms.IntegerField(min_value=1800, max_value=2200, required=False, label=_("Year"))
    tag = forms.SlugField(required=False, label=_("Tag"), widget=forms.HiddenInput)


class NewsItemAdminForm(forms.ModelForm):
    """The admin's news form: an editor may only choose Draft or In review."""

    # Set by NewsItemAdmin.get_form on the class it builds for each request.
    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not can_publish(self.user):
            status.choices = [choice for choice in NewsItem.Status.choices if choice[0] in EDITOR_STATUSES]
            status.help_text = _("Submit the story for review when it is ready; a publisher publishes it.")
            if "publish_at" in self.fields:
                self.fields["publish_at"].help_text = _(
                    "When you would like the story to appear; the publisher confirms it when publishing."
                )
        slug = self.fields.get("slug")
        if slug is not None and self.instance.pk and self.instance.has_been_published:
            slug.help_text = _(
                "This story has been published, so people may have shared or printed its address. "
                "If you change the slug, the old address will redirect to the new one."
            )
