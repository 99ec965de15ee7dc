"""In Chromium: /compare/ as pictures. The timeline and the race are drawn in SVG and
stated in numbers, the telling headers stay up front, and a price the kitchen changed
shows up as a difference between the file and the view.

This module has its own site (the fixtures are module-scoped), so the price it changes
is seen by no other test."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import OpenPage
from tests.server import manage

MS = r"\d+\.\d ms"


def settled(page: Page) -> None:
    expect(page.locator(".compare")).to_have_attribute("aria-busy", "false")


@pytest.fixture
def compare(seeded_url: str, page: Page) -> Page:
    page.goto(seeded_url + "/compare/")
    settled(page)
    return page


def race(page: Page, rounds: str) -> None:
    page.get_by_label("Fetches of each page (1 to 50)").fill(rounds)
    page.get_by_role("button", name="Race").click()


def test_the_timeline_draws_one_bar_a_side_on_a_time_axis_and_states_the_numbers(
    compare: Page, page_errors: list[str]
) -> None:
    timeline = compare.locator("#timeline")

    for side in ("static", "dynamic"):
        expect(timeline.locator(f"svg g.side-{side} rect.wait")).to_have_count(1)
        expect(timeline.locator(f"svg g.side-{side} rect.download")).to_have_count(1)
    expect(timeline.locator("svg line.axis")).to_have_count(1)
    expect(timeline.locator("svg text.axis-label")).to_have_text("milliseconds")
    expect(timeline.locator("figcaption")).to_have_text(
        re.compile(
            f"The file was asked for at 0.0 ms, waited {MS} for its first byte "
            f"and had the last one at {MS}. "
            f"The view was asked for at {MS}, waited {MS} for its first byte "
            f"and had the last one at {MS}."
        )
    )
    assert page_errors == []


def test_a_race_of_three_plots_three_dots_a_side_with_both_medians_in_numbers(
    compare: Page, page_errors: list[str]
) -> None:
    story = compare.locator('#panel-dynamic [data-field="story"]').inner_text()
    visits = int(re.search(r"Visit count on the page: (\d+)", story)[1])

    race(compare, "3")

    expect(compare.locator(".race-said")).to_have_text(
        "Race done: 3 fetches of each page. The live menu counted every one as a visit: "
        f"your count is now {visits + 3}."
    )
    chart = compare.locator("#race")
    for side in ("static", "dynamic"):
        expect(chart.locator(f"svg g.side-{side} circle.mark")).to_have_count(3)
        expect(chart.locator(f"svg g.side-{side} line.median")).to_have_count(1)
        expect(chart.locator(f"svg g.side-{side} text.median-label")).to_have_text(
            re.compile(f"^median {MS}$")
        )
    expect(chart.locator("figcaption")).to_have_text(
        re.compile(
            f"The file: median {MS} over 3 fetches .* The view: median {MS} over 3 fetches .*"
            r"At the median, the view took \d+\.\d times as long as the file\."
        )
    )
    assert page_errors == []


@pytest.mark.parametrize("rounds", ["0", "51", "2.5"])
def test_a_race_outside_one_to_fifty_is_refused_and_fetches_nothing(
    compare: Page, rounds: str
) -> None:
    fetched: list[str] = []
    compare.on("request", lambda request: fetched.append(request.url))

    race(compare, rounds)

    expect(compare.locator(".race-said")).to_have_text(
        "Choose a whole number of fetches from 1 to 50; nothing was fetched."
    )
    expect(compare.locator("#race")).to_be_hidden()
    assert fetched == []


def test_the_eight_telling_headers_are_up_front_and_the_others_fold_away(
    compare: Page,
) -> None:
    glossary = compare.locator(".header-glossary dt")
    expect(glossary).to_have_count(8)
    for term in glossary.all():
        name = term.get_attribute("id").removeprefix("header-")
        expect(compare.locator(f'#telling tr[data-header="{name}"]')).to_be_visible()
    dynamic = compare.locator("#panel-dynamic")
    content_type = dynamic.get_by_role("rowheader", name="content-type", exact=True)
    expect(content_type).to_be_hidden()

    dynamic.locator("summary").filter(has_text=re.compile(r"^\d+ more headers$")).click()

    expect(content_type).to_be_visible()
    expect(dynamic.get_by_role("rowheader", name="vary", exact=True)).to_have_count(0)


def test_what_differs_names_the_dish_whose_price_the_kitchen_changed(
    compare: Page, site_env: dict[str, str]
) -> None:
    differs = compare.locator("#differs")
    expect(differs).to_have_text("The file and the view agree on every price.")

    manage(
        site_env,
        "shell",
        "-c",
        "from menu.models import Dish; Dish.objects.filter(name='Tiramisu').update(price='7.25')",
    )
    compare.get_by_role("button", name="Load both again").click()
    settled(compare)

    expect(differs).to_have_text("Tiramisu: the file says $6.50, the view says $7.25.")


def test_on_a_phone_nothing_is_wider_than_the_screen(seeded_url: str, open_page: OpenPage) -> None:
    phone = open_page(viewport={"width": 390, "height": 844})
    phone.goto(seeded_url + "/compare/")
    settled(phone)
    race(phone, "3")
    expect(phone.locator(".race-said")).to_contain_text("Race done")

    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]
    expect(phone.locator("#race svg")).to_have_attribute("width", "100%")
