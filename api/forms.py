from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm
from countries.models import Country


class PartnerFilterForm(FilterForm):
    """The partners' filter: ?country=SLUG (a country whose profile is public)."""

    country = forms.ModelChoiceField(
        Country.objects.published(), to_field_name="slug", required=False, label=_("Country")
    )
