"""The trade chart: geometry of a bar chart of exports and imports per year.

Plain functions, no database: the template draws the SVG from what
`trade_chart()` returns, so the chart needs no JavaScript.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

PLOT_TOP = 24
PLOT_HEIGHT = 200
AXIS_WIDTH = 56
BAR_WIDTH = 36
BAR_GAP = 6
GROUP_GAP = 40
# A chart of one or two years is stretched to this, so that it does not look lost.
MIN_PLOT_WIDTH = 320


def format_amount(amount):
    """Return an amount in millions as the active language writes numbers: "119", "1,234.5"."""
    return floatformat(amount, "-1g")


def format_millions(amount, currency):
    """Return an amount in millions with its currency: "EUR 119 million"."""
    return _("%(currency)s %(amount)s million") % {"currency": currency, "amount": format_amount(amount)}


def nice_step(top, ticks=4):
    """Return a round step (1, 2 or 5 times a power of ten) that divides 0…top into about `ticks`."""
    if top <= 0:
        return Decimal(1)
    raw = Decimal(top) / ticks
    power = Decimal(10) ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


@dataclass
class Bar:
    series: str
    label: str
    value: Decimal
    display: str
    x: float
    y: float
    height: float

    @property
    def center(self):
        return self.x + BAR_WIDTH / 2

    @property
    def value_y(self):
        """Return where the value above the bar sits."""
        return self.y - 6


@dataclass
class Tick:
    y: float
    label: str

    @property
    def label_y(self):
        return self.y + 4


@dataclass
class Group:
    figure: object
    bars: list
    label_x: float
    summary: str


def trade_chart(figures):
    """Return the geometry of a grouped bar chart of exports and imports per year, or None."""
    figures = sorted(figures, key=lambda figure: figure.year)
    if not figures:
        return None
    peak = max(max(f.exports_to_japan, f.imports_from_japan) for f in figures)
    step = nice_step(peak)
    top = step * max(1, math.ceil(peak / step))
    baseline = PLOT_TOP + PLOT_HEIGHT

    def y_of(value):
        return round(baseline - float(value) / float(top) * PLOT_HEIGHT, 1)

    groups = []
    group_width = 2 * BAR_WIDTH + BAR_GAP
    plot_width = max(MIN_PLOT_WIDTH, len(figures) * (group_width + GROUP_GAP))
    slot = plot_width / len(figures)
    for index, figure in enumerate(figures):
        x = round(AXIS_WIDTH + index * slot + (slot - group_width) / 2, 1)
        bars = []
        for offset, (series, label, value, display) in enumerate(
            (
                ("exports", _("Exports to Japan"), figure.exports_to_japan, figure.exports_display),
                ("imports", _("Imports from Japan"), figure.imports_from_japan, figure.imports_display),
            )
        ):
            y = y_of(value)
            bars.append(
                Bar(
                    series,
                    label,
                    value,
                    display,
                    x + offset * (BAR_WIDTH + BAR_GAP),
                    y,
                    round(baseline - y, 1),
                )
            )
        summary = _("%(year)s: exports to Japan %(exports)s, imports from Japan %(imports)s.") % {
            "year": figure.year,
            "exports": figure.exports_display,
            "imports": figure.imports_display,
        }
        groups.append(Group(figure, bars, x + group_width / 2, summary))
    count = int(top / step)
    ticks = [Tick(y_of(step * n), format_amount(step * n)) for n in range(count + 1)]
    return {
        "groups": groups,
        "ticks": ticks,
        "width": AXIS_WIDTH + plot_width,
        "height": baseline + 36,
        "plot_left": AXIS_WIDTH,
        "baseline": baseline,
        "label_y": baseline + 24,
        "bar_width": BAR_WIDTH,
        "currency": figures[-1].currency,
        "summary": " ".join(group.summary for group in groups),
        # One source for every year is named once, under the table, rather than in a column.
        "sources": list(dict.fromkeys((f.source, f.source_url) for f in figures if f.source or f.source_url)),
        "source_per_year": len({(f.source, f.source_url) for f in figures}) > 1,
    }
