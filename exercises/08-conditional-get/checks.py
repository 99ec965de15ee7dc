"""Exercise 08: the dish page answers a repeat with 304 Not Modified, with an ETag made
from what the page shows to this visitor."""

from decimal import Decimal

from django.test import Client

from accounts.models import User
from exercises.grading import check, fail
from exercises.grading.site import (
    browser,
    expect_status,
    header,
    post_form,
    signed_in,
    status_line,
)
from menu.models import Dish, Favourite

DISH = "tiramisu"
PAGE = f"/menu/{DISH}/"


def etag_of(client: Client, *, who: str, page: str = PAGE) -> str:
    """The ETag the dish page carries for `client`, after checking it answered 200."""
    response = client.get(page)
    expect_status(response, 200, what=f"GET {page} {who}")
    etag = header(response, "ETag")
    if not etag:
        fail(expected=f"an ETag header on {page} {who}", got="no ETag header")
    return etag


def revalidate(client: Client, etag: str, *, page: str = PAGE):
    """GET the page again as a browser with a copy would: If-None-Match with its ETag."""
    return client.get(page, headers={"If-None-Match": etag})


def expect_fresh_page(client: Client, old: str, *, who: str, after: str) -> str:
    """`old` no longer matches: the page comes back whole (200) with another ETag."""
    response = revalidate(client, old)
    if response.status_code != 200:
        fail(
            expected=f"200 and the whole page for {who}'s old ETag {after}",
            got=f"{status_line(response)}: the browser would keep showing the old page",
        )
    new = header(response, "ETag")
    if not new or new == old:
        fail(expected=f"a new ETag {after}", got=new or "no ETag header")
    return new


@check(
    hint="Wrap the page in django.views.decorators.http.condition(etag_func=...) in "
    "menu/views.py: the function gets the same arguments as the view and returns the ETag.",
)
def dish_page_has_etag():
    """The dish page carries an ETag, for a visitor who is signed out and for one signed in."""
    etag_of(browser(), who="signed out")
    etag_of(signed_in("maya"), who="signed in as maya")


@check(
    needs=dish_page_has_etag,
    hint="If the ETag changes between two requests, it describes the bytes (which change every "
    "time: the footer's timings, the CSRF token) rather than the data. Build it from the dish "
    "(its updated_at), the visitor's preferences and whether the dish is their favourite.",
)
def repeat_gets_304():
    """Asked again with If-None-Match and that ETag, the dish page answers 304 Not Modified with an
    empty body, signed out and signed in."""
    for client, who in [(browser(), "signed out"), (signed_in("maya"), "signed in as maya")]:
        etag = etag_of(client, who=who)
        again = revalidate(client, etag)
        if again.status_code != 304:
            second = header(again, "ETag")
            fail(
                expected=f"304 Not Modified {who} for If-None-Match: {etag}",
                got=f"{status_line(again)}"
                + (f" with another ETag, {second}" if second and second != etag else ""),
            )
        if again.content:
            fail(expected=f"an empty body with the 304 {who}", got=f"{len(again.content)} bytes")
        if header(again, "ETag") != etag:
            fail(
                expected=f"the 304 {who} to repeat the ETag {etag}",
                got=header(again, "ETag") or "no ETag header",
            )


@check(
    needs=repeat_gets_304,
    hint="The 304 must be decided before the page is rendered: compute the ETag first (the "
    "`condition` decorator calls your etag_func before the view), not from the rendered "
    "response as ConditionalGetMiddleware would.",
)
def no_page_built_for_304():
    """A 304 is answered without building the page: no template is rendered for it."""
    client = signed_in("maya")
    again = revalidate(client, etag_of(client, who="signed in as maya"))
    rendered = [template.name for template in again.templates if template.name]
    if rendered:
        fail(expected="no template rendered for the 304", got=", ".join(sorted(set(rendered))))


@check(
    needs=repeat_gets_304,
    hint="Two visitors who see different pages (a name, a theme, 'Not for you: contains "
    "gluten', a star) need different ETags: put the visitor's preferences (request."
    "preferences) and who is signed in into the ETag.",
)
def visitors_get_their_own_etag():
    """Visitors who see different pages of the same dish get different ETags: maya, gus, a
    stranger, and a stranger who chose "gluten-free"."""
    strangers_choice = browser()
    response = post_form(
        strangers_choice,
        "/accounts/preferences/",
        {"theme": "system", "diet": ["gluten_free"], "max_spice": "3"},
    )
    expect_status(response, 302, what="saving a stranger's preferences (gluten-free)")
    # Follow the redirect, as a browser does: it shows (and uses up) "Preferences saved".
    strangers_choice.get(response["Location"])
    etags = {
        "maya": etag_of(signed_in("maya"), who="signed in as maya"),
        "gus": etag_of(signed_in("gus"), who="signed in as gus"),
        "a stranger": etag_of(browser(), who="for a stranger"),
        "a gluten-free stranger": etag_of(strangers_choice, who="for a gluten-free stranger"),
    }
    names = list(etags)
    for n, first in enumerate(names):
        for second in names[n + 1 :]:
            if etags[first] == etags[second]:
                fail(
                    expected=f"different ETags for {first} and {second}",
                    got=f"the same ETag for both, {etags[first]}",
                )
    gus_with_mayas = revalidate(signed_in("gus"), etags["maya"])
    if gus_with_mayas.status_code != 200:
        fail(
            expected="200 and gus's own page when gus sends maya's ETag",
            got=status_line(gus_with_mayas),
        )


@check(
    needs=repeat_gets_304,
    hint="Dish.updated_at changes each time the dish is saved (auto_now): put it in the ETag.",
)
def kitchen_edit_changes_etag():
    """After the kitchen changes the dish's price, the old ETag gets the whole new page (200)
    and a new ETag."""
    client = signed_in("maya")
    old = etag_of(client, who="signed in as maya")
    dish = Dish.objects.get(slug=DISH)
    price = dish.price
    try:
        dish.price = price + Decimal("1.00")
        dish.save()
        expect_fresh_page(client, old, who="maya", after="after the kitchen changed the price")
    finally:
        dish.price = price
        dish.save()


@check(
    needs=repeat_gets_304,
    hint="The page shows a star and 'Remove from favourites' for a favourite: whether the dish "
    "is the visitor's favourite belongs in the ETag.",
)
def favourite_changes_etag():
    """After a visitor adds the dish to their favourites, the old ETag gets the whole new page
    (200) and a new ETag."""
    maya = User.objects.get(username="maya")
    already = Favourite.objects.filter(user=maya, dish__slug=DISH).exists()
    client = signed_in("maya")
    try:
        Favourite.objects.filter(user=maya, dish__slug=DISH).delete()
        old = etag_of(client, who="signed in as maya")
        response = post_form(client, PAGE, {"action": "add"}, to=f"/menu/{DISH}/favorite/")
        expect_status(response, 302, what="adding the dish to maya's favourites")
        expect_fresh_page(client, old, who="maya", after="after she made it a favourite")
    finally:
        Favourite.objects.filter(user=maya, dish__slug=DISH).delete()
        if already:
            Favourite.objects.create(user=maya, dish=Dish.objects.get(slug=DISH))


@check(
    needs=dish_page_has_etag,
    hint="config/middleware.py (PrivatePagesMiddleware) adds Cache-Control: private when the "
    "response says Vary: Cookie. A view that sets its own Cache-Control, or a response that "
    "loses Vary, skips it.",
)
def kept_out_of_shared_caches():
    """The dish page and its 304 still say Vary: Cookie and Cache-Control: private, so a shared
    cache never hands one visitor's page to another."""
    client = signed_in("maya")
    first = client.get(PAGE)
    again = revalidate(client, header(first, "ETag"))
    for response, which in [(first, "the page"), (again, "the answer to If-None-Match")]:
        if "cookie" not in header(response, "Vary").lower():
            fail(
                expected=f"Vary: Cookie on {which}",
                got=f"Vary: {header(response, 'Vary') or '(none)'}",
            )
        if "private" not in header(response, "Cache-Control").lower():
            fail(
                expected=f"Cache-Control: private on {which}",
                got=f"Cache-Control: {header(response, 'Cache-Control') or '(none)'}",
            )
