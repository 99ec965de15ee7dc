"""A visitor in Chromium reads the static side: every page, through the navigation."""

import re

import pytest
from playwright.sync_api import Page, expect

from pages.catalogue import PAGES
from tests.browser.conftest import OpenPage


def test_visitor_follows_the_nav_to_every_static_page(
    site_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(site_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two ways to serve a web page")

    for static_page in [p for p in PAGES if p.in_nav]:
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name=static_page.title, exact=True).click()

        expect(page).to_have_url(site_url + static_page.path)
        expect(page).to_have_title(re.compile(r" · Takeout & Table$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        current = nav.locator("[aria-current=page]")
        expect(current).to_have_text(static_page.title)
        expect(page.locator(".visitor")).to_have_text(
            "Takeout This page is a file, the same for everyone: it cannot know who you are."
        )
    assert page_errors == []


def test_takeout_menu_lists_dishes_with_prices(site_url: str, page: Page) -> None:
    page.goto(site_url + "/takeout/")

    tiramisu = page.get_by_role("row", name=re.compile("^Tiramisu"))

    expect(tiramisu).to_contain_text("$6.50")
    expect(page.get_by_role("table")).to_have_count(4)


def test_how_it_works_shows_both_diagrams(
    site_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(site_url + "/how-it-works/")

    diagrams = page.get_by_role("img", name=re.compile("^Diagram:"))

    expect(diagrams).to_have_count(2)
    for diagram in diagrams.all():
        assert diagram.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page_errors == []


def test_skip_link_appears_on_focus_and_moves_to_the_content(site_url: str, page: Page) -> None:
    page.goto(site_url + "/hours/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(site_url + "/hours/#main")


@pytest.mark.parametrize(
    ("scheme", "background"), [("light", "rgb(251, 247, 240)"), ("dark", "rgb(22, 19, 16)")]
)
def test_page_follows_the_system_colour_scheme(
    site_url: str, open_page: OpenPage, scheme: str, background: str
) -> None:
    page = open_page(color_scheme=scheme)
    page.goto(site_url + "/about/")

    expect(page.locator("body")).to_have_css("background-color", background)


@pytest.mark.parametrize(
    ("system", "pinned", "background"),
    [("light", "dark", "rgb(22, 19, 16)"), ("dark", "light", "rgb(251, 247, 240)")],
)
def test_data_theme_on_html_overrides_the_system_colour_scheme(
    site_url: str, open_page: OpenPage, system: str, pinned: str, background: str
) -> None:
    page = open_page(color_scheme=system)
    page.goto(site_url + "/about/")

    page.locator("html").evaluate("(html, theme) => html.dataset.theme = theme", pinned)

    expect(page.locator("body")).to_have_css("background-color", background)


@pytest.mark.parametrize(
    ("system", "pinned", "turned_over"),
    [
        ("light", None, False),
        ("dark", None, True),
        ("light", "dark", True),
        ("dark", "light", False),
    ],
)
def test_diagrams_turn_dark_with_the_page(
    site_url: str, open_page: OpenPage, system: str, pinned: str | None, turned_over: bool
) -> None:
    page = open_page(color_scheme=system)
    page.goto(site_url + "/how-it-works/")
    if pinned:
        page.locator("html").evaluate("(html, theme) => html.dataset.theme = theme", pinned)

    filters = page.get_by_role("img", name=re.compile("^Diagram:")).evaluate_all(
        "images => images.map(image => getComputedStyle(image).filter)"
    )

    assert filters == ["invert(1) hue-rotate(180deg)" if turned_over else "none"] * 2
