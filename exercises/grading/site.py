"""Helpers for checks: a browser on the site (Django's test client, with the
site's files answered in front of Django as gunicorn answers them, and every
middleware), signed-in visitors, forms with their CSRF token, and a plain
account of what went wrong on the server."""

import re
import sys
import threading

from django.core.signals import got_request_exception, request_started
from django.http import HttpResponse
from django.test import Client

from exercises.grading import fail
from exercises.grading.errors import describe_error
from tests.client import SiteClient

# The exception of the request this thread answered last, if it raised one:
# a 500 is reported with its own cause, never with an earlier request's.
_last_request = threading.local()


def _forget_error(sender: object, **kwargs: object) -> None:
    _last_request.error = None


def _remember_error(sender: object, request: object = None, **kwargs: object) -> None:
    _last_request.error = sys.exc_info()[1]


request_started.connect(_forget_error, dispatch_uid="exercises.grading.forget_error")
got_request_exception.connect(_remember_error, dispatch_uid="exercises.grading.errors")


def browser() -> Client:
    """A new visitor with no cookies. A server error comes back as a 500 response,
    and POSTs need a CSRF token, as in a real browser."""
    return SiteClient(raise_request_exception=False, enforce_csrf_checks=True)


def signed_in(username: str) -> Client:
    """A browser signed in as `username` (a demo account: maya, gus or chef)."""
    from accounts.models import User

    client = browser()
    client.force_login(User.objects.get(username=username))
    return client


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def post_form(client: Client, page: str, data: dict[str, object], *, to: str | None = None):
    """Open `page`, take the CSRF token from its form, and POST `data` to `to` (or the page)."""
    form_page = client.get(page)
    expect_status(form_page, 200, what=f"GET {page}")
    found = CSRF_FIELD.search(form_page.content.decode())
    token = found.group(1) if found else ""
    return client.post(to or page, {**data, "csrfmiddlewaretoken": token})


def status_line(response: HttpResponse) -> str:
    line = f"{response.status_code} {response.reason_phrase}"
    error = getattr(_last_request, "error", None)
    if response.status_code >= 500 and error is not None:
        line += f"; the server raised {describe_error(error)}"
    return line


def expect_status(
    response: HttpResponse, status: int, *, what: str = "the status", hint: str | None = None
) -> None:
    if response.status_code != status:
        fail(expected=f"{status} for {what}", got=status_line(response), hint=hint)


def header(response: HttpResponse, name: str) -> str:
    """A response header's value, or "" when the response has none."""
    return response.headers.get(name, "")


def body(response: HttpResponse) -> bytes:
    """The bytes of the body, whether Django built it or WhiteNoise streamed a file."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def text(response: HttpResponse) -> str:
    """The body as text, with tags removed and white space squeezed: what a reader sees."""
    without_tags = re.sub(r"<[^>]+>", " ", body(response).decode(errors="replace"))
    return " ".join(without_tags.replace("&amp;", "&").replace("&#x27;", "'").split())
