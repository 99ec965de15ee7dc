"""In Chromium: "How this page was made" opens on /menu/ and names the view, a query
and the worker process that /api/server/ names too."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.server import manage, server_env

INSTANCE = "kitchen-one"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The site as `make run` serves it, with one worker, so that every request (the
    page and /api/server/ alike) is answered by the same process, and a name."""
    env = server_env(
        tmp_path_factory.mktemp("data"), WEB_CONCURRENCY="1", DJANGO_INSTANCE_NAME=INSTANCE
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    return env


def open_panel(page: Page) -> Locator:
    panel = page.locator("details.how-made")
    expect(panel).not_to_have_attribute("open", re.compile(".*"))
    panel.get_by_text("How this page was made").click()
    expect(panel).to_have_attribute("open", "")
    return panel


def test_the_menu_says_which_view_queries_and_worker_made_it(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(seeded_url + "/menu/")
    panel = open_panel(page)

    expect(panel.get_by_text("menu.views.menu_list", exact=True)).to_be_visible()
    expect(panel.get_by_text("menu/list.html", exact=True)).to_be_visible()
    selects = panel.locator(".how-made-queries code").filter(has_text=re.compile(r"^SELECT "))
    expect(selects.first).to_be_visible()
    answered = panel.locator("dd").filter(has_text="The process with id")
    pid, thread, host, parent_pid, instance = answered.locator("code").all_inner_texts()

    server = page.request.get(seeded_url + "/api/server/").json()

    assert (int(pid), int(parent_pid)) == (server["pid"], server["parent_pid"])
    assert host == server["host"]
    assert re.fullmatch(r"ThreadPoolExecutor-\d+_\d+", thread)
    assert instance == server["instance"] == INSTANCE
    assert page_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_open_panel_fits_the_screen_and_opens_from_the_keyboard(
    seeded_url: str, page: Page, page_errors: list[str], scheme: str
) -> None:
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme=scheme)
    page.goto(seeded_url + "/menu/")

    summary = page.locator("details.how-made summary")
    summary.focus()
    page.keyboard.press("Enter")
    panel = page.locator("details.how-made")
    expect(panel).to_have_attribute("open", "")
    expect(panel.locator(".how-made-queries li").first).to_be_visible()

    page_width = page.evaluate("document.documentElement.scrollWidth")
    colours = panel.evaluate(
        "element => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor]"
    )
    assert page_width <= PHONE["width"]
    assert colours[0] != colours[1]
    assert page_errors == []
