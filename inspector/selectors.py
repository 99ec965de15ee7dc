"""What the server received: the parts of an HTTP request, ready to show to its sender."""

import os
import socket
import threading
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, QueryDict

from accounts.selectors import cookies_masked, mask

# Longer values are cut, so a huge query string or form field stays a short page.
SHOWN_CHARS = 200
# Headers that carry a credential; their values are masked like the session key.
SECRET_HEADERS = {"Authorization", "Proxy-Authorization", "X-Csrftoken"}
CSRF_FIELD = "csrfmiddlewaretoken"


def clip(value: str, *, limit: int = SHOWN_CHARS) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass(frozen=True)
class RequestSummary:
    url: str
    method: str
    path: str
    protocol: str
    query_string: str
    query: list[tuple[str, str]]
    headers: list[tuple[str, str]]
    cookies: dict[str, str]
    post: list[tuple[str, str]]


def request_summary(*, request: HttpRequest) -> RequestSummary:
    """The request line, query, headers, cookies and form data, with secrets masked."""
    cookies = cookies_masked(
        request.COOKIES, secret={settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    )
    headers = []
    for name, value in request.headers.items():
        if name == "Cookie":
            value = "; ".join(f"{cookie}={shown}" for cookie, shown in cookies.items())
        elif name in SECRET_HEADERS:
            value = mask(value)
        headers.append((name, clip(value)))
    return RequestSummary(
        url=clip(request.build_absolute_uri()),
        method=request.method or "",
        path=clip(request.path),
        protocol=request.META.get("SERVER_PROTOCOL", "HTTP/1.1"),
        query_string=clip(request.META.get("QUERY_STRING", "")),
        query=[(clip(name), clip(value)) for name, value in _pairs(request.GET)],
        headers=sorted(headers),
        cookies={clip(name): clip(value) for name, value in cookies.items()},
        post=[
            (clip(name), mask(value) if name == CSRF_FIELD else clip(value))
            for name, value in _pairs(request.POST)
        ],
    )


def _pairs(data: QueryDict) -> list[tuple[str, str]]:
    """Every name and value, a name sent twice (`?topping=a&topping=b`) twice."""
    return [(name, value) for name, values in data.lists() for value in values]


@dataclass(frozen=True)
class ServingProcess:
    """The operating-system process and thread that answered a request."""

    pid: int
    parent_pid: int
    thread: str
    # The machine, or the container, it runs on: replicas of one image differ here.
    host: str
    instance: str


def serving_process() -> ServingProcess:
    """Who is answering: under gunicorn, a worker process (its parent is the
    arbiter that started it) and one of that worker's threads."""
    return ServingProcess(
        pid=os.getpid(),
        parent_pid=os.getppid(),
        thread=threading.current_thread().name,
        host=socket.gethostname(),
        instance=settings.INSTANCE_NAME,
    )
