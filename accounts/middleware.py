from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

from accounts.models import Preferences
from accounts.selectors import preferences_for_user, preferences_from_session

# The cookie that tells the static pages' script (static/js/theme.js) which
# theme to apply: a file cannot read the session, but a script can read this.
THEME_COOKIE = "theme"
THEME_COOKIE_AGE = 60 * 60 * 24 * 365


def preferences_for_request(request: HttpRequest) -> Preferences:
    if request.user.is_authenticated:
        return preferences_for_user(user=request.user)
    return preferences_from_session(session=request.session)


def preferences_loaded(request: HttpRequest) -> bool:
    """Whether this request's preferences were read (or replaced, as saving and log-in do)."""
    preferences = request.preferences
    return type(preferences) is not SimpleLazyObject or preferences._wrapped is not empty


def theme_cookie_sync(*, request: HttpRequest, response: HttpResponse, theme: str) -> None:
    """Set the `theme` cookie to a pinned theme, or delete it for "same as my device"."""
    wanted = theme if theme in (Preferences.Theme.LIGHT, Preferences.Theme.DARK) else None
    if request.COOKIES.get(THEME_COOKIE) == wanted:
        return
    if wanted is None:
        response.delete_cookie(THEME_COOKIE, samesite="Lax")
        return
    response.set_cookie(
        THEME_COOKIE,
        wanted,
        max_age=THEME_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # theme.js reads it; it holds nothing secret.
        samesite="Lax",
    )


class PreferencesMiddleware:
    """Give each request `request.preferences`, loaded only if something reads it.

    When a response did load them (every page that shows a theme does), the
    `theme` cookie is brought in step with them. Saving preferences, logging in
    and logging out replace them, so their responses do too. A response that
    never read them (/api/server/, a redirect) leaves the cookie alone and
    costs no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.preferences = SimpleLazyObject(lambda: preferences_for_request(request))
        response = self.get_response(request)
        if preferences_loaded(request):
            theme_cookie_sync(request=request, response=response, theme=request.preferences.theme)
        return response
