"""Redirects that may follow a `next` address sent by the visitor."""

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str | None:
    """The `next` address if it is a path on this site, else None.

    Only a path (`/menu/`) is followed. A bare word (`x`, `4`) would be taken
    by `redirect()` for a URL name, so user input could reach `reverse()` and
    fail after the form's write; another site's address would send the
    visitor away.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None


def redirect_to_next(request: HttpRequest, *, default: str) -> HttpResponseRedirect:
    """To the visitor's checked `next` path, or else to `default`, a URL the view chose."""
    return HttpResponseRedirect(safe_next(request) or default)
