"""/healthz tells the truth when the database cannot take a write while the site runs.

Each test serves the site with gunicorn, then breaks its data directory as
an operator's disk breaks (remounted read-only, or filled up) or holds the
database's write lock as a stuck writer would. A running site
nearly always has a database connection open, so SQLite's `-wal` and `-shm`
files exist and a `SELECT 1` keeps answering; the test holds one open too.
Then /healthz must answer 503 and say why, as every page that writes fails,
and answer 200 again once the disk is mended.

Mounting needs root, which CI has; holding the lock does not. The broken
disks are SQLite's: on PostgreSQL the database's files are the server's, and
only the held lock applies.
"""

import contextlib
import json
import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from config.healthcheck import check
from tests.databases import VENDOR, reading, sqlite_only
from tests.server import gunicorn_serving, migrated_env

HEALTHY = (200, {"status": "ok", "database": "ok"})


@pytest.fixture
def root() -> None:
    if os.geteuid() != 0:
        message = (
            "Mounting a read-only or a full file system needs root: "
            "run these tests as root, as CI does (`sudo .venv/bin/pytest tests/config`)"
        )
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run them, not skip them)")
        pytest.skip(message)


@contextmanager
def mounted(target: Path, options: str, *remount: str) -> Iterator[None]:
    """Mount onto `target` with `options`, change that mount with each of
    `remount`, and unmount it at the end."""
    subprocess.run(["mount", *options.split(), str(target)], check=True)
    try:
        for change in remount:
            subprocess.run(["mount", *change.split(), str(target)], check=True)
        yield
    finally:
        # Lazily: the site keeps its database connections open for a while, and
        # one opened during the test would hold a plain umount back.
        subprocess.run(["umount", "--lazy", str(target)], check=True)


def fill_up(path: Path) -> None:
    """Write zeros to `path` until its file system has no space left."""
    with contextlib.suppress(OSError), path.open("wb", buffering=0) as file:
        for _ in range(100_000):
            file.write(bytes(4096))


@contextmanager
def site_running_on(data_dir: Path, log: Path) -> Iterator[dict[str, str]]:
    """The site served; its environment, with its URL as SITE_URL."""
    env = migrated_env(data_dir)
    with reading(env) as held_open:
        held_open.execute("SELECT count(*) FROM django_session").fetchall()
        with gunicorn_serving(env, log) as url:
            yield {**env, "SITE_URL": url}


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def returning_stranger(url: str) -> dict[str, str]:
    """The cookie of a stranger's first visit to the live menu: their next visit stores
    their session, a write."""
    with urllib.request.urlopen(url + "/menu/", timeout=10) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
    return {"Cookie": cookie}


def health(url: str) -> tuple[int, dict]:
    status, body = get(url + "/healthz")
    return status, json.loads(body)


@sqlite_only("it breaks the disk under SQLite's file")
@pytest.mark.usefixtures("root")
def test_healthz_says_503_while_the_data_directory_is_read_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    log = tmp_path / "gunicorn.log"

    # No page is asked for during the outage: a connection the site kept open
    # from before writes on through its open file on this bind mount, while a
    # worker starting now could not write at all. The probe reports the latter.
    with site_running_on(data_dir, log) as site:
        url = site["SITE_URL"]
        before = health(url)
        with mounted(data_dir, "--bind " + str(data_dir), "-o remount,bind,ro"):
            broken = health(url)
        mended = health(url)

    assert before == HEALTHY
    assert broken == (
        503,
        {"status": "error", "database": "cannot be written: attempt to write a readonly database"},
    )
    assert mended == HEALTHY
    assert "Health check: the database cannot be written" in log.read_text()


@sqlite_only("it fills the disk under SQLite's file")
@pytest.mark.usefixtures("root")
def test_healthz_says_503_while_the_disk_is_full(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    log = tmp_path / "gunicorn.log"

    with mounted(data_dir, "-t tmpfs -o size=4m tmpfs"), site_running_on(data_dir, log) as site:
        url = site["SITE_URL"]
        before = health(url)
        stranger = returning_stranger(url)
        fill_up(data_dir / "filler")
        broken = health(url)
        menu, _ = get(url + "/menu/", stranger)
        (data_dir / "filler").unlink()
        mended = health(url)

    assert before == HEALTHY
    assert broken[0] == 503
    assert broken[1]["database"].startswith("disk full: "), broken
    assert menu == 500, "a stranger back on the live menu stores a session, a write"
    assert mended == HEALTHY


# How each database turns away a writer who waited too long for the lock.
LOCKED = {
    "sqlite": "database is locked",
    "postgresql": "canceling statement due to lock timeout",
}


@contextmanager
def write_lock_held(env: dict[str, str]) -> Iterator[None]:
    """Hold the lock a write needs, as a stuck writer or a long migration would."""
    with reading(env, writable=True) as writer:
        if VENDOR == "sqlite":
            writer.execute("BEGIN IMMEDIATE")
        else:
            writer.execute("BEGIN")
            writer.execute("LOCK TABLE django_migrations IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            writer.execute("ROLLBACK")


def test_the_probe_hears_why_while_another_writer_holds_the_lock(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    with site_running_on(data_dir, tmp_path / "gunicorn.log") as site:
        port = int(site["SITE_URL"].rsplit(":", 1)[1])
        with write_lock_held(site):
            locked = check(port)
        free = check(port)

    assert locked == (
        "/healthz answered HTTP 503: "
        f"""b'{{"status": "error", "database": "cannot be written: {LOCKED[VENDOR]}"}}'"""
    )
    assert free is None
