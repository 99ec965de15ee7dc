"""gunicorn started as `make run` starts it, on a spare loopback port, for tests that need HTTP."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from tests.databases import site_database_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a test's own site, for gunicorn and manage.py alike: the
    project's settings, a database of its own (in `data_dir`, or on the suite's
    PostgreSQL server), the built assets, a spare port."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATA_DIR": str(data_dir),
        "BUILD_DIR": str(settings.BUILD_DIR),
        "PORT": str(free_port()),
        **site_database_env(),
        **overrides,
    }


def manage(env: dict[str, str], *args: str) -> None:
    """`manage.py` with `args`, in the test site's environment, its output dropped."""
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


def migrated_env(
    data_dir: Path, *, seed: tuple[str, ...] | None = None, **overrides: str
) -> dict[str, str]:
    """A migrated database in `data_dir` (then `seed_demo` with the `seed` arguments, if
    any), and the environment to serve it: the test settings (the fast password hasher),
    on loopback."""
    env = server_env(
        data_dir,
        DJANGO_SETTINGS_MODULE="tests.settings",
        HOST="127.0.0.1",
        # So anything printed, not only logged, is in the log when it is read.
        PYTHONUNBUFFERED="1",
        **overrides,
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    if seed is not None:
        manage(env, "seed_demo", *seed)
    return env


def wait_until_serving(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        # A busy machine may take longer than the 2 s to answer the first request.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


@contextmanager
def gunicorn_serving(env: dict[str, str], log: Path) -> Iterator[str]:
    """gunicorn with gunicorn.conf.py on env["PORT"], its output in `log`; yields its URL."""
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{env['PORT']}"
    try:
        wait_until_serving(url + "/", server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
