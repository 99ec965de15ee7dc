"""What /how-it-works/ says about a page Django builds holds for this site."""

import gzip
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_admin_login_page_is_built_per_request_and_never_cached(client: Client) -> None:
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "Cookie" in response["Vary"]
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_live_menu_without_a_cookie_hands_out_a_session_key_and_counts_a_first_visit(
    client: Client,
) -> None:
    response = client.get("/menu/")
    cookie = response.cookies["sessionid"]

    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert response["Vary"] == "Cookie, Accept-Encoding"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Server-Timing"].startswith("db;dur=")
    assert "opened the live menu <strong>1</strong> time." in response.content.decode()


def test_live_menu_with_the_cookie_counts_on_and_without_it_starts_again(client: Client) -> None:
    client.get("/menu/")

    second = client.get("/menu/").content.decode()
    stranger = Client().get("/menu/").content.decode()

    assert "opened the live menu <strong>2</strong> times" in second
    assert "opened the live menu <strong>1</strong> time." in stranger


def test_a_page_built_here_is_sent_gzipped_to_a_browser_that_accepts_it(client: Client) -> None:
    plain = client.get("/menu/")
    packed = client.get("/menu/", headers={"accept-encoding": "gzip, deflate, br"})

    html = gzip.decompress(packed.content).decode()
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
    assert "Accept-Encoding" in packed["Vary"]
    # Compressed after the timing middleware wrote its sentence into the page.
    assert re.search(r"Built for you just now by a view in [\d.]+ ms", html)
