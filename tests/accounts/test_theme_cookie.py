"""The `theme` cookie: how a static page's script learns the theme the server keeps."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tests.factories import user_create

pytestmark = pytest.mark.django_db

PREFERENCES = {"display_name": "", "diet": [], "max_spice": "3"}
YEAR = 60 * 60 * 24 * 365


def save_theme(client: Client, theme: str) -> HttpResponse:
    return client.post(reverse("accounts:preferences"), PREFERENCES | {"theme": theme})


def test_saving_a_theme_signed_in_sets_a_cookie_scripts_can_read(client: Client) -> None:
    client.force_login(user_create())

    response = save_theme(client, "dark")

    cookie = response.cookies["theme"]
    assert cookie.value == "dark"
    assert cookie["path"] == "/"
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == YEAR
    assert not cookie["httponly"]
    assert not cookie["secure"]


def test_the_cookie_is_secure_where_the_session_cookie_is(client: Client, settings) -> None:
    settings.SESSION_COOKIE_SECURE = True

    response = save_theme(client, "light")

    assert response.cookies["theme"]["secure"]


def test_a_stranger_saving_a_theme_gets_the_cookie_and_same_as_my_device_deletes_it(
    client: Client,
) -> None:
    assert save_theme(client, "light").cookies["theme"].value == "light"

    cleared = save_theme(client, "system").cookies["theme"]

    assert cleared.value == ""
    assert cleared["max-age"] == 0
    assert "theme" not in client.cookies or not client.cookies["theme"].value


def test_logging_in_sets_the_cookie_to_the_accounts_saved_theme(client: Client) -> None:
    user_create("gus", theme="dark")

    response = client.post(
        reverse("accounts:login"), {"username": "gus", "password": "pw-for-tests"}
    )

    assert response.status_code == 302
    assert response.cookies["theme"].value == "dark"


def test_logging_out_deletes_the_cookie(client: Client) -> None:
    client.force_login(user_create(theme="dark"))
    save_theme(client, "dark")

    response = client.post(reverse("accounts:logout"))

    assert response.cookies["theme"].value == ""
    assert response.cookies["theme"]["max-age"] == 0


def test_a_page_that_shows_the_theme_corrects_a_stale_cookie(client: Client) -> None:
    client.cookies["theme"] = "dark"

    response = client.get(reverse("menu:list"))

    assert response.cookies["theme"]["max-age"] == 0


def test_a_response_that_never_read_the_preferences_leaves_the_cookie_alone(
    client: Client, django_assert_num_queries
) -> None:
    client.cookies["theme"] = "dark"

    with django_assert_num_queries(0):
        response = client.get("/api/server/")

    assert not response.cookies


def test_a_cookie_already_in_step_is_not_sent_again(client: Client) -> None:
    client.force_login(user_create(theme="light"))
    client.cookies["theme"] = "light"

    response = client.get(reverse("menu:list"))

    assert "theme" not in response.cookies
