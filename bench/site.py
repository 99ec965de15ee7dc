"""The throwaway copy of the site the bench serves, and what it asks of it over HTTP.

Its database lives in a temporary DATA_DIR, seeded with the demo content; the
built pages and assets are the project's own build/.
"""

import gzip
import http.cookiejar
import re
import statistics
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import BenchError
from bench.servers import PROJECT

PYTHON = PROJECT / ".venv" / "bin" / "python"
MANAGE_SECONDS = 120
HTTP_SECONDS = 10
# The demo user seed_demo creates: vegetarian, likes spice, with favourites.
DEMO_USER = ("maya", "maya-likes-it-hot")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def site_env(base: dict[str, str], data_dir: Path) -> dict[str, str]:
    """The throwaway site on its SQLite file in `data_dir`, as `make run` serves it; the
    PostgreSQL row gets a DATABASE_URL of its own (bench/__main__.py)."""
    return {
        **{name: value for name, value in base.items() if name != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATA_DIR": str(data_dir),
        "BUILD_DIR": str(PROJECT / "build"),
        # So the servers' logs are complete when the bench reads them after a failure.
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict[str, str], *args: str) -> str:
    """`manage.py` with `args` in the throwaway site; its output, or a BenchError with it."""
    run = subprocess.run(  # noqa: S603
        [str(PYTHON), "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=MANAGE_SECONDS,
        check=False,
    )
    if run.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{run.stdout}{run.stderr}")
    return run.stdout


def set_up(env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo")


def add_dishes(env: dict[str, str], count: int) -> tuple[int, int]:
    """Add `count` dishes (bench/dishes.py); how many the menu had before, and has now."""
    said = manage(env, "shell", "-c", f"from bench.dishes import add; add({count})")
    before, after = said.split()[-2:]
    return int(before), int(after)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand back a redirect as it came, so its status can be checked."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(
    url: str,
    *,
    cookie: str = "",
    data: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    opener: urllib.request.OpenerDirector | None = None,
) -> Answer:
    """One request as a browser sends it (gzip accepted, redirects not followed);
    the body comes back decompressed."""
    request = urllib.request.Request(  # noqa: S310 (our own server)
        url,
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
        headers={
            "Accept-Encoding": "gzip",
            **({"Cookie": cookie} if cookie else {}),
            **(headers or {}),
        },
    )
    opener = opener or urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=HTTP_SECONDS) as response:
            status, got, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, got, body = error.code, dict(error.headers), error.read()
    if got.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return Answer(status, got, body)


def signed_in_cookie(url: str) -> str:
    """The Cookie header of the demo user, signed in through the site's real log-in form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))
    form_url = url + "/accounts/login/"
    form = fetch(form_url, opener=opener)
    token = CSRF_FIELD.search(form.body.decode())
    if form.status != 200 or not token:
        raise BenchError(f"GET /accounts/login/ gave {form.status} without a CSRF token")
    username, password = DEMO_USER
    posted = fetch(
        form_url,
        data={"csrfmiddlewaretoken": token[1], "username": username, "password": password},
        headers={"Referer": form_url},
        opener=opener,
    )
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if posted.status != 302 or not session:
        raise BenchError(
            f"Signing in as {username} gave {posted.status} (expected 302) and"
            f" {'a' if session else 'no'} session cookie"
        )
    return f"sessionid={session}"


@dataclass(frozen=True)
class ServerTiming:
    queries: int
    app_ms: float


def parse_server_timing(header: str) -> ServerTiming:
    """The query count and the app time of a `Server-Timing` value such as
    `db;dur=0.4;desc="6 queries", app;dur=39.2`."""
    queries = re.search(r'desc="(\d+) quer', header)
    app = re.search(r"\bapp;dur=([\d.]+)", header)
    if not queries or not app:
        raise ValueError(f"no query count or app time in Server-Timing: {header!r}")
    return ServerTiming(queries=int(queries[1]), app_ms=float(app[1]))


def median_timing(timings: list[ServerTiming]) -> ServerTiming:
    return ServerTiming(
        queries=round(statistics.median(t.queries for t in timings)),
        app_ms=statistics.median(t.app_ms for t in timings),
    )


def timed_fetches(url: str, cookie: str, *, warm_up: int, samples: int) -> list[ServerTiming]:
    """`samples` Server-Timing readings of `url`, one request at a time, after `warm_up`."""
    timings = []
    for number in range(warm_up + samples):
        answer = fetch(url, cookie=cookie)
        if answer.status != 200:
            raise BenchError(f"{url} answered {answer.status} while being timed")
        if number >= warm_up:
            timings.append(parse_server_timing(answer.headers.get("Server-Timing", "")))
    return timings
