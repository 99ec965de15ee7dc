"""Errors get a page in the site's look, never a traceback, and a client's mistake
costs one line in the log."""

from io import StringIO

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/static/css/no-such-sheet.css", "/no-such-page/", "/takeout/no-such-dish.html"]
)
def test_missing_file_or_page_gets_the_404_page(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    html = response.content.decode()
    assert "404: nothing on the menu at this address" in html
    assert f"<code>{path}</code>" in html
    assert 'class="site-nav"' in html
    assert "Traceback" not in html


def test_404_page_escapes_the_address_it_echoes(client: Client) -> None:
    html = client.get("/<script>alert(1)</script>/").content.decode()

    assert "<script>alert(1)" not in html


@pytest.mark.urls("tests.urls_failing")
def test_failing_view_gets_the_500_page_without_a_traceback(caplog) -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "500: the kitchen dropped this order" in html
    assert 'class="site-nav"' in html
    assert "the oven is on fire" not in html
    assert "Traceback" not in html
    assert "the oven is on fire" in caplog.text


TOO_BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
FORM = "application/x-www-form-urlencoded"
UNREADABLE_BODIES = {
    "latin-1": (b"username=caf\xe9", f"{FORM}; charset=latin-1"),
    "iso-8859-1": (b"username=caf\xe9", f"{FORM}; charset=iso-8859-1"),
    "utf-16": (
        "username=sam".encode("utf-16"),
        f"{FORM}; charset=utf-16",
    ),
    "over the size limit": (b"note=" + b"a" * TOO_BIG, FORM),
    "too many fields": (
        "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)).encode(),
        FORM,
    ),
    "multipart without a boundary": (b"--x\r\n", "multipart/form-data"),
    "multipart with a broken boundary": (b"--x\r\n", "multipart/form-data; boundary=\xff"),
}


def csrf_client() -> tuple[Client, str]:
    """A client that enforces CSRF, holding a well-formed csrftoken cookie."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:signup"))
    return client, client.cookies["csrftoken"].value


@pytest.mark.parametrize("path", ["/accounts/signup/", "/request/", "/no-such-page/"])
@pytest.mark.parametrize("kind", UNREADABLE_BODIES)
def test_an_unreadable_form_body_gets_the_400_page_and_one_log_line(
    site_log: StringIO, kind: str, path: str
) -> None:
    client, token = csrf_client()
    body, content_type = UNREADABLE_BODIES[kind]

    response = client.generic("POST", path, body, content_type=content_type, HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>400: the kitchen could not read this order</h1>" in html
    assert f"<code>{path}</code>" in html
    assert not User.objects.exists()
    log = site_log.getvalue()
    assert log.count("\n") == 1, log
    assert log.startswith("Bad request (")
    assert log.endswith(f"): {path}\n")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_host_the_site_does_not_serve_gets_the_400_page_and_one_log_line(
    site_log: StringIO, method: str
) -> None:
    client, token = csrf_client()

    response = client.generic(
        method,
        "/accounts/signup/",
        f"csrfmiddlewaretoken={token}",
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST="evil.example",
        HTTP_ORIGIN="http://evil.example",
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "400: the kitchen could not read this order" in html
    assert "ALLOWED_HOSTS" not in html
    assert site_log.getvalue() == (
        "Invalid HTTP_HOST header: 'evil.example'. "
        "You may need to add 'evil.example' to ALLOWED_HOSTS.\n"
    )
