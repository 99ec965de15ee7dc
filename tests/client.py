"""Django's test client, seeing the site as gunicorn serves it.

gunicorn serves config.wsgi.application: the site's files are answered by
config.files.FilesFirst in front of Django, and only the rest reaches Django's
handler. Django's test client calls that handler directly, so on its own it
would find no file at all. With this handler (tests/conftest.py puts it under
every test client; the exercises' grader uses SiteClient), a request for a file
gets the front's real WSGI answer, status, headers and bytes, and any other
request goes to Django as before.
"""

from collections.abc import Iterable

from django.core.handlers.wsgi import WSGIRequest
from django.http import StreamingHttpResponse
from django.test.client import Client, ClientHandler

from config.files import FilesFirst, Headers


def not_for_django(environ: dict, start_response: object) -> Iterable[bytes]:
    raise AssertionError("SiteClientHandler sends only files through the front")


class SiteClientHandler(ClientHandler):
    front: FilesFirst | None = None

    def __call__(self, environ: dict) -> StreamingHttpResponse:
        # Built at the first request, as Django builds its middleware chain,
        # so settings changed by a test before it take effect.
        if self.front is None:
            self.front = FilesFirst(not_for_django)
        if self.front.file_for(environ) is None:
            return super().__call__(environ)
        started: dict[str, object] = {}

        def start_response(status: str, headers: Headers, exc_info: object = None) -> None:
            started.update(status=status, headers=headers)

        body = self.front(environ, start_response)
        response = StreamingHttpResponse(body, status=int(str(started["status"]).split()[0]))
        del response["Content-Type"]
        for name, value in started["headers"]:
            response[name] = value
        response.wsgi_request = WSGIRequest(environ)
        return response


class SiteClient(Client):
    def __init__(self, *, enforce_csrf_checks: bool = False, **defaults: object) -> None:
        super().__init__(enforce_csrf_checks=enforce_csrf_checks, **defaults)
        self.handler = SiteClientHandler(enforce_csrf_checks)
