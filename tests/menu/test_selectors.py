"""Reading the menu for a visitor: what fits, what comes first, what to recommend."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Preferences
from menu.models import Dish, DishView, Favourite
from menu.selectors import (
    fit_problems,
    fitting_dishes_q,
    is_favourite,
    menu_sections,
    recent_dishes,
    recommended_dishes,
)
from tests.factories import dish_create, user_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dish", "preferences", "problems"),
    [
        ({"vegetarian": True}, {"vegetarian": True}, []),
        ({}, {"vegetarian": True}, ["not vegetarian"]),
        ({"vegetarian": True}, {"vegan": True}, ["not vegan"]),
        ({"vegetarian": True, "vegan": True}, {"vegan": True, "vegetarian": True}, []),
        ({}, {"gluten_free": True}, ["contains gluten"]),
        ({"spice_level": 3}, {"max_spice": 2}, ["too spicy for you"]),
        ({"spice_level": 2}, {"max_spice": 2}, []),
        (
            {"spice_level": 3},
            {"vegetarian": True, "gluten_free": True, "max_spice": 0},
            ["not vegetarian", "contains gluten", "too spicy for you"],
        ),
    ],
)
def test_fit_problems_name_every_reason_a_dish_does_not_suit(dish, preferences, problems) -> None:
    assert fit_problems(dish=Dish(**dish), preferences=Preferences(**preferences)) == problems


@pytest.mark.parametrize(
    "preferences",
    [{}, {"vegetarian": True}, {"vegan": True}, {"gluten_free": True, "max_spice": 1}],
)
def test_database_filter_agrees_with_fit_problems(preferences) -> None:
    for vegetarian, vegan, gluten_free, spice in [
        (False, False, False, 0),
        (True, False, True, 1),
        (True, True, False, 2),
        (True, True, True, 3),
    ]:
        dish_create(vegetarian=vegetarian, vegan=vegan, gluten_free=gluten_free, spice_level=spice)
    taste = Preferences(**preferences)

    in_sql = set(Dish.objects.filter(fitting_dishes_q(preferences=taste)))

    assert in_sql == {d for d in Dish.objects.all() if not fit_problems(dish=d, preferences=taste)}


def test_menu_puts_specials_on_top_then_courses_in_menu_order() -> None:
    dish_create(name="Sorbet", category=Dish.Category.DESSERT)
    dish_create(name="Soup", category=Dish.Category.STARTER)
    dish_create(name="Curry", category=Dish.Category.MAIN, special=True)
    dish_create(name="Gone", category=Dish.Category.MAIN, available=False)

    sections = menu_sections(preferences=Preferences(), favourite_ids=set())

    assert [(s.title, [e.dish.name for e in s.entries]) for s in sections] == [
        ("Today's specials", ["Curry"]),
        ("Starters", ["Soup"]),
        ("Mains", ["Curry"]),
        ("Desserts", ["Sorbet"]),
    ]


def test_menu_lists_dishes_that_fit_first_and_marks_favourites() -> None:
    beef = dish_create(name="Beef", spice_level=3)
    dish_create(name="Rice", vegetarian=True)

    sections = menu_sections(preferences=Preferences(vegetarian=True), favourite_ids={beef.pk})

    mains = sections[0].entries
    assert [(e.dish.name, e.fits, e.favourite) for e in mains] == [
        ("Rice", True, False),
        ("Beef", False, True),
    ]
    assert mains[1].problems == ["not vegetarian"]


def test_recent_dishes_are_the_last_five_viewed_newest_first() -> None:
    user = user_create()
    dishes = [dish_create() for _ in range(7)]
    for minute, dish in enumerate(dishes):
        DishView.objects.create(user=user, dish=dish, viewed_at=f"2026-11-21T12:{minute:02d}:00Z")

    assert recent_dishes(user=user) == dishes[:1:-1][:5]


def test_recommendations_fit_are_unseen_and_most_favoured_first() -> None:
    user = user_create()
    seen = dish_create(name="Seen", vegetarian=True)
    dish_create(name="Meat")
    liked = dish_create(name="Liked", vegetarian=True)
    dish_create(name="Plain", vegetarian=True)
    DishView.objects.create(user=user, dish=seen, viewed_at="2026-11-21T12:00:00Z")
    for _ in range(2):
        Favourite.objects.create(user=user_create(), dish=liked)

    recommended = recommended_dishes(user=user, preferences=Preferences(vegetarian=True))

    assert [dish.name for dish in recommended] == ["Liked", "Plain"]


def test_is_favourite_is_per_user_and_false_for_strangers() -> None:
    fan, other, dish = user_create(), user_create(), dish_create()
    Favourite.objects.create(user=fan, dish=dish)

    assert is_favourite(user=fan, dish=dish) is True
    assert is_favourite(user=other, dish=dish) is False
    assert is_favourite(user=AnonymousUser(), dish=dish) is False
