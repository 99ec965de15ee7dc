"""SESSION_ENGINE: database sessions that do not outlive their use, and clean up after
themselves."""

import logging
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Expired sessions are deleted at most once every ten minutes per process...
CLEAR_EVERY_SECONDS = 600
# ...and at most this many at a time, so that the request that pays for it
# holds the write lock for milliseconds even when a crawler left a million.
CLEAR_BATCH = 1000


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, with a shorter life for strangers and no leftovers.

    A session no one is signed in to (a stranger's visit count and
    preferences) lasts ANONYMOUS_SESSION_AGE after it last changed, not the
    two weeks of a signed-in one: a crawler that never sends its cookie back
    leaves rows that expire within a day. Expired rows are deleted by the site
    itself, without a cron job: a process that starts a new session first
    deletes a batch of expired ones, once every CLEAR_EVERY_SECONDS, or at
    once again while full batches show there are more.
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
        if now - cls.last_cleared < CLEAR_EVERY_SECONDS:
            return
        cls.last_cleared = now
        sessions = cls.get_model_class().objects
        expired = sessions.filter(expire_date__lt=timezone.now()).values("pk")[:CLEAR_BATCH]
        try:
            # A savepoint, so that a failure here leaves a surrounding transaction usable.
            with transaction.atomic():
                deleted, _ = sessions.filter(pk__in=expired).delete()
        except DatabaseError as error:
            # Tidying up must not cost the visitor their page; the next batch will try again.
            logger.warning("Expired sessions were not deleted: %s", error)
            return
        if deleted == CLEAR_BATCH:
            cls.last_cleared = float("-inf")
