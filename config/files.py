"""The files of the site, answered in front of Django: for a file, Django never runs.

gunicorn hands every request to `FilesFirst` (config/wsgi.py). If the path is
one of the files WhiteNoise listed at start-up (a static page in build/pages/,
an asset in build/static/), WhiteNoise sends it, compressed ahead of time, with
its ETag and caching headers; everything else goes on to Django. No URL
routing, middleware, session or database is involved in sending a file, which
is the lesson of the takeout side made literal, and what makes it fast: side
by side on /takeout/ with the same gunicorn settings, about 10,000 requests a
second this way against 5,300 with WhiteNoise as a Django middleware.

A file still carries the security headers a page built by Django carries. They
are the headers that settings.SECURITY_MIDDLEWARE adds, asked of those very
middlewares once, at start-up, on an empty response: one place decides them
for both sides.
"""

from collections.abc import Callable, Iterable
from io import BytesIO
from wsgiref.headers import Headers as WSGIHeaders
from wsgiref.util import FileWrapper

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.responders import StaticFile
from whitenoise.string_utils import decode_path_info

Headers = list[tuple[str, str]]
StartResponse = Callable[..., object]
WSGIApplication = Callable[[dict, StartResponse], Iterable[bytes]]


def security_headers(*, secure: bool) -> Headers:
    """The headers settings.SECURITY_MIDDLEWARE adds to a 200 answer over HTTPS or HTTP."""

    def blank_page(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    handler = blank_page
    for path in reversed(settings.SECURITY_MIDDLEWARE):
        handler = import_string(path)(handler)
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/",
            "SERVER_NAME": "files",
            "SERVER_PORT": "443" if secure else "80",
            "wsgi.url_scheme": "https" if secure else "http",
            "wsgi.input": BytesIO(),
        }
    )
    response = handler(request)
    blank = HttpResponse()
    return [(name, value) for name, value in response.items() if name not in blank]


class FilesFirst(WhiteNoiseMiddleware):
    """WhiteNoise as WSGI middleware, configured from Django's settings.

    WhiteNoiseMiddleware reads every WHITENOISE_* setting, the static files'
    manifest (hashed names are cached for ever) and, with DEBUG, the finders;
    this class keeps all of that and answers at the WSGI level instead of
    inside Django's middleware.
    """

    def __init__(self, application: WSGIApplication) -> None:
        super().__init__()
        self.application = application
        self.secure_headers = security_headers(secure=True)
        # Over plain HTTP a file is sent only when the site does not redirect to HTTPS.
        if not settings.SECURE_SSL_REDIRECT:
            self.plain_headers = security_headers(secure=False)
        # Only these settings make the answer depend on the request's scheme.
        self.scheme_matters = settings.SECURE_SSL_REDIRECT or settings.SECURE_HSTS_SECONDS

    def add_mime_headers(self, headers: WSGIHeaders, path: str, url: str) -> None:
        # "text/html; charset=utf-8", as Django writes it for a page and nginx
        # for a file: WhiteNoise would quote the charset, and a file served by
        # an instance and by nginx in front would differ for nothing.
        media_type = self.media_types.get_type(path)
        if media_type.startswith("text/"):
            media_type += f"; charset={self.charset}"
        headers["Content-Type"] = media_type

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        found = self.file_for(environ)
        if found is None:
            return self.application(environ, start_response)
        static_file, headers = found
        response = static_file.get_response(environ["REQUEST_METHOD"], environ)
        start_response(f"{response.status} {response.status.phrase}", response.headers + headers)
        if response.file is None:
            return []
        return environ.get("wsgi.file_wrapper", FileWrapper)(response.file)

    def file_for(self, environ: dict) -> tuple[StaticFile, Headers] | None:
        """The file this request asks for and the security headers to send with it,
        or None when Django answers: not a file, or a file asked for over plain HTTP
        when the site redirects to HTTPS (Django redirects it, as it does any page)."""
        path = decode_path_info(environ.get("PATH_INFO", ""))
        static_file = self.find_file(path) if self.autorefresh else self.files.get(path)
        if static_file is None:
            return None
        if not self.scheme_matters:
            return static_file, self.plain_headers
        if WSGIRequest(environ).is_secure():
            return static_file, self.secure_headers
        if settings.SECURE_SSL_REDIRECT:
            return None
        return static_file, self.plain_headers
