"""The live menu over HTTP: built per request, per visitor, in a bounded number of queries."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from menu.demo import dishes_load
from menu.models import Dish, DishView, Favourite
from tests.factories import dish_create, user_create

pytestmark = pytest.mark.django_db


def test_menu_is_built_from_the_database_on_each_request(client: Client) -> None:
    dish_create(name="Pumpkin soup", price="4.75")

    html = client.get(reverse("menu:list")).content.decode()

    assert "Pumpkin soup" in html
    assert "$4.75" in html


def test_signed_in_visitor_is_greeted_and_sees_fits_and_favourites(client: Client) -> None:
    dishes_load()
    maya = user_create("maya", display_name="Maya", vegetarian=True)
    Favourite.objects.create(user=maya, dish=Dish.objects.get(slug="tiramisu"))
    client.force_login(maya)

    html = client.get(reverse("menu:list")).content.decode()

    assert "Welcome back, <strong>Maya</strong>" in html
    assert "Not for you: not vegetarian" in html
    assert "Suits you" in html
    assert html.count('title="One of your favourites"') == 1


def test_signed_in_visits_are_counted_in_the_database(client: Client) -> None:
    user = user_create()
    client.force_login(user)

    client.get(reverse("menu:list"))
    response = client.get(reverse("menu:list"))

    user.refresh_from_db()
    assert user.visit_count == 2
    assert "opened the live menu <strong>2</strong> times" in response.content.decode()


def test_stranger_visits_are_counted_per_browser_in_the_session(client: Client) -> None:
    client.get(reverse("menu:list"))
    response = client.get(reverse("menu:list"))

    assert client.session["menu_visits"] == 2
    html = response.content.decode()
    assert "This browser has opened the live menu <strong>2</strong> times" in html
    assert "another browser or a private window starts again at 1" in html
    assert Client().get(reverse("menu:list")).context["visits"] == 1


def test_plain_get_by_a_signed_in_user_does_not_rewrite_the_session(client: Client) -> None:
    dish = dish_create()
    client.force_login(user_create())

    for url in [reverse("menu:list"), dish.get_absolute_url(), reverse("accounts:dashboard")]:
        response = client.get(url)
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies, url


# session, user with preferences, favourite ids, dishes, and the visit count's
# one UPDATE ... RETURNING for the menu; favourites, recent and recommended for
# the dashboard.
@pytest.mark.parametrize(("url_name", "queries"), [("menu:list", 5), ("accounts:dashboard", 5)])
@pytest.mark.parametrize("dishes", [12, 200])
def test_page_runs_the_same_number_of_queries_whatever_the_number_of_dishes(
    client: Client, django_assert_num_queries, url_name: str, queries: int, dishes: int
) -> None:
    user = user_create(vegetarian=True)
    for n in range(dishes):
        dish = dish_create(vegetarian=n % 2 == 0, special=n % 5 == 0)
        if n % 3 == 0:
            Favourite.objects.create(user=user, dish=dish)
            DishView.objects.create(user=user, dish=dish, viewed_at=timezone.now())
    client.force_login(user)

    with django_assert_num_queries(queries):
        response = client.get(reverse(url_name))

    assert response.status_code == 200


def test_unknown_dish_gets_the_404_page(client: Client) -> None:
    response = client.get(reverse("menu:detail", kwargs={"slug": "no-such-dish"}))

    assert response.status_code == 404
    assert "404: nothing on the menu at this address" in response.content.decode()


def test_viewing_a_dish_signed_in_records_it_for_the_dashboard(client: Client) -> None:
    dish = dish_create(name="Tiramisu")
    client.force_login(user_create())

    client.get(dish.get_absolute_url())
    dashboard = client.get(reverse("accounts:dashboard")).context

    assert dashboard["recent"] == [dish]


def test_favourite_is_added_and_removed_by_post(client: Client) -> None:
    dish, user = dish_create(), user_create()
    client.force_login(user)
    url = reverse("menu:favorite", kwargs={"slug": dish.slug})

    added = client.post(url, {"action": "add"})
    assert Favourite.objects.filter(user=user, dish=dish).exists()
    client.post(url, {"action": "remove"})

    assert not Favourite.objects.filter(user=user, dish=dish).exists()
    assert added.status_code == 302
    assert added["Location"] == dish.get_absolute_url()


def test_favourite_refuses_get_csrf_less_posts_and_unknown_actions() -> None:
    dish, user = dish_create(), user_create()
    url = reverse("menu:favorite", kwargs={"slug": dish.slug})
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    lenient = Client()
    lenient.force_login(user)

    assert lenient.get(url).status_code == 405
    assert strict.post(url, {"action": "add"}).status_code == 403
    assert lenient.post(url, {"action": "eat"}).status_code == 400
    assert not Favourite.objects.exists()


def test_favourite_ignores_an_off_site_next(client: Client) -> None:
    dish = dish_create()
    client.force_login(user_create())
    url = reverse("menu:favorite", kwargs={"slug": dish.slug})

    response = client.post(url, {"action": "add", "next": "https://evil.example/"})

    assert response["Location"] == dish.get_absolute_url()


@pytest.mark.parametrize("target", ["x", "4", "true", "[]", "menu:list"])
def test_favourite_with_a_next_that_is_not_a_path_is_kept_and_goes_to_the_dish(
    client: Client, target: str
) -> None:
    dish, user = dish_create(), user_create()
    client.force_login(user)
    url = reverse("menu:favorite", kwargs={"slug": dish.slug})

    response = client.post(url, {"action": "add", "next": target})

    assert response.status_code == 302
    assert response["Location"] == dish.get_absolute_url()
    assert Favourite.objects.filter(user=user, dish=dish).exists()


def test_stranger_who_tries_to_favourite_is_sent_to_log_in(client: Client) -> None:
    dish = dish_create()

    response = client.post(reverse("menu:favorite", kwargs={"slug": dish.slug}), {"action": "add"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Favourite.objects.exists()


@pytest.mark.usefixtures("built_site")
def test_admin_price_edit_shows_on_the_live_menu_but_not_the_takeout_file(
    admin_client: Client,
) -> None:
    dishes_load()
    tiramisu = Dish.objects.get(slug="tiramisu")
    takeout_before = b"".join(admin_client.get("/takeout/").streaming_content)
    change_url = reverse("admin:menu_dish_change", args=[tiramisu.pk])
    form = admin_client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"price": "9.25", "category": tiramisu.category}
    # Seen once before the edit, so that the row is kept (config/fragments.py).
    live_before = admin_client.get(reverse("menu:list")).content.decode()

    response = admin_client.post(change_url, data)

    assert response.status_code == 302
    assert "$6.50" in live_before
    assert "$9.25" in admin_client.get(reverse("menu:list")).content.decode()
    takeout_after = b"".join(admin_client.get("/takeout/").streaming_content)
    assert takeout_after == takeout_before
    assert b"$6.50" in takeout_after
