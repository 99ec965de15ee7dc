"""Site-wide middleware: security headers (config/files.py gives the files the
same ones), the health check, and the caching rule for pages built per visitor."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import has_vary_header, patch_cache_control
from django.utils.log import log_response

from config.health import database_problem

GetResponse = Callable[[HttpRequest], HttpResponse]


class SecurityHeadersMiddleware:
    """The headers Django has no setting for: Permissions-Policy and
    Cross-Origin-Resource-Policy (no other site may embed what this one serves)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PrivatePagesMiddleware:
    """Keep a page that was built for one visitor out of shared caches.

    The session and CSRF middleware add `Vary: Cookie` when a page depends on
    who asked; such a page gets `Cache-Control: private, no-cache`, unless its
    view set a Cache-Control of its own (as `never_cache` does).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if has_vary_header(response, "Cookie") and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer /healthz with JSON: can the database take a write (config/health.py)?

    It answers before Django checks the Host header or opens a session, so a
    probe inside the container needs no public host name and gets no cookie.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        problem = database_problem()
        if problem is None:
            response = JsonResponse({"status": "ok", "database": "ok"})
        else:
            response = JsonResponse({"status": "error", "database": problem}, status=503)
            # One line that says why, instead of Django's "Service Unavailable".
            log_response(
                "Health check: the database %s", problem, response=response, request=request
            )
        response["Cache-Control"] = "no-store"
        return response
