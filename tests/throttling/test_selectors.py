"""Who the client is, and how often their address failed to log in."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.utils import timezone

from throttling.selectors import address_failure_count, client_ip

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


@pytest.mark.parametrize("forwarded", ["not-an-address", "<script>", "198.51.100.7:80", "::g"])
def test_client_ip_behind_a_proxy_ignores_an_entry_that_is_not_an_address(
    forwarded: str,
) -> None:
    request = factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)

    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "192.0.2.1"


@pytest.mark.parametrize(
    ("address", "counted"),
    [
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("2001:db8:1:3::1", "2001:db8:1:3::"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("192.0.2.7", "192.0.2.7"),
    ],
)
def test_an_ipv6_client_counts_as_its_whole_64_network(address: str, counted: str) -> None:
    assert client_ip(factory.get("/", REMOTE_ADDR=address)) == counted
    with override_settings(TRUSTED_PROXY_COUNT=1):
        request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)
        assert client_ip(request) == counted


@pytest.mark.django_db
def test_address_failure_count_adds_up_every_account_failed_from_the_address() -> None:
    now = timezone.now()
    for username, failures, minutes_ago in [("sam", 3, 1), ("ann", 2, 5), ("old", 4, 60)]:
        attempt = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.1", user_agent="", failures_since_start=failures
        )
        # attempt_time is set on creation; move it back by hand.
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=now - timedelta(minutes=minutes_ago)
        )
    AccessAttempt.objects.create(
        username="sam", ip_address="192.0.2.2", user_agent="", failures_since_start=9
    )

    since = now - timedelta(minutes=15)
    assert address_failure_count(ip_address="192.0.2.1", since=since) == 5
    assert address_failure_count(ip_address="203.0.113.1", since=since) == 0
