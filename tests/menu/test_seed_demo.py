"""`manage.py seed_demo`: the takeout menu's dishes and demo users, safe to run again."""

import html
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import User
from menu.models import Dish, Favourite

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seeding_twice_adds_nothing_the_second_time_and_keeps_admin_edits() -> None:
    first = seed()
    Dish.objects.filter(slug="tiramisu").update(price="9.25")
    second = seed()

    assert "13 dishes and 3 users added" in first
    assert "0 dishes and 0 users added" in second
    assert Dish.objects.count() == 13
    assert str(Dish.objects.get(slug="tiramisu").price) == "9.25"


def test_demo_users_have_different_preferences_and_can_sign_in() -> None:
    output = seed()

    maya, gus = User.objects.get(username="maya"), User.objects.get(username="gus")
    assert (maya.preferences.vegetarian, maya.preferences.max_spice) == (True, 3)
    assert (gus.preferences.gluten_free, gus.preferences.theme) == (True, "dark")
    assert User.objects.get(username="chef").is_superuser
    assert maya.check_password("maya-likes-it-hot")
    assert "maya  / maya-likes-it-hot" in output


def test_production_refuses_demo_users_but_loads_dishes_when_asked(settings) -> None:
    settings.ENVIRONMENT = "production"

    with pytest.raises(CommandError, match="Refusing to create demo users in production"):
        seed()
    assert not User.objects.exists()

    seed("--dishes-only")
    assert Dish.objects.count() == 13
    assert not User.objects.exists()


def test_demo_dishes_match_the_printed_takeout_menu() -> None:
    seed("--dishes-only")
    takeout = html.unescape((settings.PAGES_SOURCE_DIR / "takeout/index.html").read_text())
    printed = dict(re.findall(r'<th scope="row">([^<]+)<span.*?\$(\d+\.\d\d)', takeout, re.S))

    assert {dish.name: str(dish.price) for dish in Dish.objects.all()} == printed


def test_demo_users_start_with_favourites_that_are_not_the_special_and_maya_asked_for_mail() -> (
    None
):
    seed()

    def liked(username: str) -> set[str]:
        return set(
            Favourite.objects.filter(user__username=username).values_list("dish__name", flat=True)
        )

    assert liked("maya") == {"Wild mushroom risotto", "Margherita pizza"}
    assert liked("gus") == {"Red lentil soup", "Dark chocolate torte"}
    assert not Dish.objects.filter(special=True, favourites__isnull=False).exists()
    assert User.objects.get(username="maya").preferences.email_notifications


def test_seeding_again_does_not_bring_back_a_favourite_maya_removed() -> None:
    seed()
    Favourite.objects.filter(user__username="maya", dish__slug="margherita-pizza").delete()

    seed()

    assert not Favourite.objects.filter(
        user__username="maya", dish__slug="margherita-pizza"
    ).exists()
