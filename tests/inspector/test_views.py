"""/request/ over HTTP: it shows the request it answers, escaped, and a refused POST explained."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import user_create

pytestmark = pytest.mark.django_db

URL = "/request/"


@pytest.fixture
def csrf_client() -> Client:
    """A client that, like a browser, is held to the CSRF check."""
    return Client(enforce_csrf_checks=True)


def token_from(client: Client) -> str:
    client.get(URL)
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def test_the_named_url_is_the_address_the_static_pages_link_to() -> None:
    assert reverse("inspector:request") == URL


def test_query_parameters_are_shown_in_a_table_with_the_raw_string(client: Client) -> None:
    html = client.get(URL, {"dish": "tiramisu", "size": "large"}).content.decode()

    assert "<code>?dish=tiramisu&amp;size=large</code>" in html
    assert "<td><code>dish</code></td><td><code>tiramisu</code></td>" in html
    assert "<td><code>size</code></td><td><code>large</code></td>" in html


def test_html_in_a_query_value_is_shown_as_text(client: Client) -> None:
    html = client.get(URL, {"note": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_status_line_shown_is_the_one_sent(client: Client, method: str) -> None:
    response = getattr(client, method)(URL, {"dish": ""})
    sent = f"HTTP/1.1 {response.status_code} {response.reason_phrase}"

    assert f'<code class="status-line">{sent}</code>' in response.content.decode()


def test_headers_and_cookies_are_shown_with_the_session_key_masked(client: Client) -> None:
    client.force_login(user_create("ada"))
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    html = client.get(URL, headers={"user-agent": "Curious/1.0"}).content.decode()

    assert "<td><code>User-Agent</code></td><td><code>Curious/1.0</code></td>" in html
    assert f"<td><code>{settings.SESSION_COOKIE_NAME}</code></td>" in html
    assert session_key not in html
    assert session_key[:4] + "•" in html


def test_a_post_with_its_token_shows_the_data_received_escaped(csrf_client: Client) -> None:
    token = token_from(csrf_client)

    response = csrf_client.post(
        URL, {"csrfmiddlewaretoken": token, "dish": "tiramisu", "note": "<b>extra</b> cocoa"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "<td><code>dish</code></td><td><code>tiramisu</code></td>" in html
    assert "&lt;b&gt;extra&lt;/b&gt; cocoa" in html
    assert "<b>extra</b>" not in html
    assert token not in html
    assert "The form checked out." in html
    assert "<code>POST</code>" in html


def test_a_note_that_is_too_long_is_refused_and_kept_as_typed(csrf_client: Client) -> None:
    token = token_from(csrf_client)
    note = "n" * 201

    html = csrf_client.post(
        URL, {"csrfmiddlewaretoken": token, "dish": "tiramisu", "note": note}
    ).content.decode()

    assert "Ensure this value has at most 200 characters (it has 201)." in html
    assert f"{note}</textarea>" in html
    assert "The form checked out." not in html


def test_a_post_without_a_token_is_refused_with_a_page_that_explains(
    csrf_client: Client,
) -> None:
    response = csrf_client.post(URL, {"dish": "tiramisu"})
    html = response.content.decode()

    assert response.status_code == 403
    assert "<h1>403: a form sent without its token</h1>" in html
    assert "CSRF cookie not set." in html
    assert "tiramisu" not in html


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused_with_405(client: Client, method: str) -> None:
    response = getattr(client, method)(URL)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    # The 405 page keeps what the view's decorators said: never cache this.
    assert "no-store" in response["Cache-Control"]


def test_head_gets_the_headers_of_a_get_without_the_body(client: Client) -> None:
    response = client.head(URL)

    assert response.status_code == 200
    assert response.content == b""
    assert response["Server-Timing"].startswith("db;dur=")
