"""The "How this page was made" panel over HTTP: what it names, that it agrees with
Server-Timing, that it keeps secrets, and that it is gone when switched off."""

import html
import re
from unittest import mock

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory, override_settings
from django.views.defaults import server_error

from accounts.models import User
from accounts.selectors import mask
from inspector.middleware import ServerTimingMiddleware
from menu.demo import dishes_load
from tests.browser.conftest import PASSWORD
from tests.config.test_settings import PRODUCTION, load_settings
from tests.factories import user_create
from tests.inspector.test_middleware import FOOTER, HEADER

pytestmark = pytest.mark.django_db

PANEL = re.compile(r'<details class="how-made">.*?</details>', re.DOTALL)
QUERY_TIME = re.compile(r'<span class="how-made-ms">(\d+\.\d{3}) ms</span>')
TOTALS = re.compile(r"(\d+) quer(?:y|ies) taking (\d+\.\d{3}) ms in all, of the (\d+\.\d) ms")


def panel_of(response: HttpResponse) -> str:
    found = PANEL.search(response.content.decode())
    assert found, response.content.decode()[-1500:]
    return html.unescape(found[0])


def test_the_menu_names_its_view_its_templates_and_its_queries(client: Client) -> None:
    dishes_load()

    panel = panel_of(client.get("/menu/"))

    assert "<summary>How this page was made</summary>" in panel
    assert "<code>menu.views.menu_list</code>" in panel
    templates = re.findall(r"<li><code>([\w/]+\.html)</code></li>", panel)
    assert templates[:2] == ["menu/list.html", "base.html"]
    assert "includes/visitor.html" in templates
    assert re.search(r'<code>SELECT .*FROM "menu_dish"', panel)


def test_the_menu_says_which_rows_it_reused_from_an_earlier_request(client: Client) -> None:
    dishes_load()
    client.get("/menu/")

    page = client.get("/menu/")

    rows = page.content.decode().count('<li class="dish ')
    assert rows > 1
    assert f"<li><code>menu/row.html</code>, {rows} times</li>" in panel_of(page)
    assert "<li><code>includes/nav.html</code>, 1 time</li>" in panel_of(page)


@pytest.mark.parametrize("url", ["/menu/", "/menu/tiramisu/", "/accounts/", "/no-such-page/"])
def test_the_panel_agrees_with_the_server_timing_header(client: Client, url: str) -> None:
    dishes_load()
    client.force_login(user_create())

    response = client.get(url)
    header = HEADER.match(response["Server-Timing"])
    panel = panel_of(response)
    totals = TOTALS.search(panel)
    times = [float(ms) for ms in QUERY_TIME.findall(panel)]

    assert totals, panel
    assert int(totals[1]) == int(header[2]) == len(times)
    assert f"{sum(times):.3f}" == totals[2]
    assert f"{float(totals[2]):.1f}" == header[1]
    assert totals[3] == header[3]


def test_the_process_named_is_the_one_that_answered(client: Client) -> None:
    process = client.get("/api/server/").json()

    panel = panel_of(client.get("/menu/"))

    assert f"The process with id <code>{process['pid']}</code>" in panel
    assert f"thread <code>{process['thread']}</code>" in panel
    assert f"Its parent is process <code>{process['parent_pid']}</code>" in panel


@override_settings(INSTANCE_NAME="kitchen-b")
def test_the_instance_is_named_when_it_has_a_name(client: Client) -> None:
    panel = panel_of(client.get("/menu/"))

    assert "This copy of the site is called <code>kitchen-b</code>." in panel


def test_a_page_with_no_view_names_the_handler_that_answered(client: Client) -> None:
    panel = panel_of(client.get("/no-such-page/"))

    assert "<code>django.views.defaults.page_not_found</code>" in panel
    assert "<code>404.html</code>" in panel


def test_after_signing_up_no_page_shows_the_session_key_token_or_password_hash(
    client: Client,
) -> None:
    client.get("/accounts/signup/")
    client.post(
        "/accounts/signup/",
        {"username": "nora", "password1": PASSWORD, "password2": PASSWORD},
    )
    session_key = client.cookies["sessionid"].value
    csrf_token = client.cookies["csrftoken"].value
    stored = User.objects.get(username="nora").password

    page = client.get("/accounts/session/").content.decode()
    panel = panel_of(client.get("/accounts/"))

    assert 'FROM "django_session"' in panel
    assert f"'{mask(session_key)}'" in panel
    for secret in (session_key, csrf_token, stored):
        assert secret not in panel
        assert secret not in page


@pytest.mark.parametrize(
    ("url", "view"),
    [
        ("/accounts/login/", "accounts.views.LoginView"),
        ("/accounts/signup/", "accounts.views.signup"),
        ("/accounts/password/reset/", "accounts.views.PasswordResetView"),
    ],
)
def test_forms_that_could_give_an_account_away_list_no_queries_and_say_why(
    client: Client, url: str, view: str
) -> None:
    user_create("maya")

    # Each form refuses this, so the page comes back with the panel.
    response = client.post(url, {"username": "maya", "password": "wrong", "email": "no-at-sign"})
    panel = panel_of(response)

    assert f"<code>{view}</code>" in panel
    assert "Not listed on this page, and not timed" in panel
    assert "SELECT" not in panel
    assert not QUERY_TIME.search(panel)
    assert not TOTALS.search(panel)


@override_settings(SHOW_HOW_MADE=False)
def test_when_switched_off_there_is_no_panel_and_the_footer_and_header_stay(
    client: Client,
) -> None:
    dishes_load()

    response = client.get("/menu/")
    page = response.content.decode()

    assert "How this page was made" not in page
    assert "<!--how-made-->" not in page
    assert FOOTER.search(page)
    assert HEADER.match(response["Server-Timing"])


@override_settings(SHOW_HOW_MADE=False)
def test_when_switched_off_nothing_is_recorded() -> None:
    with (
        mock.patch("inspector.middleware.record_template_names") as wrap,
        mock.patch("inspector.middleware.templates_recorded") as record,
    ):
        middleware = ServerTimingMiddleware(lambda request: HttpResponse("<p>hi</p>"))
        middleware(RequestFactory().get("/"))

    wrap.assert_not_called()
    record.assert_not_called()


def test_it_is_on_locally_off_in_production_and_the_variable_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_settings(monkeypatch)["SHOW_HOW_MADE"] is True
    assert load_settings(monkeypatch, DJANGO_SHOW_HOW_MADE="0")["SHOW_HOW_MADE"] is False
    assert load_settings(monkeypatch, **PRODUCTION)["SHOW_HOW_MADE"] is False
    on = load_settings(monkeypatch, **PRODUCTION, DJANGO_SHOW_HOW_MADE="1")
    assert on["SHOW_HOW_MADE"] is True


@pytest.mark.parametrize(
    ("method", "url", "status", "headers"),
    [
        ("get", "/no-such-page/", 404, {}),
        ("get", "/menu/tiramisu/favorite/", 405, {}),
        ("post", "/request/", 403, {}),
        ("get", "/menu/", 400, {"host": "not-this-site.example"}),
    ],
)
def test_error_pages_show_the_panel_with_their_status_and_a_correct_length(
    method: str, url: str, status: int, headers: dict[str, str]
) -> None:
    dishes_load()
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(url, headers=headers)

    assert response.status_code == status
    assert "How this page was made" in panel_of(response)
    assert b"<!--how-made-->" not in response.content
    if "Content-Length" in response:
        assert int(response["Content-Length"]) == len(response.content)


def test_a_head_request_is_answered_and_timed(client: Client) -> None:
    dishes_load()

    response = client.head("/menu/")

    assert response.status_code == 200
    assert HEADER.match(response["Server-Timing"])


def test_the_server_error_page_shows_the_panel_too() -> None:
    response = ServerTimingMiddleware(server_error)(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "<code>500.html</code>" in panel_of(response)


@pytest.mark.parametrize(
    "response",
    [
        StreamingHttpResponse(iter([b"<!--how-made-->"]), content_type="text/html"),
        HttpResponse(b'{"note": "<!--how-made-->"}', content_type="application/json"),
    ],
    ids=["streaming", "json"],
)
def test_streaming_and_json_responses_pass_through_untouched(response: HttpResponse) -> None:
    answered = ServerTimingMiddleware(lambda request: response)(RequestFactory().get("/"))

    assert answered is response
    assert "Server-Timing" in answered
    if not answered.streaming:
        assert answered.content == b'{"note": "<!--how-made-->"}'


def test_json_from_the_api_is_untouched(client: Client) -> None:
    response = client.get("/api/server/")

    assert response["Content-Type"] == "application/json"
    assert "how-made" not in response.content.decode()
