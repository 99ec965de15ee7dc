"""/api/menu/ gives a static page's script the live menu as data, for the same visitor."""

import pytest
from django.test import Client
from django.urls import reverse

from menu.demo import dishes_load
from menu.models import Dish, Favourite
from tests.factories import dish_create, user_create

pytestmark = pytest.mark.django_db

URL = "/api/menu/"


def listed(sections: list[dict]) -> list[tuple[str, list[str]]]:
    """Each section of the JSON as (title, dish slugs in order)."""
    return [(s["title"], [dish["slug"] for dish in s["dishes"]]) for s in sections]


def listed_by_the_live_menu(client: Client) -> list[tuple[str, list[str]]]:
    """Each section that /menu/ renders for this client, as (title, dish slugs in order)."""
    sections = client.get(reverse("menu:list")).context["sections"]
    return [(section.title, [entry.dish.slug for entry in section.entries]) for section in sections]


def test_a_dish_carries_the_fields_a_page_script_needs(client: Client) -> None:
    dish_create(
        name="Pumpkin soup",
        slug="pumpkin-soup",
        category=Dish.Category.STARTER,
        price="4.5",
        description="Roast pumpkin and sage.",
        vegetarian=True,
        gluten_free=True,
        spice_level=1,
    )

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "visitor": {"signed_in": False, "name": ""},
        "preferences_set": False,
        "sections": [
            {
                "title": "Starters",
                "dishes": [
                    {
                        "slug": "pumpkin-soup",
                        "name": "Pumpkin soup",
                        "url": "/menu/pumpkin-soup/",
                        "price": "4.50",
                        "description": "Roast pumpkin and sage.",
                        "vegetarian": True,
                        "vegan": False,
                        "gluten_free": True,
                        "spice_level": 1,
                        "favourite": False,
                        "problems": [],
                    }
                ],
            }
        ],
    }


def test_signed_in_visitor_gets_the_dishes_of_their_live_menu_in_its_order(client: Client) -> None:
    dishes_load()
    Dish.objects.filter(slug="tiramisu").update(special=True)
    maya = user_create("maya", display_name="Maya", vegetarian=True, max_spice=2)
    Favourite.objects.create(user=maya, dish=Dish.objects.get(slug="tiramisu"))
    client.force_login(maya)

    data = client.get(URL).json()

    assert listed(data["sections"]) == listed_by_the_live_menu(client)
    assert data["sections"][0]["title"] == "Today's specials"
    assert data["visitor"] == {"signed_in": True, "name": "Maya"}
    assert data["preferences_set"] is True
    dishes = {dish["slug"]: dish for section in data["sections"] for dish in section["dishes"]}
    assert [slug for slug, dish in dishes.items() if dish["favourite"]] == ["tiramisu"]
    assert dishes["fiery-beef-noodles"]["problems"] == ["not vegetarian", "too spicy for you"]


def test_stranger_gets_the_menu_their_session_preferences_shape(client: Client) -> None:
    dishes_load()
    client.post(
        reverse("accounts:preferences"),
        {"display_name": "Sam", "theme": "system", "diet": ["vegan"], "max_spice": "1"},
    )

    data = client.get(URL).json()

    assert listed(data["sections"]) == listed_by_the_live_menu(client)
    assert data["visitor"] == {"signed_in": False, "name": "Sam"}
    first_main = next(s for s in data["sections"] if s["title"] == "Mains")["dishes"][0]
    assert (first_main["slug"], first_main["problems"]) == ("chickpea-and-spinach-curry", [])
    assert not any(dish["favourite"] for s in data["sections"] for dish in s["dishes"])


def test_one_visitor_never_gets_anothers_favourites(client: Client) -> None:
    dishes_load()
    maya = user_create("maya")
    Favourite.objects.create(user=maya, dish=Dish.objects.get(slug="tiramisu"))
    client.force_login(user_create("gus"))

    data = client.get(URL).json()

    assert not any(dish["favourite"] for s in data["sections"] for dish in s["dishes"])


def test_stranger_gets_no_cookie_and_the_answer_is_kept_out_of_shared_caches(
    client: Client,
) -> None:
    dish_create()

    response = client.get(URL)

    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "Cookie" in response["Vary"]
    assert "private" in response["Cache-Control"]
    assert "app;dur=" in response["Server-Timing"]


def test_reading_the_menu_as_data_counts_no_visit(client: Client) -> None:
    user = user_create()
    client.force_login(user)

    client.get(URL)

    user.refresh_from_db()
    assert user.visit_count == 0
    assert "menu_visits" not in client.session


def test_post_is_refused_with_405(client: Client) -> None:
    response = client.post(URL)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
