from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from throttling.services import Rate, rate_limit_hit

View = Callable[..., HttpResponse]


def rate_limited(scope: str, *, client: Callable[[HttpRequest], str], what: str) -> Callable:
    """Refuse a view's POSTs with 429 once one client has sent more than
    settings.RATE_LIMITS[scope] of them.

    `client` names who is counted (their address, the e-mail address they
    typed); `what` says in words what was counted, for the page.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def limited_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            # A POST that names no client (a blank e-mail) is not counted: it
            # sends nothing, and one count for all of them would refuse everyone.
            who = client(request) if request.method == "POST" else ""
            if who:
                rate = Rate(*settings.RATE_LIMITS[scope])
                retry_after = rate_limit_hit(scope=scope, client=who, rate=rate)
                if retry_after is not None:
                    return _refused(request, rate=rate, what=what, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def _refused(request: HttpRequest, *, rate: Rate, what: str, retry_after: int) -> HttpResponse:
    context = {
        "limit": rate.limit,
        "what": what,
        "every": every(rate.period),
        "retry_minutes": -(-retry_after // 60),
    }
    response = render(
        request, "throttling/rate_limited.html", context, status=HTTPStatus.TOO_MANY_REQUESTS
    )
    response["Retry-After"] = str(retry_after)
    return response


def every(period: timedelta) -> str:
    """A period in words: "every hour", "every 10 minutes"."""
    seconds = int(period.total_seconds())
    units = [("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)]
    unit, size = next((unit, size) for unit, size in units if seconds % size == 0)
    count = seconds // size
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"
