"""SESSION_ENGINE: database sessions that do not outlive their use, that store nothing
for a browser until it comes back, and that clean up after themselves."""

import logging
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

logger = logging.getLogger(__name__)

# Expired sessions are deleted at most once every ten minutes per process...
CLEAR_EVERY_SECONDS = 600
# ...and at most this many at a time, so that the request that pays for it
# holds the write lock for milliseconds even when a crawler left a million.
CLEAR_BATCH = 1000

# A key handed out before anything is stored under it: 24 random characters and
# 8 of a signature, 32 in all like Django's own keys. The signature is what lets
# the site take such a key back without a row: a key a client made up is refused.
UNSTORED_RANDOM_CHARS = 24
UNSTORED_SIGNATURE_CHARS = 8
UNSTORED_SALT = "accounts.sessions.unstored-key"


def unstored_key_signature(random_part: str) -> str:
    return salted_hmac(UNSTORED_SALT, random_part).hexdigest()[:UNSTORED_SIGNATURE_CHARS]


def is_unstored_key(key: str) -> bool:
    """Whether `key` is one this site handed out with nothing stored under it."""
    random_part, signature = key[:UNSTORED_RANDOM_CHARS], key[UNSTORED_RANDOM_CHARS:]
    return len(signature) == UNSTORED_SIGNATURE_CHARS and constant_time_compare(
        signature, unstored_key_signature(random_part)
    )


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, with a shorter life for strangers, no row for a
    browser that has not come back, and no leftovers.

    A session no one is signed in to (a stranger's visit count and
    preferences) lasts ANONYMOUS_SESSION_AGE after it last changed, not the
    two weeks of a signed-in one: a crawler that never sends its cookie back
    leaves rows that expire within a day. Expired rows are deleted by the site
    itself, without a cron job: a process that starts a new session first
    deletes a batch of expired ones, once every CLEAR_EVERY_SECONDS, or at
    once again while full batches show there are more.
    """

    last_cleared = float("-inf")

    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        # The key the browser holds while no row is stored under it (issue_key).
        self.unstored_key: str | None = None

    def get_session_cookie_age(self) -> int:
        if self.get(SESSION_KEY) is None:
            return settings.ANONYMOUS_SESSION_AGE
        return settings.SESSION_COOKIE_AGE

    def issue_key(self) -> None:
        """Give a browser that brought no session a key, and store nothing under it yet.

        The key goes out in the cookie as any session's does; the row is written
        only when the browser brings the key back and something is stored then. A
        crawler, a load test or a visitor who never returns leaves no row.
        """
        random_part = get_random_string(UNSTORED_RANDOM_CHARS, VALID_KEY_CHARS)
        self._session_key = random_part + unstored_key_signature(random_part)
        self.unstored_key = self._session_key
        self.modified = True

    def unstored(self) -> bool:
        """Whether the browser holds a key with nothing stored under it yet."""
        self._get_session()
        return self.session_key is not None and self.session_key == self.unstored_key

    def load(self) -> dict:
        key = self.session_key
        data = super().load()
        # Django forgets a key with no row behind it; one this site issued is kept.
        if self.session_key is None and key is not None and is_unstored_key(key):
            self._session_key = self.unstored_key = key
        return data

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None or self.session_key != self.unstored_key:
            return super().save(must_create)
        if not self._get_session():
            return
        self.clear_expired_if_due()
        try:
            super().save(must_create=True)
        except CreateError:
            # Another tab with the same key stored it a moment ago: overwrite, as
            # any two saves of one session do.
            super().save()
        self.unstored_key = None

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
