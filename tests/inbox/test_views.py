"""The "Your mail" page: a signed-in member's own e-mails, and how to get one."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inbox.models import SentMail
from tests.factories import user_create

pytestmark = pytest.mark.django_db

URL = reverse("inbox:list")


def test_mail_page_needs_sign_in(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


def test_mail_page_shows_a_members_own_mail_and_never_anothers(client: Client) -> None:
    maya, gus = user_create("maya"), user_create("gus")
    now = timezone.now()
    SentMail.objects.create(
        user=maya, kind="special", subject="Risotto today", body="Maya, it is on.", sent_at=now
    )
    SentMail.objects.create(
        user=gus, kind="special", subject="Torte today", body="Gus's secret torte.", sent_at=now
    )
    client.force_login(maya)

    page = client.get(URL).content.decode()

    assert "Risotto today" in page
    assert "Maya, it is on." in page
    assert "Torte today" not in page
    assert "secret torte" not in page


def test_empty_mail_page_says_how_to_get_a_notice(client: Client) -> None:
    client.force_login(user_create())

    page = client.get(URL).content.decode()

    assert "No mail yet" in page
    assert "add it to your favourites" in page
    assert reverse("accounts:preferences") in page


def test_mail_page_is_linked_from_every_signed_in_page_and_is_read_only(client: Client) -> None:
    client.force_login(user_create())

    assert f'href="{URL}"' in client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{URL}"' in client.get(reverse("menu:list")).content.decode()
    assert client.post(URL).status_code == 405
