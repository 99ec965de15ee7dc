"""The database the suite runs on: SQLite, or PostgreSQL when DATABASE_URL names one.

`make test` runs the whole suite twice, on SQLite and on a throwaway
PostgreSQL cluster (the Makefile). A test that starts a site of its own gets
a database of its own: the SQLite file in its data folder, or a new database
on the PostgreSQL server. `reading` opens it for the test to look inside, the
same way on both.
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tools.postgres import connect_url, new_database_url

VENDOR = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def sqlite_only(why: str) -> pytest.MarkDecorator:
    """Skip on PostgreSQL: the test is about SQLite's file (`why` says what)."""
    return pytest.mark.skipif(VENDOR != "sqlite", reason=f"SQLite only: {why}")


def site_database_env() -> dict[str, str]:
    """What a test site's environment needs for a database of its own, beside its DATA_DIR."""
    if VENDOR != "postgresql":
        return {}
    return {"DATABASE_URL": new_database_url(os.environ["DATABASE_URL"])}


@contextmanager
def reading(env: dict[str, str], *, writable: bool = False) -> Iterator[Any]:
    """A DB-API connection to a test site's database, whichever it is: each statement
    its own transaction, and read-only unless `writable`."""
    if url := env.get("DATABASE_URL"):
        with psycopg.connect(connect_url(url), autocommit=True) as connection:
            yield connection
    else:
        database = Path(env["DATA_DIR"]) / "db.sqlite3"
        mode = "rw" if writable else "ro"
        with closing(
            sqlite3.connect(f"file:{database}?mode={mode}", uri=True, isolation_level=None)
        ) as connection:
            yield connection


def table_names(connection: Any) -> list[str]:
    """The tables of the site's database."""
    if isinstance(connection, sqlite3.Connection):
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    return [name for (name,) in connection.execute(query).fetchall()]
