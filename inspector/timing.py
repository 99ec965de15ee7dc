"""How long a dynamic response took to make, and how much of that was the database."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Written into a page by `{% server_timing %}`, replaced with the measurement
# once the response is complete. Visitors' text is escaped, so only a template
# can put this comment into a page.
MARKER = "<!--server-timing-->"

# What the header and the footer say instead on the pages in
# settings.SERVER_TIMING_WITHHELD_VIEWS.
WITHHELD_HEADER = 'app;desc="not reported: it could tell whether an account exists"'
WITHHELD_SENTENCE = (
    ". How long it took is not shown on this page: on a form that logs in, signs up or"
    " resets a password, the time could tell a stranger whether an account exists"
)


@dataclass(frozen=True)
class TimedQuery:
    """One query as the database was sent it, kept for the "How this page was made" panel."""

    sql: str
    # Not kept for a query run once per set of values (`many`): those may come
    # from a generator that running the query used up.
    params: Any
    many: bool
    microseconds: int


@dataclass
class QueryTimer:
    """A database execute wrapper that counts the queries run through it and their time.

    Each query's time is kept in whole microseconds, so that the total is
    exactly the sum of the times the panel lists. The first `keep` queries are
    kept whole (SQL, parameters, time) for the panel; none when it is off.
    """

    keep: int = 0
    count: int = 0
    microseconds: int = 0
    kept: list[TimedQuery] = field(default_factory=list)

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict
    ) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = round((time.perf_counter() - start) * 1_000_000)
            self.count += 1
            self.microseconds += elapsed
            if len(self.kept) < self.keep:
                self.kept.append(TimedQuery(sql, None if many else params, many, elapsed))


@dataclass(frozen=True)
class Timing:
    app_ms: float
    db_ms: float
    queries: int

    @property
    def query_noun(self) -> str:
        return "query" if self.queries == 1 else "queries"

    def header(self) -> str:
        """The Server-Timing value: the database's share, then all the work (`app`)."""
        return (
            f'db;dur={self.db_ms:.1f};desc="{self.queries} {self.query_noun}", '
            f"app;dur={self.app_ms:.1f}"
        )

    def sentence(self) -> str:
        """The same numbers as the header, worded for the page's footer."""
        return (
            f" in {self.app_ms:.1f} ms, with {self.queries} database {self.query_noun}"
            f" taking {self.db_ms:.1f} ms"
        )
