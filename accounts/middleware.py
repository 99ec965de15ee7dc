from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
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
