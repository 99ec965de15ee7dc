"""The chart is well-formed SVG with a labelled bar for each figure of each target."""

import xml.etree.ElementTree as ET

import pytest

from bench.chart import short, svg
from bench.load import Run, Target, WrkResult
from bench.report import Row

SVG = "{http://www.w3.org/2000/svg}"


def row_of(label: str, rps: float, p50: float, p99: float, errors: int = 0) -> Row:
    result = WrkResult(int(rps), rps, p50, p99, errors, {})
    return Row(Target(label, label, "ours", "/"), [Run(result, 1.0, 0.5, 0.1)])


ROWS = [
    row_of("nginx /takeout/", 122_519, 0.1, 0.3),
    row_of("ours /takeout/", 10_874, 1.2, 5.6),
    row_of("ours /menu/ signed in", 278, 52.2, 116.0),
]


def drawn(rows: list[Row]) -> ET.Element:
    # The bench's own output, not a stranger's XML.
    return ET.fromstring(svg(rows, heading=["make bench, today", "2 CPUs"]))  # noqa: S314


def test_the_chart_is_well_formed_svg_on_a_white_background_under_its_heading() -> None:
    chart = drawn(ROWS)

    assert chart.tag == f"{SVG}svg"
    assert chart.find(f"{SVG}rect").get("fill") == "#ffffff"
    assert chart.find(f"{SVG}title").text == "make bench, today"
    assert "2 CPUs" in [text.text for text in chart.iter(f"{SVG}text")]


def test_each_target_has_one_bar_for_requests_and_one_each_for_p50_and_p99() -> None:
    rects = drawn(ROWS).findall(f"{SVG}rect")

    for kind in ("rps", "p50", "p99"):
        assert len([rect for rect in rects if rect.get("class") == kind]) == len(ROWS)


def test_more_requests_make_a_longer_bar() -> None:
    widths = [float(r.get("width")) for r in drawn(ROWS).findall(f"{SVG}rect[@class='rps']")]

    assert widths[0] > widths[1] > widths[2] > 0


def test_every_bar_is_labelled_with_its_figure_and_every_target_named() -> None:
    words = [text.text for text in drawn(ROWS).iter(f"{SVG}text")]

    for expected in ("122,519", "10,874", "278", "p50 1.2", "p99 116", "ours /menu/ signed in"):
        assert expected in words


def test_a_failed_target_says_so_beside_its_bars() -> None:
    words = [text.text for text in drawn([row_of("ours /menu/", 3, 1, 2, errors=9)]).iter()]

    assert "ours /menu/ (FAILED)" in words


def test_names_with_markup_characters_are_escaped() -> None:
    words = [text.text for text in drawn([row_of("peers' <default> & co", 5, 1, 2)]).iter()]

    assert "peers' <default> & co" in words


@pytest.mark.parametrize(
    ("decade", "label"),
    [(0.01, "0.01"), (1.0, "1"), (1000.0, "1k"), (100_000.0, "100k"), (1e6, "1M")],
)
def test_each_decade_of_the_log_scale_has_a_short_label(decade: float, label: str) -> None:
    assert short(decade) == label
