"""The static side: every page is a file, served by WhiteNoise as it is in the repo."""

import gzip
import re

import brotli
import pytest
from django.conf import settings
from django.http import FileResponse
from django.test import Client

from pages.catalogue import PAGES, StaticPage
from tests.markup import HASHED_LINK, with_plain_asset_names

every_page = pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_view_runs")]


ASSET_LINK = re.compile(rb'(?:href|src)="(/static/[^"]+)"')
# /how-it-works/ links a file that is not there, on purpose, to show a 404.
MISSING_ON_PURPOSE = b"/static/img/no-such-diagram.svg"


def source_of(page: StaticPage) -> bytes:
    return (settings.PAGES_SOURCE_DIR / page.file).read_bytes()


def published(page: StaticPage) -> bytes:
    return (settings.PAGES_BUILD_DIR / page.file).read_bytes()


def body_of(response: FileResponse) -> bytes:
    return b"".join(response.streaming_content)


@every_page
def test_page_is_the_file_in_the_repo_with_only_its_asset_links_hashed(
    client: Client, page: StaticPage, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        response = client.get(page.path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "utf-8" in response["Content-Type"]
    body = body_of(response)
    assert body == published(page)
    assert with_plain_asset_names(body) == source_of(page)


@every_page
def test_every_asset_a_page_links_is_hashed_and_kept_for_a_year(
    client: Client, page: StaticPage
) -> None:
    links = ASSET_LINK.findall(body_of(client.get(page.path)))

    assert links
    for link in links:
        if link == MISSING_ON_PURPOSE:
            continue
        asset = client.get(link.decode())
        assert HASHED_LINK.search(b'href="' + link + b'"'), link
        assert asset.status_code == 200, link
        assert "immutable" in asset["Cache-Control"], link


@every_page
def test_page_sets_no_cookie_and_does_not_vary_by_cookie(client: Client, page: StaticPage) -> None:
    client.cookies["sessionid"] = "a-session-the-file-never-reads"

    response = client.get(page.path)

    assert "Set-Cookie" not in response
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert "private" not in response["Cache-Control"]


@every_page
def test_page_is_the_same_bytes_and_etag_for_a_visitor_with_a_theme(
    client: Client, page: StaticPage
) -> None:
    stranger = client.get(page.path)
    member = Client()
    member.cookies["theme"] = "dark"
    member.cookies["sessionid"] = "a-signed-in-session"

    themed = member.get(page.path)

    assert themed["ETag"] == stranger["ETag"]
    assert body_of(themed) == body_of(stranger) == published(page)
    assert not themed.cookies


@every_page
def test_page_answers_a_conditional_get_with_304(client: Client, page: StaticPage) -> None:
    first = client.get(page.path)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get(page.path, headers={"if-none-match": etag})
    by_date = client.get(page.path, headers={"if-modified-since": last_modified})
    changed = client.get(page.path, headers={"if-none-match": '"not-this-one"'})

    assert by_etag.status_code == 304
    assert body_of(by_etag) == b""
    assert by_date.status_code == 304
    assert changed.status_code == 200


@every_page
@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_page_is_sent_compressed_ahead_of_time_when_the_browser_accepts_it(
    client: Client, page: StaticPage, encoding: str, decompress
) -> None:
    suffix = {"br": ".br", "gzip": ".gz"}[encoding]
    compressed_file = settings.PAGES_BUILD_DIR / f"{page.file}{suffix}"

    response = client.get(page.path, headers={"accept-encoding": encoding})
    body = body_of(response)

    assert response["Content-Encoding"] == encoding
    assert response["Vary"] == "Accept-Encoding"
    assert body == compressed_file.read_bytes()
    assert decompress(body) == published(page)
    assert len(body) < len(published(page))


@every_page
def test_head_sends_the_headers_without_the_body(client: Client, page: StaticPage) -> None:
    response = client.head(page.path)

    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(published(page))
    assert body_of(response) == b""


@every_page
def test_post_is_refused_with_405(client: Client, page: StaticPage) -> None:
    response = client.post(page.path, {"dish": "tiramisu"})

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("page", [p for p in PAGES if p.path != "/"], ids=lambda p: p.path)
def test_page_address_without_trailing_slash_redirects_to_the_page(
    client: Client, page: StaticPage
) -> None:
    response = client.get(page.path.rstrip("/"))

    assert response.status_code == 302
    assert response["Location"] == page.path.strip("/").split("/")[-1] + "/"
