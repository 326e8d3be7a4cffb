"""The partners' filter in the API: a country whose profile is public, by its slug."""

import pytest

from api.forms import PartnerFilterForm


@pytest.mark.django_db
def test_a_public_country_is_taken_and_an_unknown_or_unpublished_one_refused(make_country):
    slovenia = make_country(name="Slovenia", slug="slovenia")
    make_country(name="Hidden", slug="hidden", is_published=False)
    form = PartnerFilterForm({"country": "slovenia"})
    assert form.is_valid() and form.cleaned_data["country"] == slovenia
    for slug in ("hidden", "atlantis"):
        form = PartnerFilterForm({"country": slug})
        assert not form.is_valid() and "country" in form.errors
