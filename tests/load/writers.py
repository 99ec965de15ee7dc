"""Visitors who write at once: each signs up, then opens the live menu, favourites
and unfavourites dishes and saves preferences, and remembers what the site said
it saved; `database_state` reads what the database holds, to compare."""

import http.client
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from typing import IO

from tests.browser.conftest import PASSWORD
from tests.databases import reading

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


def write_at_once(url: str, dish_slugs: list[str]) -> tuple[list[Client], float]:
    """CLIENTS visitors writing through `url` at once; the clients, and the seconds taken."""
    clients = [Client(number=number, url=url) for number in range(CLIENTS)]
    start = threading.Barrier(CLIENTS)
    began = time.monotonic()
    deadline = began + LOAD_SECONDS
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        runs = [pool.submit(c.run, start, deadline, dish_slugs) for c in clients]
        for run in runs:
            run.result()
    return clients, time.monotonic() - began
