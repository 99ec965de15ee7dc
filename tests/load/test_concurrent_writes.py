"""SQLite keeps every write when many visitors write at once through gunicorn.

The site serves from one SQLite file, configured in `config/settings.py` for
concurrency: WAL, IMMEDIATE transactions and a busy timeout. This test starts
gunicorn as `make run` does (2 worker processes of 4 threads) on a fresh
database and lets 64 clients, all at once, sign up and then write for a few
seconds: they open the live menu (a visit count), favourite and unfavourite
dishes, and save preferences. It proves that no request fails (no 5xx, no
"database is locked" in the log, no connection dropped) and that the database
afterwards holds exactly what the clients were told was saved.
"""

import http.client
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import IO

import pytest

from tests.browser.conftest import PASSWORD
from tests.databases import VENDOR, reading
from tests.server import gunicorn_serving, migrated_env

CLIENTS = 64
# Each client writes until the deadline or MAX_ROUNDS, whichever comes first,
# but always for MIN_ROUNDS, so a slow machine still does the whole exercise
# (4 rounds: each client adds three favourites and removes one).
LOAD_SECONDS = 5.0
MIN_ROUNDS = 4
MAX_ROUNDS = 200
# Far above any wait a healthy server makes a client do, so only a hang trips it.
REQUEST_TIMEOUT = 30.0
# The only statuses a client may get: pages (200) and redirects after a write (302).
EXPECTED_STATUSES = {200, 302}
THEMES = ("system", "light", "dark")
DIETS = ("vegetarian", "vegan", "gluten_free")
VISITS_SHOWN = re.compile(r"opened the live menu <strong>(\d+)</strong>")


@dataclass
class Server:
    url: str
    # The site's environment, to read its database with (tests/databases.py).
    env: dict[str, str]
    log: Path
    dish_slugs: list[str]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """gunicorn with 2 workers of 4 threads on a fresh, migrated database with the demo dishes."""
    data_dir = tmp_path_factory.mktemp("load-data")
    env = migrated_env(
        data_dir,
        seed=("--dishes-only",),
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        # 64 visitors from one address sign up: more than one address may in an hour.
        DJANGO_RATE_LIMIT_SIGNUP=f"{CLIENTS}/h",
    )
    with reading(env) as connection:
        dish_slugs = [slug for (slug,) in connection.execute("SELECT slug FROM menu_dish")]

    log = data_dir / "gunicorn.log"
    with gunicorn_serving(env, log) as url:
        yield Server(url=url, env=env, log=log, dish_slugs=sorted(dish_slugs))


@dataclass(frozen=True)
class Saved:
    """What one user has in the database."""

    menu_visits: int
    favourites: frozenset[str]
    # display name, theme, diet, most spice; None if never saved.
    preferences: tuple[str, str, frozenset[str], int] | None


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Hand a redirect back as the response: the client records the 302 it got."""

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
    ) -> IO[bytes]:
        return fp

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


@dataclass
class Client:
    """One visitor with their own cookies, and what the site told them it saved."""

    number: int
    url: str
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    signed_up: bool = False
    rounds: int = 0
    writes: int = 0
    menu_visits: int = 0
    visits_shown: list[int] = field(default_factory=list)
    favourites: set[str] = field(default_factory=set)
    preferences: tuple[str, str, frozenset[str], int] | None = None

    def __post_init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), KeepRedirects()
        )

    @property
    def username(self) -> str:
        return f"load-{self.number:03d}"

    def request(self, path: str, form: list[tuple[str, str]] | None = None) -> tuple[int, str]:
        """GET `path`, or POST `form` to it with the CSRF token; (0, "") if the request failed."""
        data = None
        if form is not None:
            # Django rotates the token at sign-up, so take the current one each time.
            token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
            data = urllib.parse.urlencode([("csrfmiddlewaretoken", token), *form]).encode()
        try:
            with self.opener.open(self.url + path, data=data, timeout=REQUEST_TIMEOUT) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode()
            error.close()
        except (OSError, http.client.HTTPException) as error:
            # Refused, reset, timed out: the server did not answer at all.
            self.failures.append(f"{'GET' if form is None else 'POST'} {path}: {error!r}")
            return 0, ""
        self.statuses[status] += 1
        if status not in EXPECTED_STATUSES:
            self.failures.append(f"{path}: {status}")
        return status, body

    def sign_up(self, start: threading.Barrier) -> None:
        try:
            status, _ = self.request("/accounts/signup/")
        finally:
            # Every client posts its sign-up at the same moment; one whose GET
            # failed still arrives, so no other client is left waiting.
            start.wait(timeout=60)
        if status != 200:
            return
        form = [("username", self.username), ("password1", PASSWORD), ("password2", PASSWORD)]
        status, _ = self.request("/accounts/signup/", form)
        self.signed_up = status == 302
        self.writes += self.signed_up

    def visit_menu(self) -> None:
        status, body = self.request("/menu/")
        if status == 200:
            # A visit count is a write too: an UPDATE of the user's row.
            self.writes += 1
            self.menu_visits += 1
            shown = VISITS_SHOWN.search(body)
            self.visits_shown.append(int(shown[1]) if shown else -1)

    def toggle_favourite(self, slug: str) -> None:
        action = "remove" if slug in self.favourites else "add"
        status, _ = self.request(f"/menu/{slug}/favorite/", [("action", action)])
        if status == 302:
            self.writes += 1
            if action == "add":
                self.favourites.add(slug)
            else:
                self.favourites.discard(slug)

    def save_preferences(self, round_number: int) -> None:
        name = f"Load {self.number} round {round_number}"
        theme = THEMES[round_number % len(THEMES)]
        diet = frozenset(DIETS[: round_number % (len(DIETS) + 1)])
        spice = round_number % 4
        form = [("display_name", name), ("theme", theme), ("max_spice", str(spice))]
        form += [("diet", choice) for choice in sorted(diet)]
        status, _ = self.request("/accounts/preferences/", form)
        if status == 302:
            self.writes += 1
            self.preferences = (name, theme, diet, spice)

    def saved(self) -> Saved:
        """What the site told this client it saved."""
        return Saved(self.menu_visits, frozenset(self.favourites), self.preferences)

    def run(self, start: threading.Barrier, deadline: float, dish_slugs: list[str]) -> None:
        self.sign_up(start)
        if not self.signed_up:
            return
        while self.rounds < MAX_ROUNDS and (
            self.rounds < MIN_ROUNDS or time.monotonic() < deadline
        ):
            if self.failures:
                # The server's state is unknown now; the failure is what to report.
                return
            self.visit_menu()
            # Each client toggles its own three dishes in turn (add, add, add,
            # remove, ...), and each dish is in the three of about 15 clients.
            # So the same dish is added and removed by many users at once, and
            # the clients end with different favourites left.
            dish = (self.number + 4 * (self.rounds % 3)) % len(dish_slugs)
            self.toggle_favourite(dish_slugs[dish])
            self.save_preferences(self.rounds)
            self.rounds += 1


def database_state(env: dict[str, str]) -> dict[str, Saved]:
    """What each user has in the database, read straight from it."""
    with reading(env) as connection:
        users = list(connection.execute("SELECT id, username, visit_count FROM accounts_user"))
        favourites = list(
            connection.execute(
                "SELECT f.user_id, d.slug FROM menu_favourite f"
                " JOIN menu_dish d ON d.id = f.dish_id"
            )
        )
        preferences = {
            user_id: (
                name,
                theme,
                frozenset(d for d, on in zip(DIETS, diet, strict=True) if on),
                spice,
            )
            for user_id, name, theme, *diet, spice in connection.execute(
                "SELECT user_id, display_name, theme, vegetarian, vegan, gluten_free, max_spice"
                " FROM accounts_preferences"
            )
        }
    return {
        username: Saved(
            menu_visits=visit_count,
            favourites=frozenset(slug for owner, slug in favourites if owner == user_id),
            preferences=preferences.get(user_id),
        )
        for user_id, username, visit_count in users
    }


def test_64_concurrent_writers_lose_nothing_and_never_see_database_is_locked(
    server: Server,
) -> None:
    clients = [Client(number=number, url=server.url) for number in range(CLIENTS)]
    start = threading.Barrier(CLIENTS)
    began = time.monotonic()
    deadline = began + LOAD_SECONDS
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        runs = [pool.submit(c.run, start, deadline, server.dish_slugs) for c in clients]
        for run in runs:
            run.result()
    elapsed = time.monotonic() - began

    # Django's own error log reaches the file (a 404 is logged as a warning),
    # so a "database is locked" or any other traceback would be in it too.
    with pytest.raises(urllib.error.HTTPError) as not_found:
        urllib.request.urlopen(server.url + "/menu/no-such-dish/", timeout=REQUEST_TIMEOUT)
    not_found.value.close()
    assert not_found.value.code == 404
    log = server.log.read_text()
    assert "Not Found: /menu/no-such-dish/" in log
    # What to show if a check below fails: the first error Django logged.
    first_error = log[log.find("Internal Server Error") :] if "Internal Server Error" in log else ""
    first_traceback = log[log.find("Traceback") :] if "Traceback" in log else ""
    explanation = (first_error or first_traceback)[:4000]

    # Every request was answered, with a page or a redirect: no 5xx, no
    # refused or timed-out connection, and no 403 that would mean no write happened.
    failures = [f"{c.username} {failure}" for c in clients for failure in c.failures]
    assert failures == [], f"{len(failures)} failed, first {failures[:10]}\n{explanation}"
    statuses = sum((c.statuses for c in clients), Counter())
    assert set(statuses) <= EXPECTED_STATUSES, statuses
    # A write that failed but still got an answer (a view that catches the
    # error, a retry) would not show above; the log shows it.
    assert log.count("database is locked") == 0, explanation
    assert first_traceback == "", explanation

    # The load really happened: every client signed up and wrote for the whole exercise.
    assert all(c.signed_up and c.preferences is not None for c in clients)
    assert min(c.rounds for c in clients) >= MIN_ROUNDS
    writes = sum(c.writes for c in clients)
    assert writes >= CLIENTS * (1 + 3 * MIN_ROUNDS)
    print(  # shown with -s: how much load this machine took
        f"{CLIENTS} clients, {writes} writes, {sum(statuses.values())} requests in "
        f"{elapsed:.1f} s ({sum(statuses.values()) / elapsed:.0f} requests/s), "
        f"rounds per client {min(c.rounds for c in clients)}..{max(c.rounds for c in clients)}"
    )

    # Each user's count is theirs alone, so the page shows 1, 2, 3... in order.
    visits_shown = {c.username: c.visits_shown for c in clients}
    assert visits_shown == {c.username: list(range(1, c.menu_visits + 1)) for c in clients}

    # The database holds exactly what each client was told was saved.
    assert database_state(server.env) == {c.username: c.saved() for c in clients}

    # On SQLite, the database really runs in WAL mode, a setting this test is about.
    if VENDOR == "sqlite":
        with reading(server.env) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
