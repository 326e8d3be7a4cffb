"""Japanese date formats (Django's, with the zone named on times): 2026年12月10日 9:00 JST."""

DATETIME_FORMAT = "Y年n月j日 G:i T"
SHORT_DATETIME_FORMAT = "Y/m/d G:i T"
