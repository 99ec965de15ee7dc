from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import Preferences, User
from accounts.selectors import preferences_for_user
from accounts.services import preferences_adopt_from_session


@receiver(user_logged_in, dispatch_uid="accounts.adopt_session_preferences")
def adopt_session_preferences(sender: type, request: HttpRequest, user: User, **kwargs) -> None:
    """Preferences set before signing in (sign-up logs in too) follow the visitor in."""
    if request is not None and hasattr(request, "session"):
        preferences_adopt_from_session(user=user, session=request.session)


# Connected after the receiver above, so the preferences it carried in are the ones read.
@receiver(user_logged_in, dispatch_uid="accounts.preferences_follow_log_in")
def preferences_follow_log_in(sender: type, request: HttpRequest, user: User, **kwargs) -> None:
    """This request now speaks for `user`: their preferences (and theme cookie) apply."""
    if request is not None:
        request.preferences = preferences_for_user(user=user)


@receiver(user_logged_out, dispatch_uid="accounts.preferences_forgotten_on_log_out")
def preferences_forgotten_on_log_out(sender: type, request: HttpRequest, **kwargs) -> None:
    """Logging out empties the session: the defaults apply, and the theme cookie goes."""
    if request is not None:
        request.preferences = Preferences()
