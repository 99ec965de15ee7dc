"""How long a dynamic response took to make, and how much of that was the database."""

import time
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class QueryTimer:
    """A database execute wrapper that counts the queries run through it and their time."""

    count: int = 0
    seconds: float = 0.0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict
    ) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


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
