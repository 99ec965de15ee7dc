"""Site-wide middleware over HTTP: security headers everywhere, /healthz, private pages."""

import json
from io import StringIO
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from menu.demo import dishes_load
from pages.catalogue import PAGES

pytestmark = pytest.mark.django_db

CSP = {
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
}
EVERY_KIND_OF_RESPONSE = [
    "/takeout/",  # a static page
    "/static/css/site.css",  # a static asset, unhashed
    "HASHED_STYLESHEET",  # the same, hashed and cached forever
    "/menu/",  # a dynamic page
    "/admin/login/",  # the admin
    "/no-such-page/",  # a 404
    "/healthz",  # the health check
]


def address(url: str) -> str:
    return staticfiles_storage.url("css/site.css") if url == "HASHED_STYLESHEET" else url


@pytest.mark.parametrize("url", EVERY_KIND_OF_RESPONSE)
def test_every_response_carries_the_security_headers(client: Client, url: str) -> None:
    response = client.get(address(url))

    assert set(response["Content-Security-Policy"].split("; ")) == CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", [page.path for page in PAGES] + ["/static/css/site.css"])
def test_static_files_are_not_offered_to_other_sites_scripts(client: Client, url: str) -> None:
    assert "Access-Control-Allow-Origin" not in client.get(url)


def test_healthz_answers_json_after_taking_the_write_lock(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    # Inside the test's own transaction, the health check's is a savepoint; the
    # PRAGMAs (SQLite) or SET LOCAL (PostgreSQL) shorten the wait for the lock.
    statements = [
        query["sql"]
        for query in queries
        if "SAVEPOINT" not in query["sql"] and not query["sql"].startswith(("PRAGMA", "SET LOCAL"))
    ]
    assert statements == ["UPDATE django_migrations SET app = app WHERE 1 = 0"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_healthz_sets_no_cookie_and_opens_no_session(client: Client) -> None:
    client.cookies["sessionid"] = "a-session-the-probe-never-reads"

    response = client.get("/healthz")

    assert not response.cookies
    assert "Vary" not in response
    assert not Session.objects.exists()


@override_settings(ALLOWED_HOSTS=["table.example"], SECURE_SSL_REDIRECT=True)
def test_healthz_needs_no_public_host_name_and_no_https(client: Client) -> None:
    """A probe inside the container asks plain http://127.0.0.1:8000/healthz."""
    probe = client.get("/healthz", headers={"host": "127.0.0.1:8000"})
    visitor = client.get("/menu/", headers={"host": "table.example"})

    assert probe.status_code == 200
    assert visitor.status_code == 301
    assert visitor["Location"] == "https://table.example/menu/"


def test_healthz_says_503_and_why_when_the_database_cannot_be_written(
    client: Client, site_log: StringIO
) -> None:
    refusal = DatabaseError("attempt to write a readonly database")
    with mock.patch("config.health.connection.cursor", side_effect=refusal):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "database": "cannot be written: attempt to write a readonly database",
    }
    assert site_log.getvalue() == (
        "Health check: the database cannot be written: attempt to write a readonly database\n"
    )


@pytest.mark.parametrize("url", ["/menu/", "/menu/tiramisu/", "/accounts/session/"])
def test_a_page_built_for_one_visitor_is_kept_out_of_shared_caches(
    client: Client, url: str
) -> None:
    dishes_load()

    response = client.get(url)

    assert "Cookie" in response["Vary"]
    assert response["Cache-Control"] == "private, no-cache"


def test_a_view_that_chose_never_cache_keeps_its_own_header(client: Client) -> None:
    response = client.get(reverse("accounts:login"))

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_the_static_side_stays_public(client: Client) -> None:
    assert client.get("/takeout/")["Cache-Control"] == "max-age=60, public"
