"""Exercise 11: the chef runs the kitchen from the admin's dish list."""

from django.urls import reverse

from exercises.grading import check, expect_in, expect_not_in, fail
from exercises.grading.site import body, browser, expect_status, header, post_form, signed_in, text
from menu.models import Dish

COLUMNS = {
    "category": "Category",
    "price": "Price",
    "available": "Available",
    "special": "Today's special",
}


def dish_list_url() -> str:
    return reverse("admin:menu_dish_changelist")


def dish_list(query: str = "") -> str:
    response = signed_in("chef").get(dish_list_url() + query)
    expect_status(response, 200, what=f"the dish list {dish_list_url()}{query} as chef")
    return response.content.decode()


@check(hint="A model shows in the admin once it is registered in menu/admin.py.")
def chef_sees_the_dishes():
    """The chef, signed in to the admin, sees a list of the dishes."""
    expect_in("Red lentil soup", text(signed_in("chef").get(dish_list_url())), where="the list")


@check(
    needs=chef_sees_the_dishes,
    hint="A ModelAdmin's list_display names the columns of the list, in order.",
)
def list_has_the_kitchens_columns():
    """The dish list has columns for the category, the price, availability and today's special."""
    page = dish_list()
    missing = [label for name, label in COLUMNS.items() if f"column-{name}" not in page]
    if missing:
        fail(
            expected="columns " + ", ".join(COLUMNS.values()),
            got="no column for " + ", ".join(missing),
        )


@check(
    needs=list_has_the_kitchens_columns,
    hint="list_editable makes a column's values editable in the list itself, "
    "with one Save button for the page.",
)
def availability_is_ticked_in_the_list():
    """The chef can tick Available and Today's special in the list, without opening each dish."""
    page = dish_list()
    for name in ("available", "special"):
        if f'name="form-0-{name}"' not in page:
            fail(
                expected=f"a checkbox for {COLUMNS[name]} on each row",
                got="the column shows the value, but it cannot be changed there",
            )


@check(
    needs=chef_sees_the_dishes,
    hint="list_filter adds a sidebar of filters; each field named there gets its own.",
)
def filters_by_category_and_availability():
    """The chef can filter the list by category and by availability."""
    page = dish_list()
    missing = [f"By {name}" for name in ("category", "available") if f"By {name}" not in page]
    if missing:
        fail(
            expected="filters By category and By available beside the list",
            got="no filter " + " or ".join(repr(name) for name in missing),
        )
    drinks = text(signed_in("chef").get(dish_list_url() + "?category__exact=drink"))
    expect_in("Fresh lemonade", drinks, where="the list filtered to drinks")
    expect_not_in("Tiramisu", drinks, where="the list filtered to drinks")


@check(
    needs=chef_sees_the_dishes,
    hint="search_fields makes the admin show a search box that looks in the fields named.",
)
def searches_by_name():
    """The chef can search the list by a dish's name."""
    if 'id="searchbar"' not in dish_list():
        fail(expected="a search box above the list", got="none")
    found = text(signed_in("chef").get(dish_list_url() + "?q=lentil"))
    expect_in("Red lentil soup", found, where="the results of searching for 'lentil'")
    if "Tiramisu" in found:
        fail(expected="only the lentil soup when searching for 'lentil'", got="every dish")


@check(
    needs=chef_sees_the_dishes,
    hint="An admin action is a method of the ModelAdmin decorated with @admin.action and "
    "named in its actions list; name it mark_sold_out and make it set available to False.",
)
def mark_sold_out():
    """Selecting dishes and choosing "mark sold out" takes them off the live menu."""
    squid, soup = (
        Dish.objects.get(slug="crispy-chilli-squid"),
        Dish.objects.get(slug="red-lentil-soup"),
    )
    takeout = body(browser().get("/takeout/"))
    chef = signed_in("chef")
    try:
        response = post_form(
            chef,
            dish_list_url(),
            {"action": "mark_sold_out", "_selected_action": [squid.pk, soup.pk], "index": 0},
        )
        if response.status_code >= 400:
            fail(expected="the action to run", got=f"{response.status_code} from the admin")
        still = list(Dish.objects.filter(pk__in=[squid.pk, soup.pk], available=True))
        if still:
            fail(
                expected="both selected dishes sold out (Available unticked)",
                got="still available: " + ", ".join(dish.name for dish in still),
            )
        menu = text(browser().get("/menu/"))
        expect_not_in("Crispy chilli squid", menu, where="the live menu after selling out")
        if body(browser().get("/takeout/")) != takeout:
            fail(expected="the printed /takeout/ unchanged", got="a different file")
    finally:
        Dish.objects.filter(pk__in=[squid.pk, soup.pk]).update(available=True)


@check(
    hint="The admin lets in only accounts with is_staff; Django does that for you unless "
    "a view of your own skips admin.site.admin_view or the staff check.",
)
def visitors_are_refused():
    """A visitor who is not staff, signed in or not, is sent to the admin's log-in page."""
    for who, client in (("a stranger", browser()), ("maya (not staff)", signed_in("maya"))):
        response = client.get(dish_list_url())
        location = header(response, "Location")
        if response.status_code != 302 or "/admin/login/" not in location:
            fail(
                expected=f"{who} redirected to /admin/login/",
                got=f"{response.status_code} {location}".strip(),
            )
