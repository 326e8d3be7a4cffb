"""Where a country keeps its clocks: the IANA time zone of its events, and a check for typed names."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

JAPAN = "Asia/Tokyo"
# The zone of each capital, by ISO 3166 code; a country not listed sets its own (Country.time_zone).
BY_ISO_CODE = {
    "AL": "Europe/Tirane",
    "BA": "Europe/Sarajevo",
    "BG": "Europe/Sofia",
    "CY": "Asia/Nicosia",
    "GR": "Europe/Athens",
    "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest",
    "JP": JAPAN,
    "MD": "Europe/Chisinau",
    "ME": "Europe/Podgorica",
    "MK": "Europe/Skopje",
    "RO": "Europe/Bucharest",
    "RS": "Europe/Belgrade",
    "SI": "Europe/Ljubljana",
    "TR": "Europe/Istanbul",
    # The time zone database has no zone of its own for Kosovo: Pristina keeps Belgrade's clocks.
    "XK": "Europe/Belgrade",
}
FALLBACK = "Europe/Belgrade"


def validate_time_zone(value):
    """Refuse a name the IANA time zone database does not know."""
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Belgrade."),
            code="time_zone",
            params={"value": value},
        )


def zone_for(iso_code, chosen=""):
    """Return the ZoneInfo of a country: the `chosen` name, else its capital's."""
    return zoneinfo.ZoneInfo(chosen or BY_ISO_CODE.get(iso_code, FALLBACK))
