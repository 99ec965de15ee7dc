"""Exercise 10: the live menu asks the database the same number of questions for 5 dishes or 50."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from exercises.grading import check, fail
from exercises.grading.site import expect_status, signed_in, text
from menu.models import Dish, Favourite


def menu_with(count: int) -> tuple[int, str]:
    """Maya's /menu/ with exactly `count` dishes on it, every third one her favourite:
    how many SQL queries it took and what the page said."""
    maya = User.objects.get(username="maya")
    Dish.objects.filter(available=True).update(available=False)
    for number in range(count):
        dish = Dish.objects.create(
            name=f"Test dish {number:02}",
            slug=f"test-dish-{number:02}",
            category=Dish.Category.MAIN,
            price=Decimal("9.00"),
            vegetarian=True,
        )
        if number % 3 == 0:
            Favourite.objects.create(user=maya, dish=dish)
    client = signed_in("maya")
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/menu/")
        expect_status(response, 200, what="GET /menu/ signed in as maya")
        return len(queries), text(response)
    finally:
        Dish.objects.filter(slug__startswith="test-dish-").delete()
        Dish.objects.exclude(slug__startswith="test-dish-").update(available=True)


@check(hint="Run `make dev`, sign in as maya and open /menu/: the terminal shows the error.")
def menu_answers():
    """The live menu answers a signed-in visitor with 200."""
    expect_status(signed_in("maya").get("/menu/"), 200, what="GET /menu/ signed in as maya")


@check(
    needs=menu_answers,
    hint="The star comes from MenuEntry.favourite: it must still be true for each of "
    "the visitor's favourites once you stop asking the database dish by dish.",
)
def favourites_are_starred():
    """Each of a visitor's favourite dishes is starred on the live menu, and only those."""
    _, page = menu_with(6)
    starred = [f"Test dish {n:02} ★ favourite" for n in range(6) if n % 3 == 0]
    for name in starred:
        if name not in page:
            fail(expected=f"{name!r} on maya's menu", got="the dish without its star")
    if "Test dish 01 ★" in page:
        fail(expected="no star on Test dish 01", got="a star on a dish maya never favourited")


@check(
    needs=menu_answers,
    hint="The page's footer and its Server-Timing header count the queries: add dishes in "
    "the admin and watch the count grow. One more query per dish means a question asked "
    "inside a loop; ask once, before the loop, for all the visitor's favourite dish ids.",
)
def same_number_of_queries():
    """The live menu takes as many SQL queries for 50 dishes as for 5."""
    five, _ = menu_with(5)
    fifty, _ = menu_with(50)
    if fifty != five:
        fail(
            expected=f"the same number of queries for 50 dishes as for 5 ({five})",
            got=f"{fifty} queries for 50 dishes, {five} for 5: "
            f"{(fifty - five) / 45:.0f} more for each extra dish",
        )
