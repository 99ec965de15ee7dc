"""Exercise 03: /request/echo/ sends back the parts of the request it answers, as JSON."""

import json

from django.http import HttpResponse
from django.test import Client

from exercises.grading import check, fail, shorten
from exercises.grading.site import browser, expect_status, header, post_form, signed_in

ECHO = "/request/echo/"
KEYS = ["cookies", "form", "method", "path", "query", "user_agent"]
CSRF_FIELD = "csrfmiddlewaretoken"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; exercise 03) Firefox/140.0"


def visitor(username: str | None = None, *, agent: str = BROWSER) -> Client:
    """A browser (signed in as `username`, if given) that names itself in a User-Agent
    header with every request, as real browsers do."""
    client = signed_in(username) if username else browser()
    client.defaults["HTTP_USER_AGENT"] = agent
    return client


def echo(response: HttpResponse, *, what: str) -> dict[str, object]:
    """The JSON object a 200 answer carries, or a failure that says what came instead."""
    expect_status(response, 200, what=what)
    kind = header(response, "Content-Type")
    if not kind.startswith("application/json"):
        fail(
            expected=f"Content-Type: application/json for {what}",
            got=f"Content-Type: {kind or 'none'}",
            hint="JsonResponse (from django.http) turns a dict into JSON and says so in its "
            "Content-Type header.",
        )
    try:
        data = json.loads(response.content)
    except ValueError:
        fail(
            expected=f"JSON in the body of {what}",
            got=shorten(response.content.decode(errors="replace")),
        )
    if not isinstance(data, dict):
        fail(expected=f"a JSON object ({{...}}) for {what}", got=shorten(json.dumps(data)))
    return data


def expect_part(data: dict[str, object], key: str, expected: object, *, when: str) -> None:
    if data.get(key) != expected:
        fail(
            expected=f'"{key}": {json.dumps(expected)} {when}',
            got=f'"{key}": {json.dumps(data.get(key))}',
        )


@check(
    hint="request_echo in inspector/views.py answers /request/echo/: it should answer JSON "
    "with the six keys of the table in the README.",
)
def answers_json():
    """GET /request/echo/ answers 200 with a JSON object holding exactly the README's keys."""
    data = echo(visitor().get(ECHO), what=f"GET {ECHO}")
    if sorted(data) != KEYS:
        missing = [key for key in KEYS if key not in data]
        extra = [key for key in data if key not in KEYS]
        fail(
            expected="the keys " + ", ".join(KEYS),
            got=", ".join(data)
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; not asked for: {', '.join(extra)}" if extra else ""),
        )


@check(
    needs=answers_json,
    hint="request.method and request.path say what was asked for; request.GET holds the query "
    "string, and request.GET.lists() keeps every value of a name sent twice.",
)
def method_path_and_query():
    """The JSON says a GET's method and path, and every value of its query string."""
    address = f"{ECHO}?dish=soup&dish=bread&size=large"
    data = echo(visitor().get(address), what=f"GET {address}")
    when = f"for GET {address}"
    expect_part(data, "method", "GET", when=when)
    expect_part(data, "path", ECHO, when=when + " (the path, without the query string)")
    expect_part(data, "query", {"dish": ["soup", "bread"], "size": ["large"]}, when=when)
    expect_part(data, "form", {}, when=when + " (a GET has no form data)")


@check(
    needs=answers_json,
    hint="The User-Agent is a request header: request.headers.get('User-Agent', ''). "
    "request.headers['User-Agent'] fails when a client sends none.",
)
def user_agent():
    """The JSON gives back the User-Agent header the client sent, or "" when it sent none."""
    agent = "curl/8.5.0 (exercise 03)"
    data = echo(visitor(agent=agent).get(ECHO), what=f"GET {ECHO}")
    expect_part(data, "user_agent", agent, when=f"with the header User-Agent: {agent}")
    data = echo(browser().get(ECHO), what=f"GET {ECHO} without a User-Agent header")
    expect_part(data, "user_agent", "", when="without a User-Agent header")


@check(
    needs=answers_json,
    hint="request.COOKIES is a dict of the cookies the browser sent: give its names, in "
    "alphabetical order, never its values (the session cookie's value is a key to the account).",
)
def cookies_named_not_shown():
    """The JSON names the cookies the browser sent, but never shows their values."""
    client = visitor("maya")
    client.cookies["flavour"] = "extra-hot-and-secret"
    session_key = client.cookies["sessionid"].value
    response = client.get(ECHO)
    data = echo(response, what=f"GET {ECHO} signed in as maya")
    cookies = data.get("cookies")
    if not isinstance(cookies, list) or not {"flavour", "sessionid"} <= set(cookies):
        fail(
            expected='"cookies" as a list of names, with "flavour" and "sessionid" in it',
            got=f'"cookies": {json.dumps(cookies)}',
        )
    for name, value in [("flavour", "extra-hot-and-secret"), ("sessionid", session_key)]:
        if value in response.content.decode(errors="replace"):
            fail(
                expected=f"the cookie {name} named but its value kept out of the JSON",
                got=f"its value {value[:12]}… in the answer",
            )


@check(
    needs=answers_json,
    hint="request.POST holds the form fields of a POST's body (request.POST.lists() keeps "
    "repeated names). Leave out csrfmiddlewaretoken: the token is the site's, not the "
    "visitor's data. A POST's address can still have a query string, in request.GET.",
)
def post_form_fields():
    """A POST with its CSRF token gets back its form fields, and the query string of its address."""
    client = visitor()
    fields = {"dish": "soup", "topping": ["olives", "basil"]}
    address = f"{ECHO}?table=4"
    data = echo(post_form(client, "/request/", fields, to=address), what=f"POST {address}")
    when = f"for a POST to {address} with dish=soup, topping=olives, topping=basil"
    expect_part(data, "method", "POST", when=when)
    form = data.get("form")
    if isinstance(form, dict) and CSRF_FIELD in form:
        fail(
            expected=f'"form" without {CSRF_FIELD}, the CSRF token',
            got=f'"form": {json.dumps(form)[:120]}',
        )
    expect_part(data, "form", {"dish": ["soup"], "topping": ["olives", "basil"]}, when=when)
    expect_part(data, "query", {"table": ["4"]}, when=when)


@check(
    hint="Django's CsrfViewMiddleware refuses a POST without the token before the view runs. "
    "If this POST was accepted, the view has been exempted from it: remove @csrf_exempt.",
)
def post_without_token_refused():
    """A POST to /request/echo/ without a CSRF token is refused with 403 Forbidden."""
    response = visitor().post(ECHO, {"dish": "soup"})
    expect_status(response, 403, what=f"POST {ECHO} with no CSRF token")


@check(
    needs=answers_json,
    hint="require_http_methods([...]) from django.views.decorators.http lets through only the "
    "methods listed and answers the others 405 with an Allow header naming them.",
)
def other_methods_refused():
    """PUT and DELETE (even with a CSRF token) and OPTIONS get 405, with Allow: GET, HEAD, POST."""
    client = visitor()
    # Django's CSRF check refuses a PUT or DELETE without a token before any view runs
    # (403): with the token, the request reaches the view, which must say 405.
    expect_status(client.get("/request/"), 200, what="GET /request/ (for a CSRF token)")
    token = {"X-CSRFToken": client.cookies["csrftoken"].value}
    for method, send in [
        ("PUT", lambda: client.put(ECHO, headers=token)),
        ("DELETE", lambda: client.delete(ECHO, headers=token)),
        ("OPTIONS", lambda: client.options(ECHO)),
    ]:
        response = send()
        expect_status(response, 405, what=f"{method} {ECHO}")
        allow = header(response, "Allow")
        allowed = {name.strip().upper() for name in allow.split(",") if name.strip()}
        if allowed != {"GET", "HEAD", "POST"}:
            fail(
                expected=f"Allow: GET, HEAD, POST (in any order) with the 405 for {method}",
                got=f"Allow: {allow}" if allow else "no Allow header",
            )


@check(
    needs=answers_json,
    hint="HEAD asks for what a GET would get, without the body: let HEAD through as well as "
    "GET and POST.",
)
def head_answered():
    """HEAD /request/echo/ answers 200 with the JSON's headers and no body."""
    response = visitor().head(ECHO)
    expect_status(response, 200, what=f"HEAD {ECHO}")
    kind = header(response, "Content-Type")
    if not kind.startswith("application/json"):
        fail(expected="Content-Type: application/json for HEAD", got=f"Content-Type: {kind}")
    if response.content:
        fail(expected=f"no body for HEAD {ECHO}", got=f"{len(response.content)} bytes of body")
