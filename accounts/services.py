"""Writes for visitors: preferences, visit counts."""

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import F

from accounts.models import Preferences, User
from accounts.selectors import DIETS, PREFERENCES_SESSION_KEY, preferences_from_data

# Where a visitor who is not signed in keeps their count of menu visits.
VISITS_SESSION_KEY = "menu_visits"


def preferences_save(
    *, user: User | None, session: SessionBase, data: dict[str, object]
) -> Preferences:
    """Store cleaned preferences: in the database for a user, in the session otherwise."""
    if user is None:
        session[PREFERENCES_SESSION_KEY] = {
            "display_name": data["display_name"],
            "theme": data["theme"],
            "diet": list(data["diet"]),
            "max_spice": data["max_spice"],
            "email_notifications": data["email_notifications"],
        }
        return preferences_from_data(data)
    values = preferences_from_data(data)
    fields = ["display_name", "theme", *DIETS, "max_spice", "email_notifications"]
    preferences, _ = Preferences.objects.update_or_create(
        user=user, defaults={name: getattr(values, name) for name in fields}
    )
    return preferences


def preferences_adopt_from_session(*, user: User, session: SessionBase) -> bool:
    """Carry a visitor's session preferences into the account they just signed in to."""
    data = session.pop(PREFERENCES_SESSION_KEY, None)
    if data is None:
        return False
    preferences_save(user=user, session=session, data=data)
    return True


def visit_count_increment(*, user: User) -> int:
    """Count one visit in the database, atomically, and return the new total.

    One transaction: it holds SQLite's write lock from its start (IMMEDIATE), so
    the total read back is this visit's even when the same user has two tabs loading.
    """
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(visit_count=F("visit_count") + 1)
        return User.objects.values_list("visit_count", flat=True).get(pk=user.pk)


def session_visit_count_increment(*, session: SessionBase) -> int:
    """Count one visit in the session: per browser, not per person."""
    session[VISITS_SESSION_KEY] = session.get(VISITS_SESSION_KEY, 0) + 1
    return session[VISITS_SESSION_KEY]
