"""Stylesheets, images and icons: hashed, compressed ahead of time, and all reachable."""

import re

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client

from pages.catalogue import PAGES
from tests.markup import local_references

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("no_view_runs")
def test_hashed_stylesheet_is_cached_forever_and_sent_as_brotli(client: Client) -> None:
    url = staticfiles_storage.url("css/site.css")

    response = client.get(url, headers={"accept-encoding": "br, gzip"})
    body = b"".join(response.streaming_content)

    assert url != "/static/css/site.css"
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(body) == (settings.BASE_DIR / "static/css/site.css").read_bytes()


@pytest.mark.usefixtures("no_view_runs")
def test_the_stylesheet_under_its_plain_name_is_cached_briefly(client: Client) -> None:
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_every_address_a_static_page_links_to_or_loads_is_served(client: Client, page) -> None:
    html = (settings.PAGES_SOURCE_DIR / page.file).read_text()

    references = local_references(html)

    assert references
    for reference in references:
        assert client.get(reference, follow=True).status_code == 200, reference


def test_a_static_page_and_a_dynamic_page_link_the_same_stylesheet(client: Client) -> None:
    stylesheet = re.compile(rb'<link rel="stylesheet" href="([^"]+)"')

    in_file = stylesheet.findall(b"".join(client.get("/takeout/").streaming_content))
    in_view = stylesheet.findall(client.get("/menu/").content)

    assert in_file == in_view
