"""Exercise 04: a dish's address answers with the right status line, and a renamed dish
keeps its old address, moved for good."""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from urllib.parse import urlsplit

from django.http import HttpResponse

from exercises.grading import check, expect_in, fail
from exercises.grading.errors import describe_error
from exercises.grading.site import (
    browser,
    expect_status,
    header,
    post_form,
    signed_in,
    status_line,
    text,
)
from menu.models import Dish

DISH = "/menu/tiramisu/"
NO_DISH = "/menu/no-such-dish/"
# The heading of templates/404.html: the site's own page, not Django's bare "Not Found".
NOT_FOUND_HEADING = "404: nothing on the menu at this address"
# Headers that are about this one response, not about the page: they may differ.
PER_RESPONSE = {"date", "server-timing", "set-cookie"}


def address(slug: str) -> str:
    return f"/menu/{slug}/"


@contextmanager
def renamed(slug: str, *new_slugs: str) -> Iterator[Dish]:
    """The demo dish at `slug`, renamed to each of `new_slugs` in turn and saved each
    time, as the admin or the shell saves it; put back at `slug` afterwards."""
    dish = Dish.objects.get(slug=slug)
    try:
        for new_slug in new_slugs:
            dish.slug = new_slug
            try:
                dish.save()
            except Exception as error:
                fail(
                    expected=f"the dish {dish.name!r} to save with the new slug {new_slug!r}",
                    got=f"an error: {describe_error(error)}",
                    hint="Renaming a dish must still work: look at the code that runs "
                    "when a Dish is saved (its save(), a signal, a service).",
                )
        yield dish
    finally:
        # Put back without saving through the student's code: it is not under test here.
        Dish.objects.filter(pk=dish.pk).update(slug=slug)


def location(response: HttpResponse) -> str:
    """Where a redirect sends the browser, as a path when it points at this site."""
    value = header(response, "Location")
    parts = urlsplit(value)
    if parts.netloc not in ("", "testserver"):
        return value
    return parts.path + (f"?{parts.query}" if parts.query else "")


def expect_moved_for_good(old: str, new: str, *, after: str) -> None:
    response = browser().get(old)
    expect_status(
        response,
        301,
        what=f"GET {old} {after}",
        hint="A dish's old slug is not a dish any more, so it cannot be found by slug: "
        "look it up among the old addresses and answer with a permanent redirect "
        "(redirect(..., permanent=True)) to the dish's get_absolute_url().",
    )
    target = location(response)
    if target != new:
        fail(
            expected=f"GET {old} to send the browser to {new} (the Location header)",
            got=f"Location: {target}" if target else "no Location header",
            hint="Build the address from the dish as it is now, with dish.get_absolute_url(): "
            "not from the slug that was asked for, and not from the address it had before.",
        )


@check(hint="Run `make dev`, open /menu/tiramisu/ and read the error in the terminal.")
def dish_page_answers():
    """A dish's page, /menu/tiramisu/, answers a GET with 200 OK."""
    expect_status(browser().get(DISH), 200, what=f"GET {DISH}")


@check(
    hint="Dish.objects.get() raises Dish.DoesNotExist when no dish has the slug, and an "
    "exception nobody catches is a 500. get_object_or_404() turns it into an Http404, "
    "which Django answers with templates/404.html.",
)
def unknown_dish_is_not_found():
    """An address with no dish, /menu/no-such-dish/, answers 404 with the site's own page."""
    response = browser().get(NO_DISH)
    expect_status(response, 404, what=f"GET {NO_DISH}")
    expect_in(NOT_FOUND_HEADING, text(response), where=f"the page sent for {NO_DISH}")


@check(
    needs=dish_page_answers,
    hint="HEAD asks for the headers a GET would get, without the body (curl -I sends one). "
    "Which methods does the decorator on dish_detail let through? A page that only shows "
    "something takes the two safe methods, GET and HEAD.",
)
def head_is_answered():
    """HEAD on a dish's page answers 200 with the same headers as GET and no body."""
    got = browser().get(DISH)
    head = browser().head(DISH)
    expect_status(head, 200, what=f"HEAD {DISH}")
    if head.content:
        fail(
            expected=f"no body in the answer to HEAD {DISH}",
            got=f"a body of {len(head.content)} bytes",
        )
    sent = {name.lower() for name in head.headers} | PER_RESPONSE
    missing = sorted(name for name in got.headers if name.lower() not in sent)
    if missing:
        fail(
            expected=f"the same headers for HEAD {DISH} as for GET",
            got=f"HEAD without {', '.join(missing)}",
        )
    if header(head, "Content-Type") != header(got, "Content-Type"):
        fail(
            expected=f"Content-Type: {header(got, 'Content-Type')} for HEAD, as for GET",
            got=f"Content-Type: {header(head, 'Content-Type') or 'none'}",
        )


@check(
    needs=dish_page_answers,
    hint="A dish's page only shows the dish: nothing may be POSTed to it. State the methods "
    "the view takes with a decorator from django.views.decorators.http; it answers any "
    "other with 405 and an Allow header listing the ones it takes.",
)
def post_is_refused():
    """A POST to a dish's page (with its CSRF token) answers 405, with Allow: GET, HEAD."""
    # Signed in, the page has the favourites form, so the POST carries a CSRF token and
    # reaches the view: without one, the CSRF middleware would answer 403 first.
    response = post_form(signed_in("maya"), DISH, {"action": "add"})
    expect_status(response, 405, what=f"POST {DISH} with a CSRF token")
    allow = header(response, "Allow")
    methods = {method.strip().upper() for method in allow.split(",") if method.strip()}
    if not {"GET", "HEAD"} <= methods or "POST" in methods:
        fail(
            expected="an Allow header naming GET and HEAD, and not POST",
            got=f"Allow: {allow}" if allow else "no Allow header",
        )


@check(
    needs=[dish_page_answers, unknown_dish_is_not_found],
    hint="Keep each slug a dish leaves behind (a model of its own, saved whenever a Dish "
    "is saved with a slug it did not have before: admin or shell), and let dish_detail "
    "look there when no dish has the slug.",
)
def renamed_dish_moves_for_good():
    """A dish renamed in the kitchen answers at its old address with a 301 to its new one."""
    with renamed("tiramisu", "tiramisu-classico"):
        expect_moved_for_good(
            DISH, address("tiramisu-classico"), after="once the dish's slug is tiramisu-classico"
        )
        response = browser().get(address("tiramisu-classico"))
        expect_status(response, 200, what="GET /menu/tiramisu-classico/, the new address")
        expect_in("Tiramisu", text(response), where="the page at /menu/tiramisu-classico/")


@check(
    needs=renamed_dish_moves_for_good,
    hint="Point each old slug at the dish itself, not at the slug that replaced it: then "
    "every old address leads to wherever the dish is now, in one redirect.",
)
def renamed_twice_moves_in_one_step():
    """A dish renamed twice answers at its first address with one 301 to the current one."""
    first, second, now = "red-lentil-soup", "lentil-soup", "lemon-lentil-soup"
    with renamed(first, second, now):
        expect_moved_for_good(address(first), address(now), after="after two renames")
        expect_moved_for_good(address(second), address(now), after="after two renames")


@check(
    needs=renamed_dish_moves_for_good,
    hint="Look for a dish with the slug first, and among the old addresses only when "
    "there is none: a dish that has the address now wins over one that had it before.",
)
def new_dish_takes_an_old_address():
    """A new dish given a renamed dish's old slug is shown at that address, with no redirect."""
    with renamed("mango-sorbet", "mango-ice"):
        newcomer = Dish.objects.create(
            name="Mango sorbet with chilli salt",
            slug="mango-sorbet",
            category=Dish.Category.DESSERT,
            price=Decimal("5.50"),
        )
        try:
            response = browser().get(address("mango-sorbet"))
            expect_status(response, 200, what="GET /menu/mango-sorbet/, the new dish's own address")
            expect_in(newcomer.name, text(response), where="the page at /menu/mango-sorbet/")
        finally:
            newcomer.delete()


@check(
    needs=renamed_dish_moves_for_good,
    hint="When a dish is given back a slug it had before, its address must answer 200 "
    "again: the dish that has a slug now comes before any old address.",
)
def renamed_back_answers_again():
    """A dish given back its first slug answers 200 there, and its second slug redirects to it."""
    with renamed("masala-chai", "chai", "masala-chai"):
        response = browser().get(address("masala-chai"))
        if response.status_code != 200:
            target = location(response)
            got = status_line(response)
            if target == address("masala-chai"):
                got += " to /menu/masala-chai/ itself: a loop a browser follows until it gives up"
            elif target:
                got += f" to {target}"
            fail(
                expected="200 for GET /menu/masala-chai/ once the dish has that slug again", got=got
            )
        expect_moved_for_good(
            address("chai"), address("masala-chai"), after="once the dish is back at masala-chai"
        )
