"""Exercise 06: maya opens the live menu in many tabs at once, and every visit is counted."""

import contextlib
import re
import threading
from collections.abc import Callable

from django.db import connection

from accounts.models import User
from exercises.grading import check, fail
from exercises.grading.site import expect_status, signed_in, text

TABS = 20
# How long the first tab to arrive waits for the others at each meeting point:
# long enough for all of them to get there, short enough to cost little when a
# tab cannot come (because another one holds the write lock, as it should).
MEETING_TIMEOUT = 2.0
COUNT = re.compile(r"opened the live menu (\d+) time")


def count_shown(page: str) -> int | None:
    found = COUNT.search(page)
    return int(found.group(1)) if found else None


def visits() -> int:
    return User.objects.get(username="maya").visit_count


class Meetings:
    """Make the requests meet twice, as busy servers sometimes do by chance: after each
    has read maya's row, and after each has written her count. The worst timing for a
    counter that reads a number, adds one and writes it back, made certain instead of rare."""

    def __init__(self, tabs: int) -> None:
        self.after_read = threading.Barrier(tabs, timeout=MEETING_TIMEOUT)
        self.after_write = threading.Barrier(tabs, timeout=MEETING_TIMEOUT)
        self.local = threading.local()

    def wrapper(self, execute: Callable, sql: str, params: object, many: bool, context: dict):
        result = execute(sql, params, many, context)
        statement = sql.lstrip().upper()
        touches_count = '"visit_count"' in sql and '"accounts_user"' in sql
        if touches_count and statement.startswith("SELECT"):
            self.meet("read", self.after_read)
        elif touches_count and statement.startswith("UPDATE"):
            self.meet("wrote", self.after_write)
        return result

    def meet(self, name: str, barrier: threading.Barrier) -> None:
        if getattr(self.local, name, False):
            return
        setattr(self.local, name, True)
        # A tab that cannot come (it waits for the write lock) breaks the
        # meeting, and the others go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()


def tabs_at_once(tabs: int = TABS) -> list[int | None]:
    """Open /menu/ as maya in `tabs` tabs at the same moment; the count each page showed."""
    clients = [signed_in("maya") for _ in range(tabs)]
    meetings = Meetings(tabs)
    shown: list[int | None] = [None] * tabs
    errors: list[str] = []

    def tab(index: int) -> None:
        try:
            with connection.execute_wrapper(meetings.wrapper):
                response = clients[index].get("/menu/")
            if response.status_code != 200:
                errors.append(f"{response.status_code} {response.reason_phrase}")
            shown[index] = count_shown(text(response))
        finally:
            connection.close()

    threads = [threading.Thread(target=tab, args=(index,)) for index in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        fail(
            expected=f"200 for each of {tabs} tabs opening /menu/ at once",
            got=f"{len(errors)} answered {errors[0]}",
            hint="A tab that waited too long for the database gives up: keep the time "
            "between reading and writing short, or let the database do the adding.",
        )
    return shown


@check(hint="The count is shown by templates/menu/list.html from the `visits` the view passes.")
def one_visit_counts_one():
    """Opening the live menu once, signed in, adds exactly one to the count and shows it."""
    before = visits()
    response = signed_in("maya").get("/menu/")
    expect_status(response, 200, what="GET /menu/ signed in as maya")
    after = visits()
    if after != before + 1:
        fail(expected=f"maya's count to go from {before} to {before + 1}", got=f"{after}")
    if count_shown(text(response)) != after:
        fail(
            expected=f'"You have opened the live menu {after} times" on the page',
            got=f"{count_shown(text(response))} shown"
            if count_shown(text(response)) is not None
            else "no count on the page",
        )


@check(
    needs=one_visit_counts_one,
    hint="Each request read maya's count, added one in Python and wrote the result back, so "
    "requests that read at the same moment all wrote the same number. Let the database add "
    'one to the value it holds at the moment of writing: an UPDATE with F("visit_count") + 1.',
)
def every_visit_counted():
    """Twenty visits at the same moment add exactly twenty to the count."""
    before = visits()
    tabs_at_once()
    after = visits()
    if after != before + TABS:
        fail(
            expected=f"maya's count to go from {before} to {before + TABS} after {TABS} visits",
            got=f"{after}: {before + TABS - after} of the {TABS} visits were lost",
        )


@check(
    needs=every_visit_counted,
    hint="The count is right in the database, but each page reads it back after other "
    "visits have added theirs. Make the adding and the reading one transaction "
    "(transaction.atomic): on this site a transaction takes SQLite's write lock as it "
    "begins, so no other visit can add in between.",
)
def each_visit_sees_its_own_number():
    """Of twenty visits at the same moment, each page shows a different count: its own."""
    before = visits()
    shown = tabs_at_once()
    expected = set(range(before + 1, before + TABS + 1))
    if set(shown) != expected:
        repeated = sorted({n for n in shown if shown.count(n) > 1 and n is not None})
        got = (
            f"every page showed {shown[0]}"
            if len(set(shown)) == 1
            else f"{len(set(shown))} different numbers; "
            + ", ".join(map(str, repeated))
            + " shown more than once"
        )
        fail(expected=f"the pages to show each of {before + 1} to {before + TABS} once", got=got)
