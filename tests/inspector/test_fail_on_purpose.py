"""/request/fail/: a server error a learner can cause locally, and that production lacks."""

import importlib
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse

import config.urls
import inspector.urls

pytestmark = pytest.mark.django_db

URL = "/request/fail/"


def reload_urls() -> None:
    importlib.reload(inspector.urls)
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def production_urls(settings) -> Iterator[None]:
    """The URLs as production loads them: the settings are read when urls.py is imported."""
    settings.FAILURE_DEMO = False
    reload_urls()
    yield
    settings.FAILURE_DEMO = True
    reload_urls()


def test_the_named_url_is_the_address_how_it_works_posts_to() -> None:
    assert reverse("inspector:fail") == URL


def test_the_view_fails_with_the_500_page_that_tells_server_from_client_errors(caplog) -> None:
    client = Client(raise_request_exception=False)

    response = client.get(URL)

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>500: the kitchen dropped this order</h1>" in html
    assert "A server error, not a client error" in html
    assert "FailedOnPurpose" not in html
    assert "Traceback" not in html
    assert "FailedOnPurpose: This view failed on purpose" in caplog.text


def test_a_post_is_refused_with_405_and_fails_nothing(client: Client) -> None:
    assert client.post(URL).status_code == 405


@pytest.mark.usefixtures("production_urls")
def test_production_has_no_such_address(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 404
    assert "404: nothing on the menu at this address" in response.content.decode()


@pytest.mark.usefixtures("production_urls")
def test_production_tells_page_scripts_there_is_no_failing_view(client: Client) -> None:
    assert client.get("/api/server/").json()["fail_on_purpose"] is None
