"""The search page's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm

from .models import SearchDocument


class SearchFilterForm(FilterForm):
    """The search's type filter (`?type=news`); the query itself is never refused."""

    type = forms.ChoiceField(label=_("Type"), choices=SearchDocument.Kind.choices, required=False)
