from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import User
from accounts.services import preferences_adopt_from_session


@receiver(user_logged_in, dispatch_uid="accounts.adopt_session_preferences")
def adopt_session_preferences(sender: type, request: HttpRequest, user: User, **kwargs) -> None:
    """Preferences set before signing in (sign-up logs in too) follow the visitor in."""
    if request is not None and hasattr(request, "session"):
        preferences_adopt_from_session(user=user, session=request.session)
