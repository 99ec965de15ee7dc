"""Every page and state, on a phone and a desktop, light and dark: it fits, it lines up
under the header, and axe-core finds no accessibility violation in it."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from pages.catalogue import PAGES
from tests.browser.audit import axe_violations, layout_problems
from tests.browser.test_dynamic_journeys import log_in

DEMO_PASSWORDS = {
    "maya": "maya-likes-it-hot",
    "gus": "gus-gluten-free",
    "chef": "chef-runs-the-kitchen",
}
WIDTHS = {"phone": 360, "desktop": 1280}


@dataclass(frozen=True)
class State:
    name: str
    path: str
    visitor: str | None = None
    # What the visitor does once the page is open, to reach the state audited.
    then: Callable[[Page], None] | None = None

    def __str__(self) -> str:
        return self.name


def submit_signup_with_errors(page: Page) -> None:
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password:", exact=True).fill("short")
    page.get_by_label("Password confirmation").fill("different")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator(".errorlist").first).to_be_visible()


def submit_login_with_errors(page: Page) -> None:
    # An account that does not exist: the failure counts against no real one.
    page.get_by_label("Username").fill("nobody-at-this-table")
    page.get_by_label("Password:", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".form-errors")).to_be_visible()


def submit_preferences_with_errors(page: Page) -> None:
    page.get_by_label("Display name").fill("Maya\u202e")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".errorlist").first).to_be_visible()


def save_preferences_unchanged(page: Page) -> None:
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".messages")).to_be_visible()


def post_without_a_token(page: Page) -> None:
    page.locator("form[data-status='403'] button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("403")


def open_tiramisu(page: Page) -> None:
    page.get_by_role("link", name="Tiramisu").click()
    expect(page.locator("#id_name")).to_have_value("Tiramisu")


def save_a_vegan_dish_that_is_not_vegetarian(page: Page) -> None:
    page.locator("#id_name").fill("Oat milk flan")
    page.locator("#id_category").select_option("dessert")
    page.locator("#id_price").fill("5.50")
    page.locator("#id_vegan").check()
    page.locator("#id_vegetarian").uncheck()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()


STATES = [
    *(State(f"static {page.path}", page.path) for page in PAGES),
    State("stranger /menu/", "/menu/"),
    State("stranger a dish", "/menu/tiramisu/"),
    State("stranger /request/", "/request/?dish=tiramisu&size=large"),
    State("stranger log-in", "/accounts/login/"),
    State("stranger log-in refused", "/accounts/login/", then=submit_login_with_errors),
    State("stranger sign-up", "/accounts/signup/"),
    State("stranger sign-up refused", "/accounts/signup/", then=submit_signup_with_errors),
    State("stranger password reset", "/accounts/password/reset/"),
    State("stranger preferences", "/accounts/preferences/"),
    State("stranger session", "/accounts/session/"),
    State("404 page", "/no-such-page/"),
    State("405 page", "/menu/tiramisu/favorite/"),
    State("403 page", "/how-it-works/", then=post_without_a_token),
    State("500 page", "/request/fail/"),
    *(
        State(f"{who} {path}", path, visitor=who)
        for who in ("maya", "gus")
        for path in (
            "/menu/",
            "/menu/tiramisu/",
            "/accounts/",
            "/accounts/preferences/",
            "/accounts/session/",
            "/accounts/mail/",
            "/request/",
        )
    ),
    State(
        "maya preferences refused",
        "/accounts/preferences/",
        visitor="maya",
        then=submit_preferences_with_errors,
    ),
    State(
        "maya preferences saved",
        "/accounts/preferences/",
        visitor="maya",
        then=save_preferences_unchanged,
    ),
    State("admin index", "/admin/", visitor="chef"),
    State("admin dish list", "/admin/menu/dish/", visitor="chef"),
    State("admin dish form", "/admin/menu/dish/", visitor="chef", then=open_tiramisu),
    State(
        "admin dish form refused",
        "/admin/menu/dish/add/",
        visitor="chef",
        then=save_a_vegan_dish_that_is_not_vegetarian,
    ),
]


@pytest.fixture(scope="module")
def signed_in(browser: Browser, seeded_url: str) -> dict[str, dict]:
    """Each demo visitor's cookies after one log-in, for every test that acts as them."""
    states = {}
    for who, password in DEMO_PASSWORDS.items():
        context = browser.new_context()
        log_in(context.new_page(), seeded_url, who, password)
        states[who] = context.storage_state()
        context.close()
    return states


@pytest.fixture
def opened(
    browser: Browser,
    seeded_url: str,
    signed_in: dict[str, dict],
    state: State,
    width: str,
    scheme: str,
) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": WIDTHS[width], "height": 800},
        color_scheme=scheme,
        storage_state=signed_in[state.visitor] if state.visitor else None,
    )
    page = context.new_page()
    page.goto(seeded_url + state.path)
    if state.then:
        state.then(page)
    # The static pages' scripts fetch as they load: audit what they leave.
    page.wait_for_load_state("networkidle")
    yield page
    context.close()


every_state = pytest.mark.parametrize("state", STATES, ids=str)
both_widths = pytest.mark.parametrize("width", WIDTHS)
both_schemes = pytest.mark.parametrize("scheme", ["light", "dark"])


@every_state
@both_widths
@both_schemes
def test_page_fits_the_window_lines_up_under_the_header_and_passes_axe(
    opened: Page, width: str, scheme: str
) -> None:
    found = {
        "layout": layout_problems(opened, desktop=width == "desktop"),
        "axe": axe_violations(opened),
    }

    assert found == {"layout": [], "axe": []}
