import time
from collections.abc import Callable
from contextlib import ExitStack

from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from inspector.timing import MARKER, QueryTimer, Timing

GetResponse = Callable[[HttpRequest], HttpResponse]


class ServerTimingMiddleware:
    """Measure every response Django builds and report it in a `Server-Timing` header.

    It sits below WhiteNoise, so a static file is sent before the clock starts.
    Pages that asked for it with `{% server_timing %}` get the same numbers in words.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timer = QueryTimer()
        start = time.perf_counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(timer))
            response = self.get_response(request)
        timing = Timing(
            app_ms=(time.perf_counter() - start) * 1000,
            db_ms=timer.seconds * 1000,
            queries=timer.count,
        )
        response["Server-Timing"] = timing.header()
        if _is_html(response):
            self._fill_in(response, timing)
        return response

    @staticmethod
    def _fill_in(response: HttpResponse, timing: Timing) -> None:
        marker = MARKER.encode()
        if marker not in response.content:
            return
        response.content = response.content.replace(marker, timing.sentence().encode(), 1)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))


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


def _is_html(response: HttpResponse) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")
