"""Exercise 09: each kind of URL gets the Cache-Control its content deserves."""

import re

from django.http import HttpResponse
from django.test import Client

from exercises.grading import check, fail
from exercises.grading.site import browser, expect_status, header, signed_in

STATIC_PAGE = "/hours/"
PLAIN_STYLESHEET = "/static/css/site.css"
# Ten minutes: long enough to spare a returning visitor a request, short enough
# that an edit to a page reaches everyone soon. WhiteNoise's own default is 60 s.
SHORT = 600
A_YEAR = 60 * 60 * 24 * 365
STYLESHEET_LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>')
HREF = re.compile(r'\bhref="([^"]+)"')
HASHED_NAME = re.compile(r"/site\.[0-9a-f]{6,}\.css$")


def directives(response: HttpResponse) -> dict[str, str]:
    """Cache-Control as a dict: "max-age=60, public" is {"max-age": "60", "public": ""}."""
    found = {}
    for part in header(response, "Cache-Control").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name.lower()] = value.strip('"')
    return found


def max_age(response: HttpResponse) -> int | None:
    value = directives(response).get("max-age", "")
    return int(value) if value.isdigit() else None


def said(response: HttpResponse) -> str:
    value = header(response, "Cache-Control")
    return f"Cache-Control: {value}" if value else "no Cache-Control header"


def how_long(seconds: int) -> str:
    for unit, size in (("year", A_YEAR), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"a {unit}" if count == 1 else f"{count} {unit}s"
    return f"{seconds} seconds"


def expect_kept_briefly(response: HttpResponse, what: str) -> None:
    """A file under a name that stays the same when it changes: a short max-age (or
    no-cache), never immutable."""
    rules = directives(response)
    seconds = max_age(response)
    expected = f"a max-age of {SHORT} seconds or less, and no immutable, on {what}"
    if "immutable" in rules:
        fail(expected=expected, got=f"{said(response)}: the browser would never ask again")
    if "no-cache" in rules or "no-store" in rules:
        return
    if seconds is None:
        fail(expected=expected, got=f"{said(response)}: the browser guesses how long to keep it")
    if seconds > SHORT:
        fail(
            expected=expected,
            got=f"{said(response)}: a returning visitor would not ask for it again for "
            f"{how_long(seconds)}, and would not see an edit until then",
        )


def stylesheet_of(client: Client, page: str) -> str:
    response = client.get(page)
    expect_status(response, 200, what=f"GET {page}")
    link = STYLESHEET_LINK.search(response.content.decode())
    href = HREF.search(link.group(0)) if link else None
    if not href:
        fail(expected=f'a <link rel="stylesheet" href="…"> on {page}', got="none")
    return href.group(1)


@check(
    hint="WhiteNoise sets the Cache-Control of every file it serves from WHITENOISE_MAX_AGE "
    "(config/settings.py); without the setting it uses 60 seconds. Hashed files are kept for "
    "years whatever it says, so it only decides how long files with a fixed name are kept.",
)
def static_page_is_kept_briefly():
    """A static page (/hours/) may be kept without asking for minutes, not a year."""
    response = browser().get(STATIC_PAGE)
    expect_status(response, 200, what=f"GET {STATIC_PAGE}")
    expect_kept_briefly(response, STATIC_PAGE)


@check(
    hint="A file the same for everyone may be kept by shared caches too (a proxy, a CDN). "
    "WhiteNoise answers it in front of Django (config/files.py), so no middleware sees it: "
    "its Cache-Control comes from WhiteNoise's settings alone.",
)
def static_page_is_public_with_an_etag():
    """A static page is the same for everyone: public, with an ETag to check it by."""
    visitor = browser()
    visitor.cookies["sessionid"] = "a-session-a-file-never-reads"
    response = visitor.get(STATIC_PAGE)
    rules = directives(response)
    if "private" in rules or "public" not in rules:
        fail(expected=f"Cache-Control: public on {STATIC_PAGE}", got=said(response))
    if not header(response, "ETag"):
        fail(expected=f"an ETag on {STATIC_PAGE}", got="none")


@check(
    hint="/static/css/site.css keeps its name when the file changes (the hand-written pages "
    "are written with it): it may only be kept briefly (WHITENOISE_MAX_AGE).",
)
def plain_stylesheet_is_kept_briefly():
    """The stylesheet under its plain name, as the static pages are written, is kept for minutes."""
    response = browser().get(PLAIN_STYLESHEET)
    expect_status(response, 200, what=f"GET {PLAIN_STYLESHEET}")
    expect_kept_briefly(response, PLAIN_STYLESHEET)


@check(
    hint="The staticfiles storage in STORAGES (config/settings.py) decides the names that "
    "{% static %} writes: a Manifest storage copies each file to a name with a hash of its "
    "content at collectstatic, and WhiteNoise has one that also compresses.",
)
def dynamic_pages_link_a_hashed_stylesheet():
    """The live menu links its stylesheet under a name that carries the file's hash."""
    href = stylesheet_of(browser(), "/menu/")
    if not HASHED_NAME.search(href):
        fail(expected="a stylesheet address such as /static/css/site.1a2b3c4d5e6f.css", got=href)


@check(
    needs=dynamic_pages_link_a_hashed_stylesheet,
    hint="WhiteNoise marks a file immutable and keeps it for years when the staticfiles "
    "storage says its name is a hashed one (a Manifest storage, after collectstatic).",
)
def hashed_stylesheet_is_kept_for_a_year():
    """The hashed stylesheet may be kept a year or more and is marked immutable."""
    href = stylesheet_of(browser(), "/menu/")
    response = browser().get(href)
    expect_status(response, 200, what=f"GET {href}")
    seconds = max_age(response) or 0
    if seconds < A_YEAR or "immutable" not in directives(response):
        fail(expected=f"max-age of a year or more and immutable on {href}", got=said(response))


def personal_pages() -> list[tuple[str, Client]]:
    """(address and who asks, their browser) for pages built from the visitor's session."""
    stranger = browser()
    stranger.get("/menu/")  # the first visit starts a session: later ones send its cookie
    maya = signed_in("maya")
    return [
        ("/menu/ (a visitor with a session)", stranger),
        ("/accounts/session/ (a visitor with a session)", stranger),
        ("/menu/ (maya)", maya),
        ("/menu/tiramisu/ (maya)", maya),
        ("/accounts/ (maya)", maya),
        ("/accounts/session/ (maya)", maya),
    ]


@check(
    hint="These pages depend on the session cookie: their headers say Vary: Cookie, which the "
    "session middleware adds on the way out. Rather than view by view, one middleware in "
    "config/middleware.py can give every such page its Cache-Control, if it is listed in "
    "MIDDLEWARE where it sees that header (`make hint` for more).",
)
def personal_pages_are_private():
    """Pages built for one visitor say private and no-cache, so no shared cache keeps them."""
    wrong: dict[str, list[str]] = {}
    for page, client in personal_pages():
        address = page.split()[0]
        response = client.get(address)
        expect_status(response, 200, what=f"GET {page}")
        rules = directives(response)
        shared = [name for name in ("public", "s-maxage") if name in rules]
        fresh = "no-cache" in rules or "no-store" in rules
        if "private" not in rules or not fresh or shared:
            wrong.setdefault(said(response), []).append(page)
    if wrong:
        fail(
            expected="Cache-Control with private and no-cache (or no-store), "
            "and no public or s-maxage",
            got="; ".join(f"{what} on {', '.join(pages)}" for what, pages in wrong.items()),
        )
