"""Signing up, logging in and out, preferences, the dashboard and the session page."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Preferences, User
from tests.factories import user_create
from tests.markup import region

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-for-tests"
PREFERENCES = {
    "display_name": "Sam",
    "theme": "dark",
    "diet": ["vegetarian"],
    "max_spice": "2",
}


def test_sign_up_creates_the_account_and_signs_in(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {"username": "sam", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).context["user"].username == "sam"


def test_sign_up_with_mismatched_passwords_keeps_what_was_typed(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {"username": "sam", "email": "sam@example.test", "password1": PASSWORD, "password2": "x"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The two password fields didn\u2019t match." in html
    assert 'value="sam@example.test"' in html
    assert not User.objects.exists()


@pytest.mark.parametrize("target", ["x", "4", "true", "[]", "accounts:session"])
def test_sign_up_with_a_next_that_is_not_a_path_signs_up_and_goes_to_the_dashboard(
    client: Client, target: str
) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {"username": "sam", "password1": PASSWORD, "password2": PASSWORD, "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert User.objects.filter(username="sam").exists()


def test_sign_up_follows_a_next_path_on_this_site(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {"username": "sam", "password1": PASSWORD, "password2": PASSWORD, "next": "/menu/"},
    )

    assert response["Location"] == "/menu/"


def test_log_in_honours_next_on_this_site_only(client: Client) -> None:
    user_create("sam")
    login = reverse("accounts:login")
    credentials = {"username": "sam", "password": "pw-for-tests"}

    inside = client.post(f"{login}?next=/menu/", credentials)
    client.post(reverse("accounts:logout"))
    outside = client.post(f"{login}?next=https://evil.example/", credentials)

    assert inside["Location"] == "/menu/"
    assert outside["Location"] == reverse("accounts:dashboard")


def test_log_out_is_post_only(client: Client) -> None:
    client.force_login(user_create())

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response["Location"] == reverse("menu:list")
    assert "_auth_user_id" not in client.session


def test_csrf_is_required_for_every_form_post() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_create())

    for name in ["accounts:preferences", "accounts:session", "accounts:logout"]:
        assert client.post(reverse(name), PREFERENCES).status_code == 403, name


def test_dashboard_needs_sign_in(client: Client) -> None:
    response = client.get(reverse("accounts:dashboard"))

    assert response["Location"] == f"{reverse('accounts:login')}?next=/accounts/"


def test_password_reset_mails_a_link_that_sets_a_new_password(client: Client) -> None:
    user_create("sam")

    client.post(reverse("accounts:password_reset"), {"email": "sam@example.test"})
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    logged_in = client.post(reverse("accounts:login"), {"username": "sam", "password": PASSWORD})

    assert logged_in.status_code == 302
    assert logged_in["Location"] == reverse("accounts:dashboard")


def test_password_change_keeps_you_signed_in(client: Client) -> None:
    client.force_login(user_create("sam"))

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw-for-tests", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )

    assert response["Location"] == reverse("accounts:password_change_done")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_signed_in_preferences_are_saved_and_set_the_theme(client: Client) -> None:
    user = user_create()
    client.force_login(user)

    client.post(reverse("accounts:preferences"), PREFERENCES)
    html = client.get(reverse("menu:list")).content.decode()

    assert Preferences.objects.get(user=user).vegetarian is True
    assert '<html lang="en" data-theme="dark">' in html
    assert "Welcome back, <strong>Sam</strong>" in html


def test_strangers_preferences_are_kept_in_the_session_and_follow_them_into_an_account(
    client: Client,
) -> None:
    client.post(reverse("accounts:preferences"), PREFERENCES)
    assert "Hello, <strong>Sam</strong>" in client.get(reverse("menu:list")).content.decode()

    client.post(
        reverse("accounts:signup"),
        {"username": "sam", "password1": PASSWORD, "password2": PASSWORD},
    )

    stored = Preferences.objects.get(user__username="sam")
    assert (stored.display_name, stored.theme, stored.max_spice) == ("Sam", "dark", 2)


def test_bad_preferences_change_nothing_and_show_why(client: Client) -> None:
    user = user_create()
    user.email = ""
    user.save()
    client.force_login(user)

    response = client.post(
        reverse("accounts:preferences"),
        PREFERENCES | {"max_spice": "9", "email_notifications": "on"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. 9 is not one of the available choices." in html
    assert "Your account has no e-mail address" in html
    assert 'value="Sam"' in html
    assert not Preferences.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["Sam\nSmith", "Sam\x1b[31m", "\u202enimda", "Sam\x00", "Sam\ufffd", "Sam\x7f"],
    ids=["newline", "escape", "right-to-left override", "NUL", "not UTF-8", "delete"],
)
def test_a_display_name_with_control_characters_is_refused_and_changes_nothing(
    client: Client, name: str
) -> None:
    client.force_login(user_create())

    response = client.post(reverse("accounts:preferences"), PREFERENCES | {"display_name": name})

    assert response.status_code == 200
    assert "no control characters" in response.content.decode()
    assert not Preferences.objects.exists()


@pytest.mark.parametrize("name", ["Zoë", "李小龍", "Sam 🍝", "O'Brien-Smith", "🧑‍🍳"])
def test_a_display_name_in_any_script_is_kept(client: Client, name: str) -> None:
    user = user_create()
    client.force_login(user)

    client.post(reverse("accounts:preferences"), PREFERENCES | {"display_name": name})

    assert Preferences.objects.get(user=user).display_name == name


def test_display_name_with_html_is_shown_escaped(client: Client) -> None:
    client.force_login(user_create())

    client.post(reverse("accounts:preferences"), PREFERENCES | {"display_name": "<b>Sam</b>"})
    html = client.get(reverse("menu:list")).content.decode()

    assert "&lt;b&gt;Sam&lt;/b&gt;" in html
    assert "<b>Sam</b>" not in html


def test_session_page_shows_what_the_server_keeps_with_the_key_masked(client: Client) -> None:
    client.get(reverse("menu:list"))
    client.get(reverse("menu:list"))
    key = client.cookies["sessionid"].value

    html = client.get(reverse("accounts:session")).content.decode()

    assert key not in html
    assert key[:4] in html
    assert "HttpOnly" in html
    assert "menu_visits" in html


def test_session_page_says_a_key_from_a_first_visit_has_nothing_stored_yet(
    client: Client,
) -> None:
    client.get(reverse("menu:list"))

    html = client.get(reverse("accounts:session")).content.decode()

    assert "Nothing yet." in html
    assert "menu_visits" not in html


def test_forget_me_flushes_the_session_and_signs_out(client: Client) -> None:
    client.force_login(user_create())
    old_key = client.session.session_key

    response = client.post(reverse("accounts:session"), follow=True)

    assert client.session.session_key != old_key
    assert response.context["user"].is_authenticated is False
    assert "Forgotten" in response.content.decode()


def test_password_reset_e_mail_is_on_the_members_mail_page_without_its_link(
    client: Client,
) -> None:
    sam = user_create("sam")

    client.post(reverse("accounts:password_reset"), {"email": "sam@example.test"})
    token = re.search(r"/password/reset/\w+/([\w-]+)/", mail.outbox[0].body).group(1)
    client.force_login(sam)
    page = client.get(reverse("inbox:list")).content.decode()

    assert "Reset your password at Takeout &amp; Table" in page
    assert "Someone asked to reset the password of the account sam" in page
    assert "[hidden in this copy: use the link in the e-mail]" in page
    assert token not in page


def seed_demo() -> None:
    call_command("seed_demo", stdout=StringIO())


def demo_table(client: Client) -> str:
    """The table of demo accounts in the log-in page's main content ("" if there is none)."""
    main = " ".join(region(client.get(reverse("accounts:login")).content.decode(), "main"))
    start, end = main.find("<table>"), main.find("</table>")
    return main[start:end] if start >= 0 else ""


def test_local_log_in_page_lists_the_demo_accounts_that_exist(client: Client) -> None:
    seed_demo()
    User.objects.filter(username="gus").delete()

    table = demo_table(client)

    assert "<td> <code> maya </code> </td> <td> <code> maya-likes-it-hot </code> </td>" in table
    assert "vegetarian who likes spice" in table
    assert "<code> chef </code>" in table
    assert "gus" not in table


def test_log_in_page_lists_no_demo_accounts_when_there_are_none(client: Client) -> None:
    user_create("maia")

    assert demo_table(client) == ""


def test_log_in_page_never_lists_demo_accounts_in_production(client: Client, settings) -> None:
    seed_demo()
    settings.PRODUCTION = True

    assert demo_table(client) == ""
    assert "maya-likes-it-hot" not in client.get(reverse("accounts:login")).content.decode()


def test_log_in_page_sends_a_signed_in_member_on(client: Client) -> None:
    client.force_login(user_create())

    response = client.get(reverse("accounts:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
