"""A visitor of the site in a container, through the TLS proxy in front, and
the env file a deployer writes for it."""

import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PUBLIC_HOST = "table.example"
# What the TLS proxy in front adds to every request it passes on.
THROUGH_THE_PROXY = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACCOUNT = ("still-here", "a-password-for-the-volume-1")


def env_file(folder: Path, **extra: str) -> Path:
    """What a deployer puts in .env for compose, with the demo dishes."""
    path = folder / "site.env"
    values = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": PUBLIC_HOST,
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "LOAD_DEMO_DISHES": "1",
        **extra,
    }
    path.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
    return path


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: dict[str, str] = field(default_factory=dict)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def ask(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    data: dict[str, str] | None = None,
) -> Answer:
    """One request, redirects not followed. Cookies are kept by hand: the site's are
    Secure, and the proxy's HTTPS is only a header here."""
    sent = {**(headers or {})}
    if cookies:
        sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    request = urllib.request.Request(
        url,
        headers=sent,
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            answer = Answer(response.status, dict(response.headers), response.read())
            got = response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        answer = Answer(error.code, dict(error.headers), error.read())
        got = error.headers.get_all("Set-Cookie") or []
    answer.cookies = dict(cookie.split(";")[0].split("=", 1) for cookie in got)
    return answer


def form_post(url: str, path: str, fields: dict[str, str], *, proxied: bool = True) -> Answer:
    """Open a form (through the proxy, or directly) and POST it back with its CSRF token,
    as a browser does."""
    headers = THROUGH_THE_PROXY if proxied else {}
    origin = f"https://{PUBLIC_HOST}" if proxied else url
    form = ask(url + path, headers=headers)
    token = CSRF_FIELD.search(form.body.decode())
    assert form.status == 200
    assert token
    return ask(
        url + path,
        headers={**headers, "Origin": origin},
        cookies=form.cookies,
        data={**fields, "csrfmiddlewaretoken": token[1]},
    )


def sign_up(url: str) -> Answer:
    username, password = ACCOUNT
    return form_post(
        url,
        "/accounts/signup/",
        {"username": username, "email": "", "password1": password, "password2": password},
    )


def log_in(url: str, account: tuple[str, str] = ACCOUNT, *, proxied: bool = True) -> Answer:
    username, password = account
    fields = {"username": username, "password": password}
    return form_post(url, "/accounts/login/", fields, proxied=proxied)
