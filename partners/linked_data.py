"""Structured data of a partner's page: a schema.org Organization of the most fitting type."""

from core.linked_data import absolute

from .models import PartnerOrganisation

TYPES = {
    PartnerOrganisation.Kind.EMBASSY: "GovernmentOrganization",
    PartnerOrganisation.Kind.GOVERNMENT: "GovernmentOrganization",
    PartnerOrganisation.Kind.INTERNATIONAL: "NGO",
    PartnerOrganisation.Kind.ACADEMIC: "EducationalOrganization",
    PartnerOrganisation.Kind.COMPANY: "Corporation",
    PartnerOrganisation.Kind.NGO: "NGO",
    PartnerOrganisation.Kind.MEDIA: "NewsMediaOrganization",
}


def organisation(partner):
    """Return the JSON-LD of `partner` (its country selected): who it is, where, and its own website."""
    page_url = absolute(partner.get_absolute_url())
    node = {
        "@context": "https://schema.org",
        "@type": TYPES.get(partner.kind, "Organization"),
        "@id": f"{page_url}#organization",
        "name": partner.name,
        "url": partner.website or page_url,
        "mainEntityOfPage": page_url,
    }
    if partner.website:
        node["sameAs"] = [partner.website]
    if partner.logo:
        node["logo"] = {
            "@type": "ImageObject",
            "url": absolute(partner.logo.url),
            "width": partner.logo_width,
            "height": partner.logo_height,
        }
    if partner.address or partner.country:
        address = {"@type": "PostalAddress"}
        if partner.address:
            address["streetAddress"] = " ".join(partner.address.split())
        if partner.country:
            address["addressCountry"] = partner.country.iso_code
        node["address"] = address
    if partner.country and partner.country.is_published:
        node["location"] = {
            "@type": "Country",
            "name": partner.country.name,
            "url": absolute(partner.country.get_absolute_url()),
        }
    return node
