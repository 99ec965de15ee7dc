"""Counting requests against a rate limit, without HTTP."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.utils import timezone

from throttling.models import RateLimitWindow
from throttling.services import Rate, rate_limit_hit, window_start

pytestmark = pytest.mark.django_db

THREE_AN_HOUR = Rate(limit=3, period=timedelta(hours=1))


def test_requests_within_the_limit_pass_and_the_next_is_told_when_to_retry() -> None:
    answers = [
        rate_limit_hit(scope="reset", client="sam@example.test", rate=THREE_AN_HOUR)
        for _ in range(5)
    ]

    assert answers[:3] == [None, None, None]
    assert all(0 < seconds <= 3600 for seconds in answers[3:])


def test_each_client_and_each_scope_has_its_own_count() -> None:
    for _ in range(3):
        rate_limit_hit(scope="reset", client="sam@example.test", rate=THREE_AN_HOUR)

    assert rate_limit_hit(scope="reset", client="ann@example.test", rate=THREE_AN_HOUR) is None
    assert rate_limit_hit(scope="signup", client="sam@example.test", rate=THREE_AN_HOUR) is None
    assert rate_limit_hit(scope="reset", client="sam@example.test", rate=THREE_AN_HOUR)


def test_the_client_is_stored_only_as_a_keyed_hash() -> None:
    rate_limit_hit(scope="reset", client="sam@example.test", rate=THREE_AN_HOUR)

    window = RateLimitWindow.objects.get()
    assert "sam" not in window.key
    assert len(window.key) == 64


def test_windows_that_ended_are_deleted_as_new_ones_start() -> None:
    ended = timezone.now() - timedelta(minutes=1)
    RateLimitWindow.objects.create(
        scope="reset", key="0" * 64, starts_at=ended - timedelta(hours=1), ends_at=ended, hits=9
    )

    rate_limit_hit(scope="reset", client="sam@example.test", rate=THREE_AN_HOUR)

    assert list(RateLimitWindow.objects.values_list("hits", flat=True)) == [1]


def at(hour: int, minute: int, second: int) -> datetime:
    return datetime(2026, 11, 22, hour, minute, second, tzinfo=dt_timezone.utc)


@pytest.mark.parametrize(
    ("moment", "period", "start"),
    [
        (
            at(10, 59, 59),
            timedelta(hours=1),
            "10:00:00",
        ),
        (at(11, 0, 0), timedelta(hours=1), "11:00:00"),
        (
            at(11, 7, 30),
            timedelta(minutes=5),
            "11:05:00",
        ),
    ],
)
def test_a_window_starts_on_a_whole_period(moment: datetime, period: timedelta, start: str) -> None:
    assert window_start(moment, period).strftime("%H:%M:%S") == start
