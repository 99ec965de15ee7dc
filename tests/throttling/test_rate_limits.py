"""What sends e-mail or makes accounts is refused with 429 once one client has sent too much."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from tests.factories import user_create
from throttling.decorators import every

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
SIGNUP = reverse("accounts:signup")
PASSWORD = "a-long-passphrase-for-tests"


def test_a_run_of_password_resets_to_one_inbox_sends_only_the_first_few_emails(
    client: Client,
) -> None:
    user_create("sam")
    per_inbox, _ = settings.RATE_LIMITS["password-reset-email"]

    statuses = [client.post(RESET, {"email": "sam@example.test"}).status_code for _ in range(48)]

    assert statuses[:per_inbox] == [302] * per_inbox
    assert set(statuses[per_inbox:]) == {429}
    assert len(mail.outbox) == per_inbox


def test_the_inbox_is_counted_in_any_case_and_spacing(client: Client) -> None:
    user_create("sam")
    per_inbox, _ = settings.RATE_LIMITS["password-reset-email"]
    spellings = ["sam@example.test", " SAM@example.test", "Sam@Example.Test "]

    statuses = [client.post(RESET, {"email": spellings[n % 3]}).status_code for n in range(6)]

    assert statuses == [302] * per_inbox + [429] * (6 - per_inbox)


def test_one_address_asking_for_many_inboxes_is_refused_and_another_is_not(
    client: Client,
) -> None:
    per_address, _ = settings.RATE_LIMITS["password-reset"]

    statuses = [
        client.post(RESET, {"email": f"guest{n}@example.test"}).status_code
        for n in range(per_address + 1)
    ]
    elsewhere = Client(REMOTE_ADDR="203.0.113.9").post(RESET, {"email": "x@example.test"})

    assert statuses == [302] * per_address + [429]
    assert elsewhere.status_code == 302


def test_the_429_page_says_what_was_limited_and_when_to_try_again(client: Client) -> None:
    per_inbox, _ = settings.RATE_LIMITS["password-reset-email"]
    for _ in range(per_inbox):
        client.post(RESET, {"email": "sam@example.test"})

    refused = client.post(RESET, {"email": "sam@example.test"})

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    html = refused.content.decode()
    assert "<h1>429: too many requests of this kind</h1>" in html
    assert f"at most {per_inbox} password reset e-mails to one address every hour" in html


@override_settings(RATE_LIMITS={**settings.RATE_LIMITS, "signup": (2, timedelta(hours=1))})
def test_sign_ups_from_one_address_are_limited_and_the_refused_one_makes_no_account() -> None:
    statuses = []
    for n in range(3):
        visitor = Client()
        form = {"username": f"sam{n}", "password1": PASSWORD, "password2": PASSWORD}
        statuses.append(visitor.post(SIGNUP, form).status_code)

    assert statuses == [302, 302, 429]
    assert sorted(User.objects.values_list("username", flat=True)) == ["sam0", "sam1"]


@override_settings(RATE_LIMITS={**settings.RATE_LIMITS, "signup": (1, timedelta(hours=1))})
def test_a_post_refused_for_its_csrf_token_is_not_counted() -> None:
    strict = Client(enforce_csrf_checks=True)
    form = {"username": "sam", "password1": PASSWORD, "password2": PASSWORD}

    forged = [strict.post(SIGNUP, form).status_code for _ in range(3)]
    strict.get(SIGNUP)
    real = strict.post(SIGNUP, {**form, "csrfmiddlewaretoken": strict.cookies["csrftoken"].value})

    assert forged == [403, 403, 403]
    assert real.status_code == 302


def test_reading_the_forms_is_never_limited(client: Client) -> None:
    statuses = {client.get(url).status_code for url in [RESET, SIGNUP] for _ in range(70)}

    assert statuses == {200}


def test_blank_e_mails_from_many_addresses_are_not_counted_as_one_inbox() -> None:
    statuses = [
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(RESET, {"email": "  "}).status_code
        for n in range(6)
    ]

    assert statuses == [200] * 6


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (timedelta(hours=1), "every hour"),
        (timedelta(minutes=10), "every 10 minutes"),
        (timedelta(days=1), "every day"),
        (timedelta(seconds=1), "every second"),
        (timedelta(seconds=90), "every 90 seconds"),
    ],
)
def test_the_period_is_said_in_its_own_unit(period: timedelta, words: str) -> None:
    assert every(period) == words
