"""config/files.py: the site's files are answered in front of Django, with a page's security
headers."""

from io import BytesIO
from unittest import mock

import pytest
from django.core.handlers.base import BaseHandler
from django.test import Client, override_settings

from config.files import FilesFirst

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
)
HSTS = {"SECURE_HSTS_SECONDS": 3600, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}


def security_of(response: object) -> dict[str, str | None]:
    return {name: response.get(name) for name in SECURITY_HEADERS}


def wsgi_get(application: FilesFirst, path: str) -> tuple[str, dict[str, str], bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
    }
    started = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info=None) -> None:
        started.update(status=status, headers=dict(headers))

    body = b"".join(application(environ, start_response))
    return started["status"], started["headers"], body


def test_a_file_is_answered_before_django_runs_at_all() -> None:
    def django(environ: dict, start_response: object) -> list[bytes]:
        raise AssertionError("Django ran for a file")

    with mock.patch.object(BaseHandler, "get_response", side_effect=AssertionError("a view")):
        status, headers, body = wsgi_get(FilesFirst(django), "/takeout/")

    assert status == "200 OK"
    assert body.startswith(b"<!doctype html>")
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/menu/", "/healthz", "/static/no-such-file.css"])
def test_anything_else_goes_on_to_django(path: str) -> None:
    def django(environ: dict, start_response) -> list[bytes]:
        start_response("200 OK", [])
        return [b"built by Django for " + environ["PATH_INFO"].encode()]

    assert wsgi_get(FilesFirst(django), path) == (
        "200 OK",
        {},
        f"built by Django for {path}".encode(),
    )


@pytest.mark.parametrize("path", ["/takeout/", "/static/css/site.css", "/about"])
def test_a_file_carries_the_security_headers_of_a_page(client: Client, path: str) -> None:
    page = client.get("/menu/")

    assert security_of(client.get(path)) == security_of(page)


@override_settings(**HSTS)
def test_over_https_a_file_carries_hsts_as_a_page_does(client: Client) -> None:
    page = client.get("/menu/", secure=True)
    file = client.get("/takeout/", secure=True)

    assert file["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"
    assert security_of(file) == security_of(page)
    assert "Strict-Transport-Security" not in client.get("/takeout/")


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["table.example"], **HSTS)
def test_a_file_asked_for_over_plain_http_is_redirected_to_https_like_a_page(
    client: Client,
) -> None:
    file = client.get("/takeout/", headers={"host": "table.example"})
    secure = client.get("/takeout/", headers={"host": "table.example"}, secure=True)

    assert file.status_code == 301
    assert file["Location"] == "https://table.example/takeout/"
    assert secure.status_code == 200
    assert "Strict-Transport-Security" in secure


def test_a_304_and_a_405_for_a_file_carry_the_security_headers(client: Client) -> None:
    page = security_of(client.get("/menu/"))
    etag = client.get("/hours/")["ETag"]

    not_modified = client.get("/hours/", headers={"if-none-match": etag})
    not_allowed = client.post("/hours/")

    assert (not_modified.status_code, not_allowed.status_code) == (304, 405)
    assert security_of(not_modified) == security_of(not_allowed) == page


def test_a_file_names_its_charset_as_a_page_does(client: Client) -> None:
    assert client.get("/hours/")["Content-Type"] == "text/html; charset=utf-8"
    assert client.get("/menu/")["Content-Type"] == "text/html; charset=utf-8"
    assert client.get("/static/css/site.css")["Content-Type"] == "text/css; charset=utf-8"
