from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import has_vary_header, patch_cache_control
from django.utils.functional import SimpleLazyObject

from accounts.models import Preferences
from accounts.selectors import preferences_for_user, preferences_from_session


def preferences_for_request(request: HttpRequest) -> Preferences:
    if request.user.is_authenticated:
        return preferences_for_user(user=request.user)
    return preferences_from_session(session=request.session)


class PreferencesMiddleware:
    """Give each request `request.preferences`, loaded only if something reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.preferences = SimpleLazyObject(lambda: preferences_for_request(request))
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Mark a page that was built for one visitor as not for shared caches.

    The session and CSRF middleware add `Vary: Cookie` when a page depends on
    who asked; such a page gets `Cache-Control: private, no-cache` unless its
    view chose something stricter already.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if has_vary_header(response, "Cookie") and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
