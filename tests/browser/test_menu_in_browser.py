"""A static page's script builds the live menu in Chromium, for the visitor who asked."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import OpenPage
from tests.browser.test_dynamic_journeys import log_in

# Each dish as the visitor reads it: section, name, price and whether it is starred.
READ_DISHES = """
root => [...root.querySelectorAll(".menu-section")].flatMap(section =>
  [...section.querySelectorAll(".dish")].map(dish => [
    section.querySelector("h2, h3").textContent,
    dish.querySelector(".dish-name").textContent,
    dish.querySelector(".price").textContent,
    dish.querySelector(".star") !== null,
    dish.querySelector(".tags").textContent.replace(/\\s+/g, " ").trim(),
  ]))
"""


def built_in_the_browser(page: Page, url: str) -> list[list[object]]:
    page.goto(url + "/menu/in-your-browser/")
    expect(page.locator(".js-menu-status")).to_have_text(
        "Built by your browser just now, from the data the server sent."
    )
    return page.locator("main").evaluate(READ_DISHES)


def built_on_the_server(page: Page, url: str) -> list[list[object]]:
    page.goto(url + "/menu/")
    return page.locator("main").evaluate(READ_DISHES)


def test_signed_in_visitor_gets_the_same_menu_from_the_browser_as_from_the_server(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    log_in(page, seeded_url, "gus", "gus-gluten-free")
    page.goto(seeded_url + "/menu/tiramisu/")
    add = page.get_by_role("button", name="Add to favourites")
    if add.count():  # The demo data may make it a favourite already.
        add.click()
        expect(page.get_by_role("button", name="Remove from favourites")).to_be_visible()

    in_browser = built_in_the_browser(page, seeded_url)
    on_server = built_on_the_server(page, seeded_url)

    assert in_browser == on_server
    assert ["Desserts", "Tiramisu", "$6.50", True, "V Not for you: contains gluten"] in in_browser
    page.goto(seeded_url + "/menu/in-your-browser/")
    expect(page.locator(".js-greeting")).to_have_text(
        "Welcome back, Gus. The server knew you by your session cookie."
    )
    assert page_errors == []


def test_page_says_what_ran_where_with_live_figures(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    built_in_the_browser(page, seeded_url)

    expect(page.locator(".js-step-file")).to_contain_text("with ETag")
    expect(page.locator(".js-step-script")).to_contain_text("sections with 13 dishes")
    expect(page.locator(".js-step-server")).to_contain_text("/api/menu/ answered 200 with")
    expect(page.locator(".js-step-server")).to_contain_text("application/json")
    expect(page.locator(".js-step-server")).to_contain_text("Server-Timing: db;dur=")
    expect(page.locator(".js-greeting")).to_have_text(
        "You are not signed in, so this is the menu anyone gets."
    )
    assert page.context.cookies() == []
    assert page_errors == []


def test_without_javascript_the_page_says_the_menu_was_not_built(
    seeded_url: str, open_page
) -> None:
    page = open_page(java_script_enabled=False)
    page.goto(seeded_url + "/menu/in-your-browser/")

    expect(page.locator(".js-menu-status")).to_contain_text("the script did not run")
    expect(page.locator(".dish")).to_have_count(0)


def test_the_reasons_a_dish_does_not_suit_wrap_on_a_phone_both_ways(
    seeded_url: str, open_page: OpenPage
) -> None:
    page = open_page(viewport={"width": 390, "height": 800})
    log_in(page, seeded_url, "gus", "gus-gluten-free")

    for built in (built_on_the_server, built_in_the_browser):
        dishes = built(page, seeded_url)

        assert any("contains gluten, too spicy for you" in dish[-1] for dish in dishes)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), built.__name__
