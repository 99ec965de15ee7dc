"""Errors get a page in the site's look, never a traceback."""

import pytest
from django.test import Client

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
