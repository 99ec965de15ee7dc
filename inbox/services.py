"""Writes for members' mail: send an e-mail and keep the copy their mail page shows."""

import logging

from django.core.mail import send_mail
from django.utils import timezone

from accounts.models import User
from inbox.models import SentMail

logger = logging.getLogger(__name__)

# What stands for a secret (a password-reset token) in the kept copy.
HIDDEN = "[hidden in this copy: use the link in the e-mail]"


def mail_send(
    *, user: User, kind: SentMail.Kind, subject: str, body: str, secret: str = ""
) -> SentMail | None:
    """E-mail `user` through the configured backend and keep a copy of what was sent.

    Only a message the backend accepted is kept. When it fails (the SMTP server
    is down or refuses), the failure is logged and None returned: no copy claims
    the e-mail was sent, and the caller (an admin save, a password reset) goes on.
    `secret` is sent but left out of the copy, so the database holds no working
    reset link.
    """
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    # smtplib's errors are OSErrors, as are a refused or dropped connection.
    except OSError as error:
        logger.error(
            "E-mail not sent to user %s (%s): %s: %s", user.pk, subject, type(error).__name__, error
        )
        return None
    return SentMail.objects.create(
        user=user,
        kind=kind,
        subject=subject,
        body=body.replace(secret, HIDDEN) if secret else body,
        sent_at=timezone.now(),
    )
