"""Settings come from the environment, with safe local defaults."""

import runpy
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import connections, transaction

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    """Run config/settings.py afresh with only the given DJANGO_* variables set."""
    for name in ("DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "DATA_DIR", "DJANGO_EMAIL_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_debug_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(monkeypatch)["DEBUG"] is False
    assert load_settings(monkeypatch, DJANGO_DEBUG="1")["DEBUG"] is True
    assert load_settings(monkeypatch, DJANGO_DEBUG="no")["DEBUG"] is False


def test_local_defaults_need_nothing_set(monkeypatch: pytest.MonkeyPatch) -> None:
    local = load_settings(monkeypatch)

    assert local["DATABASES"]["default"]["NAME"] == settings.BASE_DIR / "data" / "db.sqlite3"
    assert local["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert local["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]


def test_data_directory_and_allowed_hosts_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configured = load_settings(
        monkeypatch, DATA_DIR="/srv/data", DJANGO_ALLOWED_HOSTS="table.example, www.table.example"
    )

    assert configured["DATABASES"]["default"]["NAME"] == Path("/srv/data/db.sqlite3")
    assert configured["ALLOWED_HOSTS"] == ["table.example", "www.table.example"]


def test_pages_are_served_from_the_compressed_build_unless_debugging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_settings(monkeypatch)["WHITENOISE_ROOT"] == settings.PAGES_BUILD_DIR
    debugging = load_settings(monkeypatch, DJANGO_DEBUG="1")
    assert debugging["WHITENOISE_ROOT"] == settings.PAGES_SOURCE_DIR


@pytest.fixture
def file_database(tmp_path: Path, django_db_blocker) -> Iterator[str]:
    """The alias of an SQLite file opened with the project's database settings.

    (The test database is in memory, where WAL does not apply.)
    """
    database = {**connections.settings["default"], "NAME": str(tmp_path / "db.sqlite3")}
    database["OPTIONS"] = settings.DATABASES["default"]["OPTIONS"]
    with mock.patch.dict(connections.settings, {"file": database}), django_db_blocker.unblock():
        yield "file"
        connections["file"].close()
        del connections["file"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(file_database: str) -> None:
    with connections[file_database].cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        busy_timeout = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        foreign_keys = cursor.execute("PRAGMA foreign_keys").fetchone()[0]

    assert journal_mode == "wal"
    assert busy_timeout == 5000
    assert foreign_keys == 1


def test_sqlite_transactions_take_the_write_lock_when_they_begin(
    file_database: str, tmp_path: Path
) -> None:
    """IMMEDIATE: a second writer waits at BEGIN instead of failing mid-transaction."""
    other_writer = sqlite3.connect(tmp_path / "db.sqlite3", timeout=0, isolation_level=None)
    try:
        with (
            transaction.atomic(using=file_database),
            pytest.raises(sqlite3.OperationalError, match="database is locked"),
        ):
            other_writer.execute("BEGIN IMMEDIATE")
        other_writer.execute("BEGIN IMMEDIATE")
    finally:
        other_writer.close()
