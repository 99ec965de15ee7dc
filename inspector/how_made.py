"""The "How this page was made" panel: the view, templates, queries and process behind a page.

The middleware that times a response builds the panel from the same
measurement, after the response is complete, so the panel and the
Server-Timing header cannot disagree.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, identify_hasher
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_resolver

from accounts.selectors import mask
from inspector.selectors import ServingProcess, clip, serving_process
from inspector.timing import TimedQuery, Timing

# Written into a page by `{% how_made %}` when the panel is on, replaced with
# the panel once the response is complete. Like the Server-Timing marker, only
# a template can put it into a page: visitors' text is escaped.
MARKER = "<!--how-made-->"

# A page that runs thousands of queries still gets a short panel: the first
# ones are listed, the rest counted.
QUERIES_LISTED = 50
# Longer SQL (a long IN list, say) is cut.
SQL_SHOWN_CHARS = 1000

# How Django stores a date and time in SQLite: kept readable in session queries.
DATETIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d")
SESSION_TABLE = '"django_session"'
ERROR_HANDLERS = {400, 403, 404, 500}


@dataclass(frozen=True)
class ShownQuery:
    sql: str
    ms: str


@dataclass(frozen=True)
class HowMade:
    view: str
    # Who answered when no view did: the URL resolver's handler for the status.
    handler: str
    templates: list[str]
    # Pieces of HTML kept from earlier requests and reused (config/fragments.py):
    # template name and how many times.
    reused: list[tuple[str, int]]
    process: ServingProcess
    withheld: bool
    timing: Timing
    queries: list[ShownQuery]
    # Worded as the Server-Timing header words them.
    app_ms: str
    db_ms: str
    unlisted: int
    unlisted_ms: str


def dotted_path(view: Callable[..., Any]) -> str:
    """`menu.views.menu_list` for a function, the class's path for a class-based view."""
    view = getattr(view, "view_class", view)
    if not hasattr(view, "__qualname__"):
        view = type(view)
    return f"{view.__module__}.{view.__qualname__}"


def is_password_hash(value: str) -> bool:
    """Whether `value` is a stored password: a hash Django can read, or an unusable one."""
    if value.startswith(UNUSABLE_PASSWORD_PREFIX) and len(value) > 1:
        return True
    try:
        identify_hasher(value)
    except ValueError:
        return False
    return True


def request_secrets(*, request: HttpRequest, response: HttpResponse) -> set[str]:
    """The session key and CSRF secret this exchange carried, the ones sent back included."""
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    values = {request.COOKIES.get(name) for name in names}
    values |= {response.cookies[name].value for name in names if name in response.cookies}
    values.add(request.META.get("CSRF_COOKIE"))
    session = getattr(request, "session", None)
    if session is not None:
        values.add(session.session_key)
    return {value for value in values if value}


def shown_value(value: Any, *, secrets: set[str], session_query: bool) -> Any:
    """`value` as the panel may show it: a secret masked, anything else as it was."""
    if not isinstance(value, str):
        return value
    # In a session query every string but a date is the key or the data.
    of_session = session_query and not DATETIME.match(value)
    if of_session or value in secrets or is_password_hash(value):
        return mask(value)
    return value


def sql_literal(value: Any) -> str:
    """`value` written as SQL, so the query reads as if typed by hand."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"X'{bytes(value).hex()}'"
    return "'" + str(value).replace("'", "''") + "'"


def sql_shown(query: TimedQuery, *, secrets: set[str]) -> str:
    """The query with its values filled in, secrets masked."""
    if query.many:
        return f"{query.sql} (run once for each of several sets of values)"
    if query.params is None:
        return query.sql
    session_query = SESSION_TABLE in query.sql

    def literal(value: Any) -> str:
        return sql_literal(shown_value(value, secrets=secrets, session_query=session_query))

    params = query.params
    try:
        if isinstance(params, Mapping):
            return query.sql % {name: literal(value) for name, value in params.items()}
        return query.sql % tuple(literal(value) for value in params)
    except (TypeError, ValueError, KeyError):
        # SQL whose placeholders do not match the values: shown as sent, with
        # the values out of the way.
        return query.sql


def facts(
    *,
    request: HttpRequest,
    response: HttpResponse,
    timing: Timing,
    queries: Iterable[TimedQuery],
    templates: Iterable[str],
    reused: dict[str, int],
    withheld: bool,
) -> HowMade:
    """What made this response, from the measurement the Server-Timing header was made of."""
    match = request.resolver_match
    handler = ""
    if match is None and response.status_code in ERROR_HANDLERS:
        urlconf = getattr(request, "urlconf", None)
        handler = dotted_path(get_resolver(urlconf).resolve_error_handler(response.status_code))
    secrets = request_secrets(request=request, response=response)
    listed = [] if withheld else list(queries)[:QUERIES_LISTED]
    listed_us = sum(query.microseconds for query in listed)
    total_us = round(timing.db_ms * 1000)
    return HowMade(
        view=dotted_path(match.func) if match else "",
        handler=handler,
        templates=list(templates),
        reused=list(reused.items()),
        process=serving_process(),
        withheld=withheld,
        timing=timing,
        queries=[
            ShownQuery(
                sql=clip(sql_shown(query, secrets=secrets), limit=SQL_SHOWN_CHARS),
                ms=f"{query.microseconds / 1000:.3f}",
            )
            for query in listed
        ],
        app_ms=f"{timing.app_ms:.1f}",
        db_ms=f"{timing.db_ms:.3f}",
        unlisted=0 if withheld else timing.queries - len(listed),
        unlisted_ms=f"{(total_us - listed_us) / 1000:.3f}",
    )


def panel(made: HowMade) -> str:
    return render_to_string("includes/how_made.html", {"made": made})
