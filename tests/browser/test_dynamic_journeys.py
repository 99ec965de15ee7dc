"""Visitors in Chromium use the dynamic side: accounts, preferences, favourites, the admin."""

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import PASSWORD, OpenPage, sign_up

DARK_BACKGROUND = "rgb(22, 19, 16)"


def log_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(url + "/accounts/")


def log_out(page: Page, url: str) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(url + "/menu/")
    expect(page.locator(".visitor")).to_contain_text("You are not signed in.")


def save_preferences(page: Page, url: str, *, theme: str, diet: str, name: str = "") -> None:
    page.goto(url + "/accounts/preferences/")
    page.get_by_label("Display name").fill(name)
    page.get_by_role("radio", name=theme).check()
    page.get_by_role("checkbox", name=diet).check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status")).to_have_text(
        "Preferences saved. The live menu now follows them."
    )


def dish_entry(page: Page, name: str) -> Locator:
    """A dish's entry on the live menu."""
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=name, exact=True))


def card(page: Page, heading: str) -> Locator:
    """A card on the dashboard."""
    return page.locator(".card").filter(has=page.get_by_role("heading", name=heading))


def expect_vegetarian_menu(page: Page, url: str) -> None:
    page.goto(url + "/menu/")
    expect(dish_entry(page, "Fiery beef noodles")).to_contain_text("Not for you: not vegetarian")
    expect(dish_entry(page, "Tiramisu")).to_contain_text("Suits you")


def expect_dark_theme(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.locator("body")).to_have_css("background-color", DARK_BACKGROUND)


def expect_preferences_form(page: Page, url: str, *, theme: str, diet: str) -> None:
    page.goto(url + "/accounts/preferences/")
    expect(page.get_by_role("radio", name=theme)).to_be_checked()
    expect(page.get_by_role("checkbox", name=diet)).to_be_checked()


def test_new_member_keeps_preferences_favourite_and_history_across_a_new_login(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    sign_up(page, seeded_url, "nora")
    save_preferences(page, seeded_url, theme="Dark", diet="Vegetarian")
    expect_vegetarian_menu(page, seeded_url)
    expect_dark_theme(page)

    page.get_by_role("link", name="Tiramisu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiramisu")
    page.get_by_role("button", name="Add to favourites").click()
    expect(page.get_by_role("button", name="Remove from favourites")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("★ favourite")

    page.goto(seeded_url + "/accounts/")
    expect(card(page, "Favourites").get_by_role("link", name="Tiramisu")).to_be_visible()
    expect(card(page, "Recently viewed").get_by_role("link", name="Tiramisu")).to_be_visible()

    log_out(page, seeded_url)
    expect(page.locator("html")).not_to_have_attribute("data-theme", "dark")
    log_in(page, seeded_url, "nora")

    expect_dark_theme(page)
    expect(card(page, "Favourites").get_by_role("link", name="Tiramisu")).to_be_visible()
    expect(card(page, "Recently viewed").get_by_role("link", name="Tiramisu")).to_be_visible()
    expect_vegetarian_menu(page, seeded_url)
    expect_preferences_form(page, seeded_url, theme="Dark", diet="Vegetarian")
    assert page_errors == []


def test_preferences_set_before_signing_up_move_into_the_new_account(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    save_preferences(page, seeded_url, theme="Dark", diet="Vegetarian", name="Otto")
    expect(page.locator(".visitor")).to_contain_text("Hello, Otto.")
    expect_dark_theme(page)
    expect_vegetarian_menu(page, seeded_url)

    sign_up(page, seeded_url, "otto")
    expect(page.locator(".visitor")).to_contain_text("Welcome back, Otto.")
    # Logging out flushes the session: what remains after logging in is the account's.
    log_out(page, seeded_url)
    expect(page.locator(".visitor")).not_to_contain_text("Otto")
    log_in(page, seeded_url, "otto")

    expect(page.locator(".visitor")).to_contain_text("Welcome back, Otto.")
    expect_dark_theme(page)
    expect_vegetarian_menu(page, seeded_url)
    expect_preferences_form(page, seeded_url, theme="Dark", diet="Vegetarian")
    assert page_errors == []


def admin_open_tiramisu(page: Page, url: str) -> None:
    page.goto(url + "/admin/")
    page.get_by_label("Username").fill("chef")
    page.get_by_label("Password").fill("chef-runs-the-kitchen")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Dishes").first.click()
    page.get_by_role("link", name="Tiramisu", exact=True).click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Tiramisu")


def test_price_changed_in_the_admin_shows_on_the_live_menu_but_not_the_printed_one(
    seeded_url: str, page: Page
) -> None:
    admin_open_tiramisu(page, seeded_url)
    page.get_by_label("Price").fill("9.25")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("“Tiramisu” was changed successfully")

    page.goto(seeded_url + "/menu/")
    expect(dish_entry(page, "Tiramisu")).to_contain_text("$9.25")
    page.goto(seeded_url + "/takeout/")
    expect(page.get_by_role("row", name=re.compile("^Tiramisu"))).to_contain_text("$6.50")


def test_admin_pages_link_the_site_icon_like_every_other_page(seeded_url: str, page: Page) -> None:
    admin_open_tiramisu(page, seeded_url)

    # Without one, Chromium asks for /favicon.ico, a 404 and an error in the console.
    site_icon = re.compile(r"^/static/img/favicon\.[0-9a-f]+\.svg$")
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", site_icon)


def test_reloading_the_live_menu_counts_one_more_visit(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    page.goto(seeded_url + "/menu/")
    visits = page.locator(".visits")
    expect(visits).to_contain_text("This browser has opened the live menu 1 time.")

    page.reload()

    expect(visits).to_contain_text("This browser has opened the live menu 2 times.")
    assert page_errors == []


def test_a_members_visit_count_follows_them_to_another_browser(
    seeded_url: str, open_page: OpenPage
) -> None:
    laptop, phone = open_page(), open_page()
    log_in(laptop, seeded_url, "maya", "maya-likes-it-hot")
    log_in(phone, seeded_url, "maya", "maya-likes-it-hot")
    laptop.goto(seeded_url + "/menu/")
    before = int(laptop.locator(".visits strong").inner_text())

    phone.goto(seeded_url + "/menu/")

    expect(phone.locator(".visits strong")).to_have_text(str(before + 1))


def test_invalid_preferences_keep_what_was_typed_and_say_what_is_wrong(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    sign_up(page, seeded_url, "pat")  # with no e-mail address
    page.goto(seeded_url + "/accounts/preferences/")
    page.get_by_label("Display name").fill("<b>x</b>")
    notify = page.get_by_role("checkbox", name="E-mail me when one of my favourites")
    notify.check()
    page.get_by_role("button", name="Save preferences").click()

    error = "Your account has no e-mail address, so there is nowhere to send these."
    expect(page.get_by_text(error)).to_be_visible()
    expect(notify).to_have_accessible_description(error)
    expect(page.get_by_label("Display name")).to_have_value("<b>x</b>")
    expect(page.get_by_role("status")).to_have_count(0)
    expect(page.locator(".visitor")).to_contain_text("Welcome back, pat.")
    assert page_errors == []


def test_a_display_name_with_html_is_shown_as_text(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    sign_up(page, seeded_url, "quinn")
    save_preferences(page, seeded_url, theme="Light", diet="Vegan", name="<b>x</b>")

    page.goto(seeded_url + "/accounts/")

    expect(page.locator(".visitor strong")).to_have_text("<b>x</b>")
    expect(page.locator(".lead")).to_contain_text("What the server remembers about <b>x</b>,")
    expect(page.locator(".visitor b, .lead b")).to_have_count(0)
    assert page_errors == []


def test_the_admin_and_its_scripts_work_under_the_strict_content_security_policy(
    seeded_url: str, page: Page, page_errors: list[str]
) -> None:
    """A blocked script or style shows as a console error; the slug is typed in by a script."""
    admin_open_tiramisu(page, seeded_url)
    page.goto(seeded_url + "/admin/menu/dish/add/")

    page.get_by_label("Name").press_sequentially("Lemon posset")

    expect(page.get_by_label("Slug")).to_have_value("lemon-posset")
    policy = page.request.get(seeded_url + "/admin/").headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert page_errors == []
