"""Writes for visitors: preferences, visit counts."""

from django.contrib.sessions.backends.base import SessionBase
from django.db import connection

from accounts.models import Preferences, User
from accounts.selectors import DIETS, PREFERENCES_SESSION_KEY, preferences_from_data
from accounts.sessions import SessionStore

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
    """Count one visit in the database and return the new total, in one statement.

    The database adds one to the count it holds and hands back the sum in the
    same UPDATE ... RETURNING (SQLite 3.35 and later, PostgreSQL), so the total
    is this visit's even when the same user has two tabs loading. Django's
    update() cannot return values, hence the SQL. One statement also holds the
    write lock for the least time: a transaction of an update and a read (the
    way with update() and F()) held it across Python code, where a thread can
    wait its turn for the interpreter while every other writer waits for it.
    """
    quote = connection.ops.quote_name
    table = quote(User._meta.db_table)
    count = quote(User._meta.get_field("visit_count").column)
    key = quote(User._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {count} = {count} + 1 WHERE {key} = %s RETURNING {count}",  # noqa: S608  (quoted names from the model; the value is a parameter)
            [user.pk],
        )
        (total,) = cursor.fetchone()
    return total


def session_visit_count_increment(*, session: SessionStore) -> int:
    """Count one visit in the session: per browser, not per person.

    A browser's first visit stores nothing: it is given a session key only
    (SessionStore.issue_key), and the count of a browser that comes back with
    that key and nothing stored under it starts from that first visit.
    """
    first_visit_counted = 1 if session.unstored() else 0
    visits = session.get(VISITS_SESSION_KEY, first_visit_counted) + 1
    if session.is_empty():
        session.issue_key()
        return visits
    session[VISITS_SESSION_KEY] = visits
    return visits
