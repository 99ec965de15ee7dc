"""Settings come from the environment, with safe local defaults."""

import os
import runpy
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    """Run config/settings.py afresh with only the given DJANGO_* variables set."""
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "DATABASE_")) or name == "DATA_DIR":
            monkeypatch.delenv(name)
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


def test_without_database_url_the_database_is_the_sqlite_file_in_the_data_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = load_settings(monkeypatch, DATA_DIR="/srv/data")["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == Path("/srv/data/db.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_names_postgresql_with_django_s_pool_and_no_kept_connections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = load_settings(
        monkeypatch,
        DATABASE_URL="postgres://kitchen:s3cret@db.internal:5432/takeout",
        DATABASE_POOL_MAX="8",
    )["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5432,
        "takeout",
    )
    assert (database["USER"], database["PASSWORD"]) == ("kitchen", "s3cret")
    # Django's pool refuses any other CONN_MAX_AGE.
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"]["min_size"] == 1
    assert database["OPTIONS"]["pool"]["max_size"] == 8


def test_data_directory_and_allowed_hosts_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configured = load_settings(
        monkeypatch, DATA_DIR="/srv/data", DJANGO_ALLOWED_HOSTS="table.example, www.table.example"
    )

    assert configured["DATABASES"]["default"]["NAME"] == Path("/srv/data/db.sqlite3")
    assert configured["ALLOWED_HOSTS"] == ["table.example", "www.table.example"]


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-that-is-only-for-this-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "table.example",
}


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_stops_at_start_up_naming_a_missing_variable(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    env = {name: value for name, value in PRODUCTION.items() if name != missing}

    with pytest.raises(ImproperlyConfigured, match=f"^{missing} must be set"):
        load_settings(monkeypatch, **env)


def test_production_refuses_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be off"):
        load_settings(monkeypatch, **PRODUCTION, DJANGO_DEBUG="1")


def test_production_is_https_only_with_hsts_and_secure_cookies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production = load_settings(monkeypatch, **PRODUCTION)

    assert production["SECRET_KEY"] == PRODUCTION["DJANGO_SECRET_KEY"]
    assert production["ALLOWED_HOSTS"] == ["table.example"]
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert "SECURE_PROXY_SSL_HEADER" not in production
    assert production["FAILURE_DEMO"] is False


def test_production_https_settings_can_each_be_turned_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    relaxed = load_settings(
        monkeypatch,
        **PRODUCTION,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="3600",
        DJANGO_HSTS_PRELOAD="0",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://table.example, https://www.table.example",
    )

    assert relaxed["SECURE_SSL_REDIRECT"] is False
    assert relaxed["SECURE_HSTS_SECONDS"] == 3600
    assert relaxed["SECURE_HSTS_PRELOAD"] is False
    assert relaxed["CSRF_TRUSTED_ORIGINS"] == ["https://table.example", "https://www.table.example"]


def test_the_proxy_https_header_is_trusted_only_when_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    behind_proxy = load_settings(
        monkeypatch, **PRODUCTION, DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )

    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_local_runs_plain_http_without_production_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = load_settings(monkeypatch)

    assert local["SECURE_SSL_REDIRECT"] is False
    assert local["SECURE_HSTS_SECONDS"] == 0
    assert local["SESSION_COOKIE_SECURE"] is False
    assert local["CSRF_COOKIE_SECURE"] is False
    assert local["FAILURE_DEMO"] is True


def test_deploy_check_finds_no_issues_with_the_production_environment() -> None:
    env = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DJANGO_DEBUG", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_rate_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = load_settings(
        monkeypatch, DJANGO_RATE_LIMIT_SIGNUP="200/d", DJANGO_RATE_LIMIT_PASSWORD_RESET="5/m"
    )["RATE_LIMITS"]

    assert limits["signup"] == (200, timedelta(days=1))
    assert limits["password-reset"] == (5, timedelta(minutes=1))
    assert limits["password-reset-email"] == (3, timedelta(hours=1))


@pytest.mark.parametrize("value", ["ten/h", "10", "10/week", "0/h", "-1/h", "/h"])
def test_a_rate_limit_that_is_not_a_rate_stops_start_up_naming_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_RATE_LIMIT_SIGNUP='{value}'"):
        load_settings(monkeypatch, DJANGO_RATE_LIMIT_SIGNUP=value)


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
    database = {
        **connections.settings["default"],
        **settings.SQLITE,
        "NAME": str(tmp_path / "db.sqlite3"),
    }
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


def test_smtp_server_and_account_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    smtp = load_settings(
        monkeypatch,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="smtp.example.net",
        DJANGO_EMAIL_PORT="2525",
        DJANGO_EMAIL_HOST_USER="kitchen",
        DJANGO_EMAIL_HOST_PASSWORD="s3cret",
        DJANGO_EMAIL_USE_TLS="0",
    )

    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"]) == ("smtp.example.net", 2525)
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("kitchen", "s3cret")
    assert smtp["EMAIL_USE_TLS"] is False
