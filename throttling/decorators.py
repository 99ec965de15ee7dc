from collections.abc import Callable
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
            if request.method == "POST":
                rate = Rate(*settings.RATE_LIMITS[scope])
                retry_after = rate_limit_hit(scope=scope, client=client(request), rate=rate)
                if retry_after is not None:
                    return _refused(request, rate=rate, what=what, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def _refused(request: HttpRequest, *, rate: Rate, what: str, retry_after: int) -> HttpResponse:
    context = {
        "limit": rate.limit,
        "what": what,
        "period_minutes": int(rate.period.total_seconds() // 60),
        "retry_minutes": -(-retry_after // 60),
    }
    response = render(
        request, "throttling/rate_limited.html", context, status=HTTPStatus.TOO_MANY_REQUESTS
    )
    response["Retry-After"] = str(retry_after)
    return response
