"""Exercise 05: a dish's page leaves a signed `last_dish` cookie, and the live menu
names that dish, unless the cookie was forged, tampered with or is too old."""

import re
import time
from http.cookies import Morsel
from unittest import mock

from django.core import signing
from django.http import HttpResponse
from django.test import Client, override_settings

from exercises.grading import check, expect_in, fail, shorten
from exercises.grading.site import browser, expect_status, text
from menu.models import Dish

COOKIE = "last_dish"
SLUG, NAME = "tiramisu", "Tiramisu"
OTHER_SLUG, OTHER_NAME = "mango-sorbet", "Mango sorbet"
DISH = f"/menu/{SLUG}/"
MENU = "/menu/"
SENTENCE = "The last dish you looked at:"
DAY = 24 * 60 * 60
# Older than the 30 days a last_dish cookie may live.
STALE = 31 * DAY


def cookie_set_by(response: HttpResponse, what: str) -> Morsel:
    """The last_dish cookie `response` sets, or a failure that says what it set instead."""
    if COOKIE not in response.cookies:
        others = ", ".join(sorted(response.cookies)) or "none at all"
        fail(
            expected=f"a Set-Cookie header for {COOKIE} in the answer to {what}",
            got=f"cookies set: {others}",
        )
    return response.cookies[COOKIE]


def visit(client: Client, slug: str) -> Morsel:
    response = client.get(f"/menu/{slug}/")
    expect_status(response, 200, what=f"GET /menu/{slug}/")
    return cookie_set_by(response, f"GET /menu/{slug}/")


def menu_says(client: Client) -> str:
    """The live menu's sentence about the last dish, as a reader sees it: "" when there is none."""
    response = client.get(MENU)
    expect_status(response, 200, what=f"GET {MENU} with a {COOKIE} cookie")
    html = response.content.decode()
    start = html.find(SENTENCE)
    if start < 0:
        return ""
    # Up to the end of the sentence's paragraph (or whatever block holds it).
    end = min(
        (
            found
            for tag in ("</p>", "</li>", "</div>", "<p", "<h")
            if (found := html.find(tag, start + 1)) >= 0
        ),
        default=start + 200,
    )
    return " ".join(re.sub(r"<[^>]+>", " ", html[start:end]).split())


def expect_named_nothing(client: Client, *, sent: str) -> None:
    said = menu_says(client)
    if said:
        fail(expected=f"the live menu to name no dish for {sent}", got=shorten(said))


def browser_with(value: str) -> Client:
    client = browser()
    client.cookies[COOKIE] = value
    return client


@check(
    hint="Set the cookie in dish_detail (menu/views.py) on the response before returning it: "
    "response.set_signed_cookie(...)."
)
def dish_page_sets_the_cookie():
    """Opening a dish's page gives the browser a cookie named last_dish."""
    visit(browser(), SLUG)


@check(
    needs=dish_page_sets_the_cookie,
    hint="A cookie is stored by the browser, which shows it to its owner and lets them edit "
    "it. Sign it: response.set_signed_cookie(name, value, salt=...) adds a signature "
    "that only the server, with its SECRET_KEY, can make.",
)
def cookie_is_signed():
    """The last_dish cookie holds the dish's slug with a signature, not the bare slug."""
    value = visit(browser(), SLUG).value
    if value == SLUG:
        fail(
            expected=f"a signed value (the slug and a signature) in {COOKIE}",
            got=f"{COOKIE}={value}: the bare slug, which anyone can change",
        )


@check(
    needs=dish_page_sets_the_cookie,
    hint="set_signed_cookie takes the same arguments as set_cookie: max_age (seconds or a "
    "timedelta), path, httponly, samesite and secure.",
)
def cookie_attributes():
    """The last_dish cookie lasts 30 days, for the whole site, HttpOnly and SameSite=Lax."""
    cookie = visit(browser(), SLUG)
    shown = f"{COOKIE}=…; " + "; ".join(
        f"{name}={value}" if value is not True else name for name, value in cookie.items() if value
    )
    max_age = str(cookie["max-age"])
    if not max_age.isdigit() or int(max_age) < DAY:
        fail(
            expected="Max-Age=2592000 (30 days; the check takes anything from a day up)",
            got=f"{shown}: without a Max-Age the cookie is gone when the browser closes"
            if not max_age
            else shown,
        )
    if cookie["path"] != "/":
        fail(expected="Path=/ (the live menu at /menu/ must get it back)", got=shown)
    if not cookie["httponly"]:
        fail(expected="HttpOnly (no script on the page needs it)", got=shown)
    if str(cookie["samesite"]).lower() != "lax":
        fail(expected="SameSite=Lax", got=shown)


@check(
    needs=dish_page_sets_the_cookie,
    hint="SESSION_COOKIE_SECURE in config/settings.py is on in production (HTTPS) and off on "
    "your machine (plain HTTP): pass secure=settings.SESSION_COOKIE_SECURE.",
)
def cookie_is_secure_in_production():
    """The last_dish cookie is Secure exactly when the session cookie is (in production)."""
    if visit(browser(), SLUG)["secure"]:
        fail(
            expected="no Secure on the cookie with SESSION_COOKIE_SECURE off (plain HTTP)",
            got="Secure, while the site runs over plain HTTP with the setting off",
        )
    with override_settings(SESSION_COOKIE_SECURE=True):
        cookie = visit(browser(), SLUG)
    if not cookie["secure"]:
        fail(
            expected="Secure on the cookie with SESSION_COOKIE_SECURE on, as in production",
            got="no Secure: the browser would send it over plain HTTP too",
        )


@check(
    needs=dish_page_sets_the_cookie,
    hint="In menu_list, read the cookie with a function in menu/selectors.py that calls "
    "request.get_signed_cookie(name, default=None, salt=...) with the same salt, "
    "finds the dish, and pass the dish to templates/menu/list.html.",
)
def menu_names_the_last_dish():
    """The live menu says "The last dish you looked at:" with a link to the dish opened last."""
    client = browser()
    visit(client, SLUG)
    said = menu_says(client)
    expect_in(
        f"{SENTENCE} {NAME}", said or "no such sentence", where=f"the live menu, after {DISH}"
    )
    page = client.get(MENU).content.decode()
    expect_in(f'href="{DISH}"', page, where="the live menu: a link to the dish")
    visit(client, OTHER_SLUG)
    said = menu_says(client)
    expect_in(
        f"{SENTENCE} {OTHER_NAME}",
        said or "no such sentence",
        where=f"the live menu, after /menu/{OTHER_SLUG}/ then",
    )
    stranger = browser().get(MENU)
    expect_status(stranger, 200, what=f"GET {MENU} without a {COOKIE} cookie")
    if SENTENCE in text(stranger):
        fail(
            expected="no last dish on the live menu for a new visitor, who has no cookie",
            got=shorten(text(stranger)[text(stranger).find(SENTENCE) :]),
        )


@check(
    needs=menu_names_the_last_dish,
    hint="Read it with request.get_signed_cookie(name, default=None, salt=...): with a "
    "default, a signature that does not match gives the default instead of an error.",
)
def tampered_cookie_is_ignored():
    """A last_dish cookie edited in the browser is ignored: the menu answers and names no dish."""
    value = visit(browser(), SLUG).value
    if SLUG in value:
        # Point it at another dish, as a visitor editing their cookie would.
        forged = value.replace(SLUG, OTHER_SLUG)
    else:
        forged = ("A" if value[:1] != "A" else "B") + value[1:]
    expect_named_nothing(browser_with(forged), sent=f"a tampered cookie ({COOKIE}={forged})")


@check(
    needs=menu_names_the_last_dish,
    hint="Only a signed value may be believed: get_signed_cookie() with a default returns "
    "the default for a value that has no valid signature.",
)
def unsigned_cookie_is_ignored():
    """A bare last_dish=red-lentil-soup, with no signature, is ignored: the menu names no dish."""
    expect_named_nothing(
        browser_with("red-lentil-soup"),
        sent=f"a cookie with no signature ({COOKIE}=red-lentil-soup)",
    )


@check(
    needs=menu_names_the_last_dish,
    hint="The signature made by set_signed_cookie carries the time it was made; "
    "get_signed_cookie(..., max_age=...) refuses one older than that, so a copy of an "
    "old cookie sent again does not count.",
)
def stale_cookie_is_ignored():
    """A last_dish cookie signed more than 30 days ago is ignored: the menu names no dish."""
    client = browser()
    # The page signs the cookie as if 31 days ago: what an old cookie kept and sent again holds.
    long_ago = signing.b62_encode(int(time.time()) - STALE)
    with mock.patch.object(signing.TimestampSigner, "timestamp", return_value=long_ago):
        visit(client, SLUG)
    expect_named_nothing(client, sent="a cookie signed 31 days ago")


@check(
    needs=menu_names_the_last_dish,
    hint="Look the dish up with .filter(slug=...).first() and show nothing when it is None: "
    ".get() raises when the dish has gone.",
)
def deleted_dish_is_ignored():
    """A valid last_dish cookie for a dish the kitchen has since deleted is ignored."""
    dish = Dish.objects.create(
        name="Test dish: gone tomorrow",
        slug="test-gone-tomorrow",
        category=Dish.Category.MAIN,
        price="9.00",
    )
    try:
        client = browser()
        visit(client, dish.slug)
    finally:
        dish.delete()
    expect_named_nothing(client, sent="a cookie naming a dish that was deleted")


@check(
    needs=dish_page_sets_the_cookie,
    hint="Static pages are files that WhiteNoise sends before any view runs: set the cookie "
    "in dish_detail only, not in a middleware for every response.",
)
def static_pages_set_no_cookie():
    """The printed takeout menu, /takeout/, a static file, never sets the last_dish cookie."""
    client = browser()
    visit(client, SLUG)
    response = client.get("/takeout/")
    expect_status(response, 200, what="GET /takeout/")
    if COOKIE in response.cookies:
        fail(
            expected="no Set-Cookie for last_dish from /takeout/",
            got=f"Set-Cookie: {COOKIE}={response.cookies[COOKIE].value}",
        )
