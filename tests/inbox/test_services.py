"""Sending a member an e-mail keeps a copy of what was sent, and only of what was sent."""

import smtplib
from io import StringIO
from unittest import mock

import pytest
from django.core import mail

from inbox.models import SentMail
from inbox.services import HIDDEN, mail_send
from tests.factories import user_create

pytestmark = pytest.mark.django_db


def test_mail_send_e_mails_the_member_and_keeps_the_same_message() -> None:
    maya = user_create("maya")

    kept = mail_send(user=maya, kind=SentMail.Kind.SPECIAL, subject="Risotto", body="It is here.")

    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        ([maya.email], "Risotto", "It is here.")
    ]
    assert kept == SentMail.objects.get()
    assert (kept.user, kept.kind, kept.subject, kept.body) == (
        maya,
        "special",
        "Risotto",
        "It is here.",
    )


def test_a_secret_is_sent_but_never_kept() -> None:
    kept = mail_send(
        user=user_create(),
        kind=SentMail.Kind.PASSWORD_RESET,
        subject="Reset",
        body="Open /reset/MQ/abc-123-token/ to choose a password.",
        secret="abc-123-token",
    )

    assert "abc-123-token" in mail.outbox[0].body
    assert kept.body == f"Open /reset/MQ/{HIDDEN}/ to choose a password."


def test_an_e_mail_the_server_refused_is_logged_and_leaves_no_copy(site_log: StringIO) -> None:
    user = user_create()
    refused = smtplib.SMTPRecipientsRefused({user.email: (550, b"No such mailbox")})

    with mock.patch("inbox.services.send_mail", side_effect=refused):
        kept = mail_send(user=user, kind=SentMail.Kind.SPECIAL, subject="Risotto", body="Hi.")

    assert kept is None
    assert not SentMail.objects.exists()
    assert f"E-mail not sent to user {user.pk} (Risotto): SMTPRecipientsRefused" in (
        site_log.getvalue()
    )
