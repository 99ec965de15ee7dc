"""In Chromium: /compare/ fills with real answers, /request/ echoes what the browser sent."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import OpenPage, sign_up

VISITS = re.compile(r"Visit count on the page: (\d+)")


def press(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.locator(".compare")).to_have_attribute("aria-busy", "false")


def panel(page: Page, side: str) -> Locator:
    return page.locator(f"#panel-{side}")


def header_value(page: Page, side: str, name: str) -> str:
    """A telling header's value from the shared table, or another from the side's fold."""
    telling = page.locator(f'#telling tr[data-header="{name}"] td[data-side="{side}"]')
    if telling.count():
        return telling.locator("code").inner_text()
    row = (
        panel(page, side)
        .locator("tbody tr")
        .filter(has=page.get_by_role("rowheader", name=name, exact=True))
    )
    return row.locator("code").inner_text()


def visit_count(page: Page) -> int:
    story = panel(page, "dynamic").locator('[data-field="story"]').inner_text()
    return int(VISITS.search(story)[1])


@pytest.fixture
def compare(seeded_url: str, page: Page, page_errors: list[str]) -> Page:
    page.goto(seeded_url + "/compare/")
    expect(page.locator(".compare")).to_have_attribute("aria-busy", "false")
    return page


def test_both_panels_fill_with_the_real_status_line_and_headers(
    compare: Page, page_errors: list[str]
) -> None:
    for side in ("static", "dynamic"):
        expect(panel(compare, side).locator(".status-line")).to_have_text("HTTP/1.1 200 OK")
        expect(panel(compare, side).locator('[data-field="bytes"]')).to_contain_text("bytes")
        expect(panel(compare, side).locator('[data-field="time"]')).to_contain_text(" ms")

    assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', header_value(compare, "static", "etag"))
    assert header_value(compare, "static", "cache-control") == "max-age=60, public"
    assert header_value(compare, "static", "server-timing") == "not sent"
    assert re.fullmatch(
        r'db;dur=\d+\.\d;desc="\d+ quer(y|ies)", app;dur=\d+\.\d',
        header_value(compare, "dynamic", "server-timing"),
    )
    assert header_value(compare, "dynamic", "vary") == "Cookie, Accept-Encoding"
    assert header_value(compare, "dynamic", "etag") == "not sent"
    expect(compare.locator('#telling tr[data-header="vary"]')).to_contain_text(
        "Which request headers the answer depends on."
    )
    assert page_errors == []


def test_revalidate_gets_304_for_the_file_and_a_fresh_page_from_the_view(compare: Page) -> None:
    etag = header_value(compare, "static", "etag")
    visits = visit_count(compare)

    press(compare, "Revalidate")

    expect(panel(compare, "static").locator(".status-line")).to_have_text(
        "HTTP/1.1 304 Not Modified"
    )
    expect(panel(compare, "static").locator('[data-field="body"]')).to_have_text(
        "None: a 304 answer carries no body."
    )
    assert header_value(compare, "static", "etag") == etag
    expect(panel(compare, "dynamic").locator(".status-line")).to_have_text("HTTP/1.1 200 OK")
    assert visit_count(compare) == visits + 1


def test_load_both_again_keeps_the_etag_and_counts_another_visit(compare: Page) -> None:
    etag = header_value(compare, "static", "etag")
    visits = visit_count(compare)

    press(compare, "Load both again")
    press(compare, "Load both again")

    assert header_value(compare, "static", "etag") == etag
    expect(panel(compare, "static").locator('[data-field="story"]')).to_contain_text(
        "the same as last time"
    )
    assert visit_count(compare) == visits + 2


def test_as_a_stranger_the_view_starts_from_one_and_leaves_your_count_alone(
    compare: Page,
) -> None:
    press(compare, "Load both again")
    mine = visit_count(compare)

    press(compare, "As a stranger")
    stranger = visit_count(compare)
    press(compare, "Load both again")

    assert stranger == 1
    expect(panel(compare, "dynamic")).to_contain_text("You are not signed in.")
    assert visit_count(compare) == mine + 1


def test_the_greeting_follows_whoever_is_signed_in(seeded_url: str, page: Page) -> None:
    sign_up(page, seeded_url, "compare-carla")

    page.goto(seeded_url + "/compare/")
    expect(page.locator(".compare")).to_have_attribute("aria-busy", "false")

    expect(panel(page, "dynamic").locator('[data-field="story"]')).to_contain_text(
        "Welcome back, compare-carla."
    )
    press(page, "As a stranger")
    expect(panel(page, "dynamic").locator('[data-field="story"]')).to_contain_text(
        "You are not signed in."
    )


def test_without_javascript_the_page_explains_and_links_both_menus(
    seeded_url: str, open_page: OpenPage
) -> None:
    page = open_page(java_script_enabled=False)

    page.goto(seeded_url + "/compare/")

    expect(page.locator(".compare")).to_be_hidden()
    expect(page.locator(".compare-no-script")).to_be_visible()
    expect(page.get_by_role("link", name="takeout menu").first).to_have_attribute(
        "href", "/takeout/"
    )
    expect(page.get_by_role("link", name="live menu").first).to_have_attribute("href", "/menu/")


def test_request_page_shows_the_query_and_an_escaped_posted_value(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(seeded_url + "/request/?dish=tiramisu&size=large")
    query = page.locator("table").filter(has_text="request.GET")
    expect(query.get_by_role("row", name="size large")).to_be_visible()

    page.get_by_label("Dish").fill("tiramisu")
    page.get_by_label("Note").fill("<b>extra</b> cocoa")
    page.get_by_role("button", name="Send it as a POST").click()

    received = page.locator("table").filter(has_text="request.POST")
    expect(received.get_by_role("row", name="note <b>extra</b> cocoa")).to_be_visible()
    expect(received.locator("b")).to_have_count(0)
    expect(page.locator(".status-line")).to_have_text("HTTP/1.1 200 OK")
    expect(page.get_by_role("status")).to_contain_text("The form checked out.")
    assert page_errors == []


def test_request_page_script_cannot_see_the_httponly_session_cookie(
    seeded_url: str, page: Page
) -> None:
    sign_up(page, seeded_url, "request-rita")

    page.goto(seeded_url + "/request/")

    server_side = page.locator("table").filter(has_text="Cookie header")
    expect(server_side.get_by_role("cell", name="sessionid", exact=True)).to_be_visible()
    expect(page.locator(".js-cookie-names")).to_have_text("csrftoken")


def test_the_403_button_on_how_it_works_gets_the_explained_refusal(
    seeded_url: str, page: Page
) -> None:
    page.goto(seeded_url + "/how-it-works/")

    page.get_by_role("button", name="403 Forbidden for a POST without its CSRF token").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("403: a form sent without its token")
    expect(page.locator(".provenance")).to_contain_text(
        "Built for you just now by Django's CSRF failure view in"
    )
