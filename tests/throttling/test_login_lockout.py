"""Log-in throttling: repeated failures get an account, or at worst an address,
refused for a while with 429, and nothing a visitor can do clears another
account's failures."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from tests.factories import user_create

pytestmark = pytest.mark.django_db

SITE_LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")
WRONG = {"username": "sam", "password": "not-the-password"}
RIGHT = {"username": "sam", "password": "pw-for-tests"}


def fail_until_the_limit(client: Client, url: str, **extra: str) -> list[int]:
    return [
        client.post(url, WRONG, **extra).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]


@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN])
def test_a_client_that_keeps_failing_is_refused_even_with_the_right_password(
    client: Client, url: str
) -> None:
    user_create("sam")

    failures = fail_until_the_limit(client, url)
    refused = client.post(url, RIGHT)

    assert failures[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "<h1>429: too many failed log-ins</h1>" in html
    assert "for 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_the_lockout_covers_the_site_and_the_admin_together(client: Client) -> None:
    user_create("sam")

    fail_until_the_limit(client, SITE_LOGIN)

    assert client.post(ADMIN_LOGIN, RIGHT).status_code == 429


def test_another_client_can_still_log_in(client: Client) -> None:
    user_create("sam")
    fail_until_the_limit(client, SITE_LOGIN)

    elsewhere = Client(REMOTE_ADDR="203.0.113.9").post(SITE_LOGIN, RIGHT)

    assert elsewhere.status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client: Client) -> None:
    user_create("sam")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(SITE_LOGIN, WRONG)
    client.post(SITE_LOGIN, RIGHT)
    client.post(reverse("accounts:logout"))

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(SITE_LOGIN, WRONG)

    assert client.post(SITE_LOGIN, RIGHT).status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(client: Client) -> None:
    user_create("sam")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(SITE_LOGIN, WRONG, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    assert client.post(SITE_LOGIN, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_clients_are_told_apart_by_the_address_it_forwards(
    client: Client,
) -> None:
    user_create("sam")
    fail_until_the_limit(client, SITE_LOGIN, HTTP_X_FORWARDED_FOR="198.51.100.7")

    locked = client.post(SITE_LOGIN, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7")
    other = client.post(SITE_LOGIN, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert locked.status_code == 429
    assert other.status_code == 302


def test_logging_in_to_your_own_account_does_not_clear_the_guesses_at_another(
    client: Client,
) -> None:
    """The bypass: four guesses at chef, one log-in of your own, again and again."""
    user_create("chef")
    user_create("mallory")
    own = {"username": "mallory", "password": "pw-for-tests"}
    guesses = []
    for _ in range(5):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            guess = {"username": "chef", "password": f"guess-{len(guesses)}"}
            guesses.append(client.post(SITE_LOGIN, guess).status_code)
        client.post(SITE_LOGIN, own)
        client.post(reverse("accounts:logout"))

    assert guesses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(guesses[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
    assert (
        client.post(SITE_LOGIN, {"username": "chef", "password": "pw-for-tests"}).status_code == 429
    )


def test_signing_up_does_not_clear_the_guesses_at_another_account(client: Client) -> None:
    user_create("chef")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(SITE_LOGIN, {"username": "chef", "password": f"guess-{n}"})
    password = "a-long-passphrase-for-tests"
    client.post(
        reverse("accounts:signup"),
        {"username": "mallory", "password1": password, "password2": password},
    )
    client.post(reverse("accounts:logout"))

    assert client.post(SITE_LOGIN, {"username": "chef", "password": "guess"}).status_code == 429


def test_one_students_typos_lock_only_their_account_not_the_classroom(client: Client) -> None:
    for name in ("sam", "ann", "chef"):
        user_create(name)
    User.objects.filter(username="chef").update(is_staff=True, is_superuser=True)
    classmate, teacher = Client(), Client()

    # More presses than the ceiling for the whole address: refused ones do not count.
    presses = settings.LOGIN_ADDRESS_FAILURE_LIMIT + 10
    typos = [client.post(SITE_LOGIN, WRONG).status_code for _ in range(presses)]
    ann = classmate.post(SITE_LOGIN, {"username": "ann", "password": "pw-for-tests"})
    chef = teacher.post(ADMIN_LOGIN, {"username": "chef", "password": "pw-for-tests"})

    assert typos[settings.AXES_FAILURE_LIMIT :] == [429] * (presses - settings.AXES_FAILURE_LIMIT)
    assert client.post(SITE_LOGIN, RIGHT).status_code == 429
    assert ann.status_code == 302
    assert chef.status_code == 302
    assert teacher.get(reverse("admin:index")).status_code == 200


def test_an_address_guessing_at_many_accounts_is_refused_as_a_whole(client: Client) -> None:
    user_create("sam")
    ceiling = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    sprayed = [
        client.post(SITE_LOGIN, {"username": f"user{n}", "password": "Summer2026!"}).status_code
        for n in range(ceiling)
    ]

    refused = client.post(SITE_LOGIN, RIGHT)
    elsewhere = Client(REMOTE_ADDR="203.0.113.9").post(SITE_LOGIN, RIGHT)

    assert sprayed[:-1] == [200] * (ceiling - 1)
    assert refused.status_code == 429
    assert f"There were {ceiling} failed log-ins from your address" in refused.content.decode()
    assert elsewhere.status_code == 302


def test_the_lockout_page_for_one_account_says_others_can_still_log_in(client: Client) -> None:
    user_create("sam")
    fail_until_the_limit(client, SITE_LOGIN)

    page = client.post(SITE_LOGIN, RIGHT)

    assert "Other accounts can still log in from your address" in page.content.decode()


def test_a_new_ipv6_address_for_every_guess_does_not_escape_the_ceiling() -> None:
    user_create("sam")
    ceiling = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    for n in range(ceiling):
        guesser = Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")
        guesser.post(SITE_LOGIN, {"username": f"user{n}", "password": "Summer2026!"})

    same_network = Client(REMOTE_ADDR="2001:db8:1:2::ffff").post(SITE_LOGIN, RIGHT)
    next_network = Client(REMOTE_ADDR="2001:db8:1:3::1").post(SITE_LOGIN, RIGHT)

    assert same_network.status_code == 429
    assert next_network.status_code == 302


@pytest.mark.parametrize("login", ["accounts:login", "admin:login"])
def test_a_username_longer_than_any_account_is_refused_and_counted_cut_short(
    client: Client, login: str
) -> None:
    response = client.post(reverse(login), {"username": "x" * 10_000, "password": "guess"})

    assert response.status_code == 200
    assert "form" in response.content.decode()
    assert AccessAttempt.objects.get().username == "x" * 255
