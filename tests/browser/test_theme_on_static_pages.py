"""A member's theme on static pages: the same file for everyone, themed by the browser."""

import urllib.request

from playwright.sync_api import Page, expect

from tests.browser.test_dynamic_journeys import DARK_BACKGROUND, log_in, log_out


def etag_a_stranger_gets(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.headers["ETag"]


def test_members_dark_theme_is_applied_by_the_browser_to_the_same_file(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    log_in(page, seeded_url, "gus", "gus-gluten-free")

    response = page.goto(seeded_url + "/about/")

    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.locator("body")).to_have_css("background-color", DARK_BACKGROUND)
    expect(page.locator(".js-theme-applied")).to_have_text(
        "Your dark theme was applied by your browser just now."
    )
    assert response.header_value("etag") == etag_a_stranger_gets(seeded_url + "/about/")
    assert page_errors == []


def test_after_logging_out_static_pages_follow_the_device_again(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    log_in(page, seeded_url, "gus", "gus-gluten-free")
    log_out(page, seeded_url)

    page.goto(seeded_url + "/takeout/")

    expect(page.locator("html")).not_to_have_attribute("data-theme", "dark")
    expect(page.locator(".js-theme-applied")).to_be_hidden()
    assert [c["name"] for c in page.context.cookies() if c["name"] == "theme"] == []
    assert page_errors == []
