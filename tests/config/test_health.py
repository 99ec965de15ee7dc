"""config/health.py: the probe asks on a connection of its own when the database is a file."""

from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from config.health import own_connection
from tests.databases import sqlite_only

pytestmark = pytest.mark.django_db


@sqlite_only("the probe opens a connection of its own to SQLite's file")
def test_a_file_database_is_probed_on_a_new_connection_closed_after(tmp_path: Path) -> None:
    kept = connections[DEFAULT_DB_ALIAS]
    settings = {**kept.settings_dict, "NAME": str(tmp_path / "db.sqlite3")}
    connections[DEFAULT_DB_ALIAS] = type(kept)(settings, DEFAULT_DB_ALIAS)
    in_file = connections[DEFAULT_DB_ALIAS]
    try:
        with own_connection():
            probe = connections[DEFAULT_DB_ALIAS]
            probe.ensure_connection()
        after = connections[DEFAULT_DB_ALIAS]
    finally:
        in_file.close()
        connections[DEFAULT_DB_ALIAS] = kept

    assert probe is not in_file
    assert after is in_file
    assert probe.connection is None


def test_a_database_in_memory_or_on_a_server_is_probed_on_the_connection_it_has() -> None:
    kept = connections[DEFAULT_DB_ALIAS]

    with own_connection():
        assert connections[DEFAULT_DB_ALIAS] is kept
