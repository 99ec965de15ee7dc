"""SESSION_ENGINE: database sessions that do not outlive their use, and clean up after
themselves."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

# Deleting expired sessions is one indexed DELETE; once every ten minutes per
# process is often enough to keep the table to the sessions still in use.
CLEAR_EVERY_SECONDS = 600


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, with a shorter life for strangers and no leftovers.

    A session no one is signed in to (a stranger's visit count and
    preferences) lasts ANONYMOUS_SESSION_AGE after it last changed, not the
    two weeks of a signed-in one: a crawler that never sends its cookie back
    leaves rows that expire within a day. Expired rows are deleted by the site
    itself, without a cron job: a process that starts a new session first
    deletes the expired ones, at most once every CLEAR_EVERY_SECONDS.
    """

    last_cleared = float("-inf")

    def get_session_cookie_age(self) -> int:
        if self.get(SESSION_KEY) is None:
            return settings.ANONYMOUS_SESSION_AGE
        return settings.SESSION_COOKIE_AGE

    def create(self) -> None:
        self.clear_expired_if_due()
        super().create()

    @classmethod
    def clear_expired_if_due(cls) -> None:
        now = time.monotonic()
        if now - cls.last_cleared >= CLEAR_EVERY_SECONDS:
            cls.last_cleared = now
            cls.clear_expired()
