from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from countries.charts import PLOT_HEIGHT, format_millions, nice_step, trade_chart


def figure(year, exports, imports, currency="EUR", source="Eurostat"):
    return SimpleNamespace(
        year=year,
        source=source,
        source_url="",
        exports_to_japan=Decimal(exports),
        imports_from_japan=Decimal(imports),
        currency=currency,
        exports_display=format_millions(Decimal(exports), currency),
        imports_display=format_millions(Decimal(imports), currency),
    )


@pytest.mark.parametrize("top, step", [(119, 50), (8, 2), (1, Decimal("0.5")), (1234, 500), (0, 1)])
def test_axis_steps_are_round_numbers(top, step):
    assert nice_step(top) == step


def test_amounts_read_as_millions_in_the_active_language():
    with translation.override("en"):
        assert format_millions(Decimal("119.0"), "EUR") == "EUR 119 million"
        assert format_millions(Decimal("1234.5"), "USD") == "USD 1,234.5 million"


def test_no_figures_no_chart():
    assert trade_chart([]) is None


def test_bars_are_drawn_to_scale_on_a_round_axis_years_in_order():
    with translation.override("en"):
        chart = trade_chart([figure(2019, "150", "60"), figure(2018, "119", "86")])
    assert [group.figure.year for group in chart["groups"]] == [2018, 2019]
    exports_2018, imports_2018 = chart["groups"][0].bars
    assert exports_2018.display == "EUR 119 million" and imports_2018.display == "EUR 86 million"
    # The axis runs 0–150 in steps of 50, so 150 fills the plot and 119 is 119/150 of it.
    assert [tick.label for tick in chart["ticks"]] == ["0", "50", "100", "150"]
    assert chart["groups"][1].bars[0].height == PLOT_HEIGHT
    assert exports_2018.height == pytest.approx(PLOT_HEIGHT * 119 / 150, abs=0.1)
    assert exports_2018.y + exports_2018.height == chart["baseline"]
    assert chart["summary"].startswith(
        "2018: exports to Japan EUR 119 million, imports from Japan EUR 86 million."
    )


def test_many_years_widen_the_chart_without_overlapping_bars():
    chart = trade_chart([figure(2000 + n, n + 1, n) for n in range(12)])
    edges = [(bar.x, bar.x + 36) for group in chart["groups"] for bar in group.bars]
    assert all(right <= next_left for (_l, right), (next_left, _r) in zip(edges, edges[1:], strict=False))
    assert edges[-1][1] <= chart["width"]


def test_one_source_for_every_year_is_named_once():
    chart = trade_chart([figure(2018, 1, 2), figure(2019, 3, 4)])
    assert chart["sources"] == [("Eurostat", "")] and not chart["source_per_year"]
    chart = trade_chart([figure(2018, 1, 2), figure(2019, 3, 4, source="SURS")])
    assert chart["source_per_year"]
