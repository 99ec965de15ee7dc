"""Over two thousand bad inputs against every form and address: never a 5xx, never a traceback.

gunicorn serves the site as `make run` does, on a fresh database with the demo
content. Each case sends one request over a raw socket, so that anything can
be sent: control characters and invalid UTF-8 in every field of every form,
huge values, missing and duplicated fields, wrong content types and
charsets, oversized and malformed bodies, odd paths, bad cookies, bad Host
and X-Forwarded-For headers, methods the address does not take.

For every case it holds that the answer is not a 5xx, has no traceback in it
and reflects no markup it was sent unescaped; that a rejected input (a 4xx,
or a form shown again with its errors) left the site's data exactly as it
was; and, at the end, that the server logged no traceback. The counts that
exist to record refusals (failed log-ins, rate limits) are left out of that
comparison: counting a refusal is their job.

Every case comes from its own address (the site trusts one proxy here and
each case names its client in X-Forwarded-For), so log-in lockouts and rate
limits refuse only what they would refuse from a real client, and the
cases do not lock each other out.
"""

import contextlib
import re
import socket
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.databases import reading, table_names
from tests.server import gunicorn_serving, migrated_env

# The whole run stops here even if the server hangs; it takes about 40 s.
DEADLINE_SECONDS = 300
REQUEST_TIMEOUT = 15
# The cases number 2,069; a change that quietly dropped most of them fails.
MIN_CASES = 2000
# Markup sent in the inputs; a page that shows it must escape it.
MARKUP = b"<x-fuzz>"
# Tables that exist to count refused requests, so a refusal changes them.
BOOKKEEPING = {
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
    "throttling_ratelimitwindow",
}
PASSWORD = "a-long-fuzzing-passphrase"
FORM = "application/x-www-form-urlencoded"
FORM_TYPE = FORM.encode()
BOUNDARY = b"fuzzboundary"

BAD_VALUES: dict[str, bytes] = {
    "empty": b"",
    "NUL": b"a\x00b",
    "control characters": b"\x01\x02\x1b[31m\x7f",
    "newlines": b"line\r\nSet-Cookie: x=1\r\n\r\n",
    "bidi override": "\u202eevil".encode(),
    "invalid UTF-8": b"\xff\xfe\xc3\x28",
    "UTF-8 surrogate": b"\xed\xa0\x80",
    "overlong UTF-8": b"\xc0\xaf",
    "markup": b"\"><x-fuzz>'",
    "script": b"</script><x-fuzz>",
    "emoji": "\U0001f35d\u200d".encode(),
    "fullwidth": "\uff43\uff48\uff45\uff46".encode(),
    "10 KB": b"a" * 10_000,
    "200 KB": b"\xc3\xa9" * 100_000,
    "negative": b"-1",
    "huge number": b"99999999999999999999999999",
    "float": b"1e309",
    "NaN": b"NaN",
    "hex": b"0x10",
    "padded": b"  3  ",
    "JSON": b'{"a": [1, 2]}',
    "list": b"[]",
    "null": b"null",
    "SQL": b"' OR 1=1 --",
    "path": b"../../etc/passwd",
    "URL": b"https://evil.example/",
    "protocol-relative": b"//evil.example",
    "backslash URL": b"/\\evil.example",
    "percent": b"%00%ff%",
}


@dataclass(frozen=True)
class Target:
    """A form, as the site's own page would send it."""

    name: str
    path: str
    identity: str
    fields: dict[str, str]


@dataclass
class Case:
    label: str
    identity: str
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, bytes] = field(default_factory=dict)
    # None: the identity's own cookies; anything else replaces them.
    cookie: bytes | None = None
    # False: leave out the CSRF token the identity would send.
    token: bool = True


@dataclass
class Identity:
    cookie: str
    csrf: str


NOBODY = Identity(cookie="", csrf="")


@dataclass(frozen=True)
class Answer:
    status: int
    head: bytes
    body: bytes


def encode(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(
        urllib.parse.quote_from_bytes(name).encode()
        + b"="
        + urllib.parse.quote_from_bytes(value).encode()
        for name, value in pairs
    )


def targets(dish_pk: int) -> list[Target]:
    dish = {
        "name": "Fuzzed soup",
        "slug": "fuzzed-soup",
        "description": "Made by a test.",
        "category": "starter",
        "price": "6.50",
        "vegetarian": "on",
        "spice_level": "1",
        "available": "on",
        "_save": "Save",
    }
    new_password = {"new_password1": PASSWORD, "new_password2": PASSWORD}
    return [
        Target(
            "sign-up",
            "/accounts/signup/",
            "anonymous",
            {"username": "fuzz", "email": "fuzz@example.test", "password1": PASSWORD}
            | {"password2": PASSWORD, "next": "/menu/"},
        ),
        Target(
            "log-in",
            "/accounts/login/",
            "anonymous",
            {"username": "maya", "password": "not-mayas-password", "next": "/menu/"},
        ),
        Target(
            "preferences",
            "/accounts/preferences/",
            "maya",
            {"display_name": "Maya", "theme": "dark", "diet": "vegetarian", "max_spice": "2"},
        ),
        Target("favourite", "/menu/tiramisu/favorite/", "maya", {"action": "add", "next": "/"}),
        Target("/request/", "/request/", "anonymous", {"dish": "tiramisu", "note": "cream"}),
        Target(
            "password reset",
            "/accounts/password/reset/",
            "anonymous",
            {"email": "maya@takeout-and-table.test"},
        ),
        Target(
            "password change",
            "/accounts/password/change/",
            "maya",
            {"old_password": "not-mayas-password"} | new_password,
        ),
        Target(
            "password reset link",
            "/accounts/password/reset/MQ/set-password/",
            "anonymous",
            new_password,
        ),
        Target("forget me", "/accounts/session/", "anonymous", {}),
        Target(
            "admin log-in",
            "/admin/login/",
            "anonymous",
            {"username": "chef", "password": "not-the-chefs", "next": "/admin/"},
        ),
        Target("admin dish form", f"/admin/menu/dish/{dish_pk}/change/", "chef", dish),
        Target("admin new dish", "/admin/menu/dish/add/", "chef", dish | {"slug": "new-soup"}),
    ]


def field_cases(target: Target) -> Iterator[Case]:
    """Each field of the form in turn: every bad value, then missing, then sent twice."""
    base = [(name.encode(), value.encode()) for name, value in target.fields.items()]

    def post(label: str, pairs: list[tuple[bytes, bytes]]) -> Case:
        headers = {"Content-Type": FORM_TYPE}
        return Case(label, target.identity, "POST", target.path, encode(pairs), headers)

    for index, (name, _) in enumerate(base):
        where = f"{target.name}: {name.decode()}"
        for label, bad in BAD_VALUES.items():
            yield post(f"{where} {label}", [*base[:index], (name, bad), *base[index + 1 :]])
        yield post(f"{where} missing", base[:index] + base[index + 1 :])
        yield post(f"{where} twice", [*base, (name, b"other")])


def multipart(parts: list[tuple[bytes, bytes]], *, end: bool = True) -> bytes:
    """A multipart/form-data body of `parts` (a part's name may carry a filename)."""
    body = b"".join(
        b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="' + name + b'"'
        b"\r\n\r\n" + value + b"\r\n"
        for name, value in parts
    )
    return body + (b"--" + BOUNDARY + b"--\r\n" if end else b"")


def request_cases(target: Target) -> Iterator[Case]:
    """The whole request made wrong: its body, content type, cookies, headers and method."""
    fields = [(name.encode(), value.encode()) for name, value in target.fields.items()]
    body = encode(fields)

    def case(label: str, **kwargs: object) -> Case:
        values = {"method": "POST", "path": target.path, "body": body}
        values["headers"] = {"Content-Type": FORM_TYPE}
        return Case(f"{target.name}: {label}", target.identity, **(values | kwargs))

    for charset in ["latin-1", "iso-8859-1", "utf-16", "utf8", "no-such-charset", '"']:
        yield case(
            f"charset {charset}", headers={"Content-Type": f"{FORM}; charset={charset}".encode()}
        )
    for content_type in [
        b"text/plain",
        b"application/json",
        b"application/xml",
        b"",
        b"multipart/form-data",
        b"multipart/form-data; boundary=",
        b"multipart/form-data; boundary=\xff",
        b"x/\x00y",
    ]:
        yield case(f"content type {content_type!r}", headers={"Content-Type": content_type})
    yield case(
        "JSON body", body=b'{"username": "x"}', headers={"Content-Type": b"application/json"}
    )
    yield case("body over the size limit", body=b"note=" + b"a" * 3_000_000)
    yield case("too many fields", body=b"&".join(b"f%d=1" % n for n in range(1200)))
    yield case("fields without values", body=b"&&&=&==&a&b=")
    yield case("broken percent escapes", body=b"%zz=%&%%=%g1")
    yield case("raw invalid UTF-8 body", body=b"\xff\xfe=\xfd" + body)
    as_multipart = {"Content-Type": b"multipart/form-data; boundary=" + BOUNDARY}
    yield case("the form as multipart", body=multipart(fields), headers=as_multipart)
    cut_short = multipart(fields, end=False)[:-9]
    yield case("multipart cut short", body=cut_short, headers=as_multipart)
    script = [(b'f"; filename="../../x.sh', b"#!/bin/sh")]
    yield case("multipart with a file", body=multipart(fields + script), headers=as_multipart)
    yield case("multipart without parts", body=multipart([]), headers=as_multipart)
    yield case("no CSRF token", token=False)
    yield case("no cookies at all", cookie=b"")
    for label, cookie in [
        ("garbage session", b"sessionid=not-a-session; csrftoken=" + b"a" * 32),
        ("short CSRF cookie", b"csrftoken=abc"),
        ("CSRF cookie with bad characters", b"csrftoken=" + b"!" * 32),
        ("huge cookie", b"sessionid=" + b"a" * 6000),
        ("cookie with markup", b"x-fuzz=<x-fuzz>; sessionid=<x-fuzz>"),
        ("cookie with invalid UTF-8", b"sessionid=\xff\xfe"),
        ("unparseable cookie header", b';;;=;=;""; =x'),
    ]:
        yield case(label, cookie=cookie)
    for label, host in [
        ("another host", b"evil.example"),
        ("empty host", b""),
        ("host with a bad port", b"127.0.0.1:99999"),
        ("host with markup", b"<x-fuzz>"),
        ("very long host", b"a" * 300),
        ("broken IPv6 host", b"[::1"),
    ]:
        yield case(label, headers={"Content-Type": FORM_TYPE, "Host": host})
    for label, forwarded in [
        ("forwarded for nonsense", b"not-an-address"),
        ("forwarded for markup", b"<x-fuzz>"),
        ("forwarded for a long list", b", ".join([b"10.0.0.1"] * 200)),
    ]:
        yield case(label, headers={"Content-Type": FORM_TYPE, "X-Forwarded-For": forwarded})
    yield case(
        "origin of another site",
        headers={"Content-Type": FORM_TYPE, "Origin": b"https://evil.example"},
    )
    yield case(
        "referer with markup", headers={"Content-Type": FORM_TYPE, "Referer": b"https://<x-fuzz>/"}
    )
    yield case(
        "user agent with markup", headers={"Content-Type": FORM_TYPE, "User-Agent": b"<x-fuzz>\xff"}
    )
    for method in ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FUZZ"]:
        yield case(f"method {method}", method=method)
    yield case("query string of bad values", path=target.path + "?next=%0d%0aX:%ff&a=%00")


ODD_PATHS = [
    "/accounts/signup/%00",
    "/menu/%ff/",
    "/menu/%c0%af/",
    "/menu/..%2f..%2fetc%2fpasswd/",
    "/menu/../admin/",
    "//accounts//signup/",
    "/menu/" + "a" * 3000 + "/",
    "/menu/%E2%80%AE/",
    "/menu/tiramisu/favorite/?next=%0d%0aLocation:%20https://evil.example",
    "/request/?%ff=%fe&a=%00&<x-fuzz>=<x-fuzz>",
    "/request/?" + "&".join(f"f{n}=1" for n in range(1200)),
    "/static/../config/settings.py",
    "/static/css/%2e%2e/%2e%2e/manage.py",
    "/accounts/password/reset/%ff/%00/",
    "/accounts/password/reset/" + "A" * 500 + "/x/",
    "/admin/menu/dish/%ff/change/",
    "/admin/menu/dish/99999999999999999999999/change/",
    "/admin/menu/dish/-1/change/",
    "/admin/r/%ff/%ff/",
    "/healthz/%00",
    "/takeout/%2e%2e/%2e%2e/",
    "/%3Cx-fuzz%3E/",
]


def path_cases() -> Iterator[Case]:
    for path in ODD_PATHS:
        for identity in ["anonymous", "chef"]:
            yield Case(f"odd path {path[:60]} as {identity}", identity, "GET", path)
            yield Case(
                f"odd path {path[:60]} as {identity}",
                identity,
                "POST",
                path,
                b"a=b",
                {"Content-Type": FORM_TYPE},
            )


def all_cases(dish_pk: int) -> list[Case]:
    cases = []
    for target in targets(dish_pk):
        cases += field_cases(target)
        cases += request_cases(target)
    return cases + list(path_cases())


def send(port: int, case: Case, identity: Identity, client: int = 0) -> Answer:
    """One request over its own connection, exactly as the case has it; the whole answer."""
    headers = {
        "Host": f"127.0.0.1:{port}".encode(),
        "Connection": b"close",
        # One proxy is trusted: this names the case's own client address.
        "X-Forwarded-For": f"10.{client >> 16 & 255}.{client >> 8 & 255}.{client & 255}".encode(),
    }
    cookie = identity.cookie.encode() if case.cookie is None else case.cookie
    if cookie:
        headers["Cookie"] = cookie
    if case.token and identity.csrf:
        headers["X-CSRFToken"] = identity.csrf.encode()
    headers |= case.headers
    if case.method not in {"GET", "HEAD"} or case.body:
        headers["Content-Length"] = str(len(case.body)).encode()
    request = b"%s %s HTTP/1.1\r\n" % (case.method.encode(), case.path.encode())
    request += b"".join(b"%s: %s\r\n" % (name.encode(), value) for name, value in headers.items())
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=REQUEST_TIMEOUT) as connection:
        # The server may answer and close before it has read all of a huge body.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.sendall(request + b"\r\n" + case.body)
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return Answer(status=int(head.split(b" ", 2)[1]), head=head, body=body)


def anonymous(port: int) -> Identity:
    """A visitor who has opened a form once: a CSRF cookie, no session."""
    answer = send(port, Case("open a form", "anonymous", "GET", "/accounts/signup/"), NOBODY)
    token = re.search(rb"Set-Cookie: csrftoken=([^;]*)", answer.head)[1].decode()
    return Identity(cookie=f"csrftoken={token}", csrf=token)


def signed_in(port: int, username: str, password: str) -> Identity:
    """Sign in as the log-in form does; the cookies the browser then holds."""
    form = encode([(b"username", username.encode()), (b"password", password.encode())])
    case = Case(
        "log in", "anonymous", "POST", "/accounts/login/", form, {"Content-Type": FORM_TYPE}
    )
    answer = send(port, case, anonymous(port))
    cookies = dict(re.findall(rb"Set-Cookie: (\w+)=([^;]*)", answer.head))
    assert answer.status == 302, answer.head
    cookie = b"; ".join(name + b"=" + cookies[name] for name in (b"sessionid", b"csrftoken"))
    return Identity(cookie=cookie.decode(), csrf=cookies[b"csrftoken"].decode())


def snapshot(env: dict[str, str]) -> dict[str, list[tuple]]:
    """Every row of the site's own tables, in a fixed order."""
    with reading(env) as connection:
        tables = [name for name in table_names(connection) if name not in BOOKKEEPING]
        # The table names come from the database's catalogue, not from a request.
        query = "SELECT * FROM {}"
        return {
            table: sorted(connection.execute(query.format(table)).fetchall(), key=repr)
            for table in tables
        }


def rejected(answer: Answer) -> bool:
    """A 4xx, or a form shown again with what was wrong with it (the admin's says so
    in an "errornote")."""
    return 400 <= answer.status < 500 or re.search(rb'class="error(list|note)', answer.body)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, dict[str, str], Path]]:
    data_dir = tmp_path_factory.mktemp("fuzz-data")
    env = migrated_env(data_dir, seed=(), DJANGO_TRUSTED_PROXY_COUNT="1")
    log = data_dir / "gunicorn.log"
    with gunicorn_serving(env, log):
        yield int(env["PORT"]), env, log


def test_bad_inputs_to_every_form_get_no_5xx_no_traceback_and_change_nothing(
    site: tuple[int, dict[str, str], Path],
) -> None:
    port, env, log = site
    with reading(env) as connection:
        (dish_pk,) = connection.execute(
            "SELECT id FROM menu_dish WHERE slug='tomato-and-basil-bruschetta'"
        ).fetchone()
    identities = {
        "anonymous": anonymous(port),
        "maya": signed_in(port, "maya", "maya-likes-it-hot"),
        "chef": signed_in(port, "chef", "chef-runs-the-kitchen"),
    }
    cases = all_cases(dish_pk)
    deadline = time.monotonic() + DEADLINE_SECONDS
    problems: list[str] = []
    counts = {"rejected": 0, "accepted": 0}
    assert len(cases) >= MIN_CASES

    before = snapshot(env)
    for number, case in enumerate(cases):
        assert time.monotonic() < deadline, f"only {number} of {len(cases)} cases in time"
        answer = send(port, case, identities[case.identity], number)
        after = snapshot(env)
        where = f"{case.label} ({case.method} {case.path[:80]})"
        if answer.status >= 500:
            problems.append(f"{where}: status {answer.status}")
        if b"Traceback" in answer.body:
            problems.append(f"{where}: a traceback in the answer")
        if MARKUP in answer.body:
            problems.append(f"{where}: {MARKUP!r} reflected unescaped")
        if rejected(answer):
            counts["rejected"] += 1
            changed = [table for table in after if after[table] != before.get(table)]
            if changed:
                problems.append(f"{where}: rejected with {answer.status} but changed {changed}")
        else:
            counts["accepted"] += 1
        before = after

    assert problems == [], "\n".join(problems[:40])
    # Most cases must be refused, or the database comparison proves little.
    assert counts["rejected"] >= len(cases) * 2 // 3, counts
    server_log = log.read_text(errors="replace")
    assert "Traceback" not in server_log
    assert "Error handling request" not in server_log
