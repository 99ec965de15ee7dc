"""Sessions do not outlive their use, and expired ones go without anyone running a command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import CLEAR_EVERY_SECONDS, SessionStore
from tests.factories import user_create

pytestmark = pytest.mark.django_db

DAY = 60 * 60 * 24


def expires_in(client: Client) -> float:
    """Seconds until the client's session row expires."""
    session = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    return (session.expire_date - timezone.now()).total_seconds()


def stranger_comes_back(client: Client | None = None) -> Client:
    """A browser opens the live menu twice: its first visit stores nothing, its second
    stores its session."""
    client = client or Client()
    client.get(reverse("menu:list"))
    client.get(reverse("menu:list"))
    return client


@pytest.fixture
def clearing_due(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a process that has not cleared expired sessions for a while."""
    monkeypatch.setattr(SessionStore, "last_cleared", float("-inf"))


def test_a_strangers_session_lasts_a_day_after_it_last_changed(client: Client) -> None:
    response = client.get(reverse("menu:list"))
    stranger_comes_back(client)

    assert response.cookies["sessionid"]["max-age"] == settings.ANONYMOUS_SESSION_AGE == DAY
    assert DAY - 60 < expires_in(client) <= DAY


def test_a_browser_that_never_comes_back_leaves_no_session_behind() -> None:
    for _ in range(3):
        response = Client().get(reverse("menu:list"))

    assert response.cookies["sessionid"].value
    assert not Session.objects.exists()


def test_signing_in_keeps_the_session_for_two_weeks_and_logging_out_for_a_day(
    client: Client,
) -> None:
    user_create("sam")
    client.get(reverse("menu:list"))

    signed_in = client.post(
        reverse("accounts:login"), {"username": "sam", "password": "pw-for-tests"}
    )
    two_weeks = expires_in(client)
    signed_out = client.post(reverse("accounts:logout"))
    stranger_comes_back(client)

    assert signed_in.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE - 60 < two_weeks <= settings.SESSION_COOKIE_AGE
    assert "sessionid" in signed_out.cookies
    assert expires_in(client) <= DAY


@pytest.mark.usefixtures("clearing_due")
def test_a_new_session_deletes_the_expired_ones_and_keeps_the_live_ones() -> None:
    now = timezone.now()
    for key, expires in [("expired-a", -1), ("expired-b", -DAY), ("still-live", DAY)]:
        Session.objects.create(
            session_key=key.ljust(32, "x"),
            session_data="",
            expire_date=now + timedelta(seconds=expires),
        )

    stranger_comes_back()

    keys = set(Session.objects.values_list("session_key", flat=True))
    assert "expired-a".ljust(32, "x") not in keys
    assert "expired-b".ljust(32, "x") not in keys
    assert "still-live".ljust(32, "x") in keys
    assert len(keys) == 2


@pytest.mark.usefixtures("clearing_due")
def test_expired_sessions_are_deleted_at_most_once_per_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("accounts.sessions.time.monotonic", lambda: clock[0])
    stranger_comes_back()
    expired = Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(seconds=1)
    )

    clock[0] += CLEAR_EVERY_SECONDS - 1
    stranger_comes_back()
    kept = Session.objects.filter(pk=expired.pk).exists()
    clock[0] += 1
    stranger_comes_back()

    assert kept
    assert not Session.objects.filter(pk=expired.pk).exists()


@pytest.mark.usefixtures("clearing_due")
def test_a_backlog_of_expired_sessions_goes_a_batch_per_new_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("accounts.sessions.CLEAR_BATCH", 2)
    for n in range(5):
        Session.objects.create(
            session_key=f"expired-{n}".ljust(32, "x"),
            session_data="",
            expire_date=timezone.now() - timedelta(seconds=1),
        )

    left = []
    for _ in range(4):
        stranger_comes_back()
        left.append(Session.objects.filter(expire_date__lt=timezone.now()).count())

    assert left == [3, 1, 0, 0]


@pytest.mark.usefixtures("clearing_due")
def test_a_failure_to_delete_expired_sessions_still_serves_the_page(
    monkeypatch: pytest.MonkeyPatch, site_log: StringIO
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr("django.db.models.query.QuerySet.delete", refuse)

    client = Client()
    client.get(reverse("menu:list"))
    response = client.get(reverse("menu:list"))

    assert response.status_code == 200
    assert Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
    assert "sessionid" in response.cookies
    assert site_log.getvalue() == "Expired sessions were not deleted: database is locked\n"
