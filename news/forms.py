from django import forms
from django.utils.translation import gettext_lazy as _

from balkan.filters import FilterForm
from countries.models import Country

from .models import NewsItem


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
