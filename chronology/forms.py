from django import forms
from django.utils.translation import gettext_lazy as _

from balkan.filters import FilterForm
from countries.models import Country

from .models import Category


class ChronologyFilterForm(FilterForm):
    country = forms.ModelChoiceField(
        Country.objects.published(),
        to_field_name="slug",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    category = forms.ModelChoiceField(
        Category.objects.all(),
        to_field_name="key",
        required=False,
        label=_("Category"),
        empty_label=_("All categories"),
    )
