"""Log-in lockout: per account and address, with a ceiling per address.

django-axes counts failed log-ins per account and address
(AXES_LOCKOUT_PARAMETERS), so one student's typos lock only their own
account, and only from where they are typing; everyone else behind the
same classroom address, the admin included, still logs in. A success
clears that account's failures there and no others: logging in to your own
account, or signing up, does not wipe the failures you made against `chef`.

Counted per account alone, an address could guess a few passwords at each of
any number of accounts (password spraying). So the address as a whole is
refused too, once LOGIN_ADDRESS_FAILURE_LIMIT failures against accounts that
did not then log in have come from it within the cool-off time.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.http import HttpRequest

from throttling.selectors import address_failure_count


def address_locked(request: HttpRequest) -> bool:
    """Whether the address behind `request` has failed to log in too often, on any accounts."""
    failures = address_failure_count(
        ip_address=request.axes_ip_address, since=get_cool_off_threshold(request)
    )
    return failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class LoginLockoutHandler(AxesDatabaseHandler):
    """AXES_HANDLER: django-axes' database handler, with the ceiling per address."""

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or address_locked(request)

    def user_login_failed(
        self, sender: object, credentials: dict, request: HttpRequest | None = None, **kwargs
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not request.axes_locked_out and address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
