"""English date formats: "8 November 2022", as the network writes dates; times name their zone."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"  # 10 December 2026, 09:00 JST: never 12/10
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i T"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
