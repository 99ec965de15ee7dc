"""A real browser against the site served as `make run` serves it: gunicorn, no DEBUG."""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from tests.server import gunicorn_serving, manage, server_env

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# These keep headless Chromium from calling home on a machine with no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


PASSWORD = "a-long-table-for-two"


@pytest.fixture(scope="module")
def site_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a freshly migrated database, for gunicorn and manage.py alike."""
    env = server_env(tmp_path_factory.mktemp("data"))
    manage(env, "migrate", "--noinput", "-v", "0")
    return env


@pytest.fixture(scope="module")
def site_url(site_env: dict[str, str]) -> Iterator[str]:
    """gunicorn with gunicorn.conf.py and the project's own settings, on a spare port."""
    with gunicorn_serving(site_env, Path(site_env["DATA_DIR"]) / "gunicorn.log") as url:
        yield url


@pytest.fixture(scope="module")
def seeded_url(site_url: str, site_env: dict[str, str]) -> str:
    """The site with the 13 demo dishes and the users maya, gus and chef in its database."""
    manage(site_env, "seed_demo")
    return site_url


def sign_up(page: Page, url: str, username: str) -> None:
    page.goto(url + "/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status")).to_have_text(f"Welcome, {username}: your table is ready.")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed: on Debian or Ubuntu, `sudo apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run the browser tests, not skip them)")
        pytest.skip(message)
    # Module scope: Playwright's event loop must be gone before tests that use
    # the database run, or Django refuses to query from inside it.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


OpenPage = Callable[..., Page]


@pytest.fixture
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """Open a page in a fresh browser context (its own cookies), with the given options."""
    contexts = []

    def open_page(**context_options: object) -> Page:
        contexts.append(browser.new_context(**context_options))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page_errors() -> list[str]:
    """Script errors and console errors (a failed load among them) seen by `page`."""
    return []


@pytest.fixture
def page(open_page: OpenPage, page_errors: list[str]) -> Page:
    page = open_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("console", lambda message: _collect_error(message, page_errors))
    return page


def _collect_error(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error":
        errors.append(f"{message.text} at {message.location.get('url')}")
