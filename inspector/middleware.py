import time
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import connections
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.log import log_response

from inspector import how_made
from inspector.recording import fragments_reused, record_template_names, templates_recorded
from inspector.timing import (
    MARKER,
    WITHHELD_HEADER,
    WITHHELD_SENTENCE,
    QueryTimer,
    Timing,
)

GetResponse = Callable[[HttpRequest], HttpResponse]


class ServerTimingMiddleware:
    """Measure every response Django builds and report it in a `Server-Timing` header.

    Files never reach Django (config/files.py answers them in front of it), so
    none carries the header: no code ran to time.
    Pages that asked for it with `{% server_timing %}` get the same numbers in words,
    and, when settings.SHOW_HOW_MADE is on, pages with `{% how_made %}` get the
    "How this page was made" panel, built from the same measurement.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        if settings.SHOW_HOW_MADE:
            record_template_names()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        show = settings.SHOW_HOW_MADE
        timer = QueryTimer(keep=how_made.QUERIES_LISTED if show else 0)
        start = time.perf_counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(timer))
            templates = stack.enter_context(templates_recorded()) if show else {}
            reused = stack.enter_context(fragments_reused()) if show else {}
            response = self.get_response(request)
        timing = Timing(
            app_ms=(time.perf_counter() - start) * 1000,
            db_ms=timer.microseconds / 1000,
            queries=timer.count,
        )
        withheld = _timing_withheld(request)
        if withheld:
            header, sentence = WITHHELD_HEADER, WITHHELD_SENTENCE
        else:
            header, sentence = timing.header(), timing.sentence()
        response["Server-Timing"] = header
        if not _is_html(response):
            return response
        _fill_in(response, MARKER, lambda: sentence)
        if show:
            facts = partial(
                how_made.facts,
                request=request,
                response=response,
                timing=timing,
                queries=timer.kept,
                templates=templates,
                reused=reused,
                withheld=withheld,
            )
            _fill_in(response, how_made.MARKER, lambda: how_made.panel(facts()))
        return response


class MethodNotAllowedPageMiddleware:
    """Give a bare 405 (from `require_POST` or a class-based view) a page that explains it.

    Django sends those with an empty body, which a browser shows as a blank page.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not _is_html(response) or response.content:
            return response
        # The body is filled in, the view's headers (Allow among them) kept.
        context = {"allowed": response.get("Allow", "")}
        response.content = render_to_string("405.html", context, request)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


# What reading a form body can raise. SuspiciousOperation covers a body over
# the size limit and too many fields; UnreadablePostError, a client that
# stopped sending half-way.
UNREADABLE = (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError)


class UnreadableFormMiddleware:
    """Refuse a POST whose body Django cannot read, with the site's 400 page.

    Django raises when the form data is first read: a charset other than
    UTF-8, a broken multipart body, too many fields, a body over the size
    limit. Read here first, so that one clear 400 answers and one line is
    logged. Left to the CSRF check, the error pages would read the body again
    and fail in turn: a form sent as latin-1 ended in gunicorn's bare 500 and
    35 tracebacks.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # noqa: B018  (reading it is the check)
            except UNREADABLE as error:
                response = render(request, "400.html", {"reason": str(error)}, status=400)
                log_response(
                    "Bad request (%s): %s", error, request.path, response=response, request=request
                )
                return response
        return self.get_response(request)


def _timing_withheld(request: HttpRequest) -> bool:
    """Whether the view that answered is one whose time could give an account away.

    A password reset for a known address renders and sends an e-mail; for an
    unknown one it does not, and the difference shows in the time taken.
    """
    match = request.resolver_match
    return match is not None and match.view_name in settings.SERVER_TIMING_WITHHELD_VIEWS


def _fill_in(response: HttpResponse, marker: str, text: Callable[[], str]) -> None:
    """Put `text` where the page has `marker`; `text` is made only for a page that has it."""
    marker_bytes = marker.encode()
    if marker_bytes not in response.content:
        return
    response.content = response.content.replace(marker_bytes, text().encode(), 1)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def _is_html(response: HttpResponse) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")
