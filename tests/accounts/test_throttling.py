"""Log-in throttling: repeated failures from one client get it refused for a while, with 429."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from accounts.selectors import client_ip
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


factory = RequestFactory()


def test_client_ip_is_the_connection_address_when_no_proxy_is_trusted() -> None:
    request = factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(request) == "192.0.2.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "10.0.0.2", "192.0.2.1"),
        (1, "", "192.0.2.1"),
    ],
)
def test_client_ip_behind_proxies_takes_the_entry_the_proxies_wrote(
    proxies: int, forwarded: str, expected: str
) -> None:
    request = factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)

    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
