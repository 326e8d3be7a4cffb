"""Partner organisations: only published ones are public, each at its address, renamed ones followed."""

import pytest
from django.utils import translation

from partners.models import PartnerOrganisation

pytestmark = pytest.mark.django_db


def test_only_published_partners_are_public_in_name_order(make_partner):
    zagreb = make_partner(name="University of Zagreb")
    cosylab = make_partner(name="Cosylab")
    make_partner(name="Hidden", is_published=False)
    assert list(PartnerOrganisation.objects.published()) == [cosylab, zagreb]


def test_a_partner_lives_at_its_slug_in_each_language(make_partner):
    partner = make_partner(name="Cosylab", slug="cosylab")
    assert str(partner) == "Cosylab"
    assert partner.get_absolute_url() == "/partners/cosylab/"
    with translation.override("ja"):
        assert partner.get_absolute_url() == "/ja/partners/cosylab/"


def test_a_renamed_partners_old_slug_finds_it(make_partner):
    partner = make_partner(slug="old-name")
    partner.slug = "new-name"
    partner.save()
    assert PartnerOrganisation.from_old_slug("old-name") == partner
