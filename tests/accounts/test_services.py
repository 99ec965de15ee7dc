"""Preferences and visit counts, without the HTTP layer."""

import pytest
from django.contrib.sessions.models import Session

from accounts.models import Preferences
from accounts.selectors import preferences_for_user, preferences_from_session
from accounts.services import (
    preferences_adopt_from_session,
    preferences_save,
    session_visit_count_increment,
    visit_count_increment,
)
from accounts.sessions import SessionStore
from tests.factories import user_create

pytestmark = pytest.mark.django_db

CHOICES = {
    "display_name": "Sam",
    "theme": "dark",
    "diet": ["vegetarian", "gluten_free"],
    "max_spice": 1,
    "email_notifications": True,
}


def test_a_users_preferences_are_one_row_in_the_database() -> None:
    user = user_create()

    preferences_save(user=user, session=SessionStore(), data=CHOICES)
    preferences_save(user=user, session=SessionStore(), data=CHOICES | {"max_spice": 2})

    stored = Preferences.objects.get(user=user)
    assert (stored.theme, stored.diet, stored.max_spice) == (
        "dark",
        ["vegetarian", "gluten_free"],
        2,
    )


def test_a_strangers_preferences_live_in_their_session_only() -> None:
    session = SessionStore()

    preferences_save(user=None, session=session, data=CHOICES)

    assert not Preferences.objects.exists()
    read_back = preferences_from_session(session=session)
    assert (read_back.display_name, read_back.diet, read_back.theme) == (
        "Sam",
        ["vegetarian", "gluten_free"],
        "dark",
    )


def test_session_preferences_move_into_the_account_on_sign_in() -> None:
    session, user = SessionStore(), user_create()
    preferences_save(user=None, session=session, data=CHOICES)

    assert preferences_adopt_from_session(user=user, session=session) is True

    assert preferences_for_user(user=user).display_name == "Sam"
    assert "preferences" not in session
    assert preferences_adopt_from_session(user=user, session=session) is False


def test_a_user_without_stored_preferences_gets_the_defaults_unsaved() -> None:
    preferences = preferences_for_user(user=user_create())

    assert preferences.pk is None
    assert (preferences.theme, preferences.diet, preferences.max_spice) == ("system", [], 3)
    assert preferences.is_set is False


def test_visit_counts_from_stale_copies_of_a_user_are_never_lost() -> None:
    user = user_create()
    first_request_copy, second_request_copy = (type(user).objects.get(pk=user.pk) for _ in "ab")

    visit_count_increment(user=first_request_copy)
    total = visit_count_increment(user=second_request_copy)

    user.refresh_from_db()
    assert total == user.visit_count == 2


def test_session_visit_count_starts_at_one_per_session() -> None:
    session = SessionStore()

    assert session_visit_count_increment(session=session) == 1
    assert session_visit_count_increment(session=session) == 2
    assert session_visit_count_increment(session=SessionStore()) == 1


def test_a_first_visit_gets_a_key_and_stores_no_session() -> None:
    session = SessionStore()

    visits = session_visit_count_increment(session=session)
    session.save()

    assert visits == 1
    assert session.session_key
    assert not Session.objects.exists()


def test_the_visit_that_brings_the_key_back_counts_two_and_stores_the_session() -> None:
    first = SessionStore()
    session_visit_count_increment(session=first)
    first.save()
    back = SessionStore(first.session_key)

    visits = session_visit_count_increment(session=back)
    back.save()

    assert visits == 2
    assert back.session_key == first.session_key
    assert SessionStore(first.session_key).load() == {"menu_visits": 2}


def test_a_key_the_site_did_not_issue_is_not_taken_back() -> None:
    made_up = SessionStore("a" * 32)

    visits = session_visit_count_increment(session=made_up)
    made_up.save()

    assert visits == 1
    assert made_up.session_key != "a" * 32
    assert not Session.objects.exists()


def test_a_stored_session_counts_its_first_visit_in_the_database() -> None:
    session = SessionStore()
    session["preferences"] = {"theme": "dark"}
    session.save()

    visits = session_visit_count_increment(session=session)
    session.save()

    assert visits == 1
    assert SessionStore(session.session_key).load()["menu_visits"] == 1
