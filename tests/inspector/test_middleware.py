"""Server-Timing, the footer that repeats it, and the 405 page, over HTTP."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspector.middleware import MethodNotAllowedPageMiddleware
from menu.demo import dishes_load
from pages.catalogue import PAGES
from tests.factories import user_create

pytestmark = pytest.mark.django_db

HEADER = re.compile(r'^db;dur=(\d+\.\d);desc="(\d+) quer(?:y|ies)", app;dur=(\d+\.\d)$')
FOOTER = re.compile(
    r"Built for you just now by a view in (\d+\.\d) ms, "
    r"with (\d+) database quer(?:y|ies) taking (\d+\.\d) ms\."
)
# The driver ends a transaction itself, not through a cursor, so no execute
# wrapper sees it; Django's query log lists it all the same.
TRANSACTION_ENDS = {"COMMIT", "ROLLBACK"}


def timed(client: Client, url: str) -> tuple[re.Match, list[str], str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    header = HEADER.match(response["Server-Timing"])
    assert header, response["Server-Timing"]
    statements = [query["sql"] for query in queries if query["sql"] not in TRANSACTION_ENDS]
    return header, statements, response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True], ids=["stranger", "signed-in"])
@pytest.mark.parametrize(
    "url", ["/menu/", "/menu/tiramisu/", "/accounts/", "/request/?dish=tiramisu", "/no-such-page/"]
)
def test_server_timing_counts_the_queries_the_request_really_made(
    client: Client, url: str, signed_in: bool
) -> None:
    dishes_load()
    if signed_in:
        client.force_login(user_create())

    header, statements, _ = timed(client, url)
    db_ms, count, app_ms = float(header[1]), int(header[2]), float(header[3])

    assert count == len(statements)
    assert 0 < app_ms < 10_000
    assert 0 <= db_ms <= app_ms


def test_footer_repeats_the_numbers_in_the_server_timing_header(client: Client) -> None:
    dishes_load()
    client.force_login(user_create())

    header, _, html = timed(client, "/menu/")
    footer = FOOTER.search(html)

    assert footer, html[-800:]
    assert (footer[1], footer[2], footer[3]) == (header[3], header[2], header[1])


def test_content_length_is_the_length_of_the_page_with_the_footer_filled_in(
    client: Client,
) -> None:
    response = client.get("/request/")

    assert int(response["Content-Length"]) == len(response.content)
    assert b"<!--server-timing-->" not in response.content


def test_a_visitor_cannot_plant_the_footer_marker_in_a_page(client: Client) -> None:
    response = client.get("/request/", {"note": "<!--server-timing-->"})
    html = response.content.decode()

    assert "&lt;!--server-timing--&gt;" in html
    assert len(FOOTER.findall(html)) == 1


@pytest.mark.usefixtures("no_view_runs")
@pytest.mark.parametrize("url", [page.path for page in PAGES] + ["/static/css/site.css"])
def test_static_files_are_sent_before_the_timing_starts(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 200
    assert "Server-Timing" not in response


def test_admin_pages_are_timed_too(client: Client, admin_user) -> None:
    client.force_login(admin_user)

    response = client.get(reverse("admin:menu_dish_changelist"))

    assert HEADER.match(response["Server-Timing"])


@pytest.mark.parametrize(
    ("url", "allowed"), [("/menu/tiramisu/favorite/", "POST"), ("/accounts/logout/", "POST")]
)
def test_a_get_to_a_post_only_address_gets_a_page_that_explains_the_405(
    client: Client, url: str, allowed: str
) -> None:
    dishes_load()

    response = client.get(url)
    html = response.content.decode()

    assert response.status_code == 405
    assert response["Allow"].startswith(allowed)
    assert "405 Method Not Allowed" in html
    assert "<h1>405: this address does not take GET requests</h1>" in html
    assert FOOTER.search(html)


def test_a_405_without_an_allow_header_still_gets_its_page() -> None:
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    middleware = MethodNotAllowedPageMiddleware(lambda request: HttpResponse(status=405))

    response = middleware(request)

    assert response.status_code == 405
    assert "405: this address does not take GET requests" in response.content.decode()


def test_head_on_the_live_menu_is_answered_like_a_get_without_a_body(client: Client) -> None:
    dishes_load()

    response = client.head("/menu/")

    assert response.status_code == 200
    assert response.content == b""


def test_the_405_page_names_the_method_that_was_refused(client: Client) -> None:
    response = client.generic("PATCH", "/menu/tiramisu/favorite/")

    assert response.status_code == 405
    assert "405: this address does not take PATCH requests" in response.content.decode()


AUTH_FORMS = {
    "accounts:login": {"username": "sam", "password": "not-it"},
    "accounts:signup": {"username": "sam", "password1": "x", "password2": "y"},
    "accounts:password_reset": {"email": "sam@example.test"},
    "admin:login": {"username": "sam", "password": "not-it"},
}
# The admin's own templates have no footer to say it in.
SITE_FORMS = {"accounts:login", "accounts:signup", "accounts:password_reset"}


@pytest.mark.parametrize("name", AUTH_FORMS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_auth_pages_report_no_timing_and_say_why(client: Client, name: str, method: str) -> None:
    response = getattr(client, method)(reverse(name), AUTH_FORMS[name])

    assert response["Server-Timing"] == (
        'app;desc="not reported: it could tell whether an account exists"'
    )
    if name in SITE_FORMS and response.status_code == 200:
        assert "How long it took is not shown on this page" in response.content.decode()


def test_a_password_reset_answers_the_same_for_a_known_and_an_unknown_address(
    client: Client,
) -> None:
    user_create("sam")
    url = reverse("accounts:password_reset")

    known = client.post(url, {"email": "sam@example.test"})
    unknown = Client().post(url, {"email": "nobody@example.test"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert sorted(known.headers) == sorted(unknown.headers)
    assert known["Server-Timing"] == unknown["Server-Timing"]
    assert "dur=" not in known["Server-Timing"]


def test_pages_that_know_no_account_still_report_their_timing(client: Client) -> None:
    assert HEADER.match(client.get(reverse("accounts:password_reset_done"))["Server-Timing"])
    assert HEADER.match(client.get(reverse("menu:list"))["Server-Timing"])
