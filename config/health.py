"""What /healthz checks: that the database can take a write, not only answer."""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction

# Less free space than this where the SQLite file lives, and a write is about
# to fail: a commit appends whole pages (4 KB each) to the write-ahead log.
MIN_FREE_BYTES = 1024 * 1024
# How long the check waits for SQLite's write lock. The container's probe
# gives up after 3 seconds (config/healthcheck.py), and should hear why; a
# lock held for a whole second is itself worth reporting.
LOCK_WAIT_MS = 1000


def database_problem() -> str | None:
    """Why the database cannot take a write now, or None if it can.

    A `SELECT 1` still answers on a read-only volume or a full disk while
    every page that writes fails. So this takes the write lock, as a write
    does, and rolls back: nothing is written, and when no one else is
    writing it costs about as much as the `SELECT 1` did. SQLite takes the
    lock even on a full disk (only the commit fails), so there the free
    space is checked too.
    """
    try:
        with (
            own_connection(),
            lock_wait(LOCK_WAIT_MS),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            if connection.vendor == "postgresql":
                # For this transaction only: a table lock held elsewhere (a
                # migration) is waited for this long, then reported.
                cursor.execute(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS:d}")
            # A write that matches no row still needs the write lock (SQLite)
            # and a writable database (PostgreSQL refuses it on a replica).
            cursor.execute("UPDATE django_migrations SET app = app WHERE 1 = 0")
            transaction.set_rollback(True)
    except DatabaseError as error:
        # PostgreSQL's messages go on to quote the statement: the first line says why.
        return f"cannot be written: {str(error).splitlines()[0]}"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        free = shutil.disk_usage(Path(connection.settings_dict["NAME"]).parent).free
        if free < MIN_FREE_BYTES:
            return f"disk full: {free // 1024} KB free"
    return None


@contextmanager
def own_connection() -> Iterator[None]:
    """A new connection to the database for the block, as a new worker would open.

    The site keeps its connections open between requests. One opened before the
    disk went read-only still takes SQLite's write lock (nothing is written) and
    would report nothing wrong while every real write fails. Only a database in
    a file has a disk to lose: a server (PostgreSQL) or memory keeps the one.
    """
    kept = connections[DEFAULT_DB_ALIAS]
    if kept.vendor != "sqlite" or kept.is_in_memory_db():
        yield
        return
    probe = kept.copy()
    connections[DEFAULT_DB_ALIAS] = probe
    try:
        yield
    finally:
        probe.close()
        connections[DEFAULT_DB_ALIAS] = kept


@contextmanager
def lock_wait(milliseconds: int) -> Iterator[None]:
    """On SQLite, wait at most `milliseconds` for the write lock, then as configured again."""
    if connection.vendor != "sqlite":
        yield
        return
    configured = int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {milliseconds:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {configured:d}")
