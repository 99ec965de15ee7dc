"""Reads for visitors: their preferences, and what their session holds."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from accounts.models import Preferences, User
from accounts.sessions import SessionStore
from menu.demo import DEMO_USERS, DemoUser

# Where a visitor who is not signed in keeps their preferences.
PREFERENCES_SESSION_KEY = "preferences"
DIETS = ("vegetarian", "vegan", "gluten_free")


def preferences_from_data(data: dict[str, object]) -> Preferences:
    """An unsaved Preferences built from the form's cleaned data (or the session's copy)."""
    diet = data.get("diet") or []
    return Preferences(
        display_name=data.get("display_name", ""),
        theme=data.get("theme", Preferences.Theme.SYSTEM),
        max_spice=data.get("max_spice", 3),
        email_notifications=data.get("email_notifications", False),
        **{name: name in diet for name in DIETS},
    )


def preferences_for_user(*, user: User) -> Preferences:
    """The user's stored preferences, or the defaults if they never saved any.

    Read with the user when the request loaded them (accounts/backends.py).
    """
    try:
        return user.preferences
    except Preferences.DoesNotExist:
        return Preferences(user=user)


def preferences_from_session(*, session: SessionBase) -> Preferences:
    return preferences_from_data(session.get(PREFERENCES_SESSION_KEY, {}))


def mask(secret: str, *, shown: int = 4, dots: int = 16) -> str:
    """Keep the first and last few characters of a secret, hide the rest.

    At most `dots` bullets stand for the hidden part, so a long hash stays short.
    """
    if len(secret) <= shown * 2:
        return "•" * len(secret)
    return secret[:shown] + "•" * min(len(secret) - shown * 2, dots) + secret[-shown:]


def cookies_masked(cookies: dict[str, str], *, secret: set[str]) -> dict[str, str]:
    """The cookies sorted by name, with the values of the `secret` ones masked."""
    return {
        name: mask(value) if name in secret else value for name, value in sorted(cookies.items())
    }


# Session entries that are secrets in their own right.
SECRET_SESSION_KEYS = {"_auth_user_hash"}


@dataclass(frozen=True)
class SessionSummary:
    cookie_name: str
    http_only: bool
    masked_key: str | None
    # The key was handed out on a first visit and nothing is stored under it yet.
    unstored: bool
    expires_at: datetime | None
    data: dict[str, str]
    cookies: dict[str, str]


def session_summary(
    *, session: SessionStore, cookies: dict[str, str], cookie_name: str, http_only: bool
) -> SessionSummary:
    """What the browser holds (cookies) next to what the server keeps under the key."""
    key = session.session_key
    return SessionSummary(
        cookie_name=cookie_name,
        http_only=http_only,
        masked_key=mask(key) if key else None,
        unstored=session.unstored(),
        expires_at=session.get_expiry_date() if key else None,
        data={
            name: mask(str(value)) if name in SECRET_SESSION_KEYS else repr(value)
            for name, value in sorted(session.items())
        },
        cookies=cookies_masked(cookies, secret={cookie_name, settings.CSRF_COOKIE_NAME}),
    )


def demo_accounts() -> list[DemoUser]:
    """The demo accounts this database has, to list on the log-in page.

    None in production: their passwords are published, so seed_demo refuses to
    make them there, and a page must not suggest them either.
    """
    if settings.PRODUCTION:
        return []
    names = [demo.username for demo in DEMO_USERS]
    present = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    return [demo for demo in DEMO_USERS if demo.username in present]
