"""Exercise 01: /find-us/ is a file like the other static pages, and every page links to it."""

import gzip
import re
from html.parser import HTMLParser

import brotli
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.grading import check, expect_in, fail
from exercises.grading.site import body, browser, expect_status, header, text
from pages.catalogue import PAGES
from tests.markup import region

PAGE = "/find-us/"
SOURCE = f"pages/site{PAGE}index.html"
# Parts of the header and footer that differ between a file and a page built by
# a view on purpose: what the page knows about the visitor and how it was made.
DIFFERS_ON_PURPOSE = {
    "skip_classes": {"visitor", "provenance", "how-made"},
    "drop_attrs": {"aria-current"},
}


class _NavLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.done = False
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav" and not self.done:
            self.depth += 1
        elif tag == "a" and self.depth:
            named = dict(attrs)
            self.links.append((named.get("href") or "", named.get("aria-current") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1
            self.done = not self.depth


def nav_links(html: str) -> list[tuple[str, str]]:
    """The (href, aria-current) of each link in the page's first <nav>."""
    parser = _NavLinks()
    parser.feed(html)
    return parser.links


def static_pages() -> dict[str, str]:
    """Every static page, as {address: its file}: those in pages/catalogue.py and
    every index.html under pages/site/, so a file left out of the list counts too."""
    folder = settings.PAGES_SOURCE_DIR
    shown = folder.relative_to(settings.BASE_DIR).as_posix()
    pages = {page.path: f"{shown}/{page.file}" for page in PAGES}
    for file in sorted(folder.rglob("index.html")):
        relative = file.relative_to(folder).as_posix()
        address = "/" + relative.removesuffix("index.html")
        pages.setdefault(address, f"{shown}/{relative}")
    return pages


def html_of(address: str) -> str | None:
    """The page at `address` as a new visitor gets it, or None if it is not there."""
    response = browser().get(address)
    return body(response).decode(errors="replace") if response.status_code == 200 else None


def title_and_description(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    description = ""
    for meta in re.findall(r"<meta\b[^>]*>", html):
        content = re.search(r"""\bcontent=(["'])(.*?)\1""", meta)
        if re.search(r"""\bname=["']description["']""", meta) and content:
            description = content.group(2).strip()
    return " ".join(title.group(1).split()) if title else "", description


def names(files: list[str]) -> str:
    return ", ".join(files)


@check(
    hint=f"Make the folder and the file {SOURCE}: WhiteNoise serves a folder's index.html "
    "at the folder's address. Start from a copy of pages/site/hours/index.html. "
    "`make check` builds the pages itself; for `make run`, restart it so build_pages runs.",
)
def page_answers():
    """The address /find-us/ answers with 200 and an HTML page with a heading."""
    response = browser().get(PAGE)
    expect_status(response, 200, what=f"GET {PAGE}")
    kind = header(response, "Content-Type")
    if not kind.startswith("text/html"):
        fail(expected="Content-Type text/html", got=kind or "no Content-Type")
    html = body(response).decode(errors="replace")
    if html.count("<h1") != 1:
        fail(
            expected="one <h1> heading on the page",
            got=f"{html.count('<h1')} <h1> headings",
            hint="A page has one main heading, <h1>Find us</h1>; sections under it use <h2>.",
        )


@check(
    needs=page_answers,
    hint="Directions need an address: copy the one in pages/site/hours/index.html.",
)
def page_gives_the_address():
    """The page /find-us/ gives the restaurant's street address, the same as /hours/."""
    expect_in("8000 Loopback Lane", text(browser().get(PAGE)), where=f"the page {PAGE}")


@check(
    needs=page_answers,
    hint="The page must be a file under pages/site/ that WhiteNoise sends, not a view: "
    "remove any URL pattern or view you wrote for /find-us/.",
)
def page_is_a_file():
    """The page /find-us/ is sent as a file: an ETag, a Last-Modified date, no cookie, no SQL."""
    visitor = browser()
    visitor.cookies["sessionid"] = "a-session-a-file-never-reads"
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(PAGE)
    expect_status(response, 200, what=f"GET {PAGE}")
    missing = [name for name in ("ETag", "Last-Modified") if not header(response, name)]
    if missing:
        got = f"no {' and no '.join(missing)}"
        if header(response, "Server-Timing"):
            got += ", and a Server-Timing header: a view built the page"
        fail(expected="ETag and Last-Modified headers", got=got)
    if header(response, "Set-Cookie") or response.cookies:
        fail(expected="no Set-Cookie header", got=f"Set-Cookie: {header(response, 'Set-Cookie')}")
    if len(queries):
        fail(
            expected="no SQL query to answer a file",
            got=f"{len(queries)} queries, the first: {queries[0]['sql'][:80]}",
        )


@check(
    needs=page_answers,
    hint="`build_pages` makes find-us/index.html.br and .gz from every file under "
    "pages/site/: is the page there, in its own folder, named index.html?",
)
def page_is_compressed():
    """A browser that accepts Brotli or gzip gets /find-us/ compressed, made ahead of time."""
    plain = body(browser().get(PAGE))
    for encoding, unpack in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = browser().get(PAGE, headers={"accept-encoding": encoding})
        got = header(response, "Content-Encoding")
        if got != encoding:
            fail(
                expected=f"Content-Encoding: {encoding} for Accept-Encoding: {encoding}",
                got=f"Content-Encoding: {got}" if got else "the page uncompressed",
            )
        if unpack(body(response)) != plain:
            fail(
                expected=f"the {encoding} copy to unpack to the page itself",
                got="a different page: run build_pages again",
            )


@check(
    needs=page_is_a_file,
    hint="WhiteNoise answers conditional requests for every file it serves: if this fails, "
    "/find-us/ is not answered by WhiteNoise.",
)
def page_revalidates():
    """Asking for /find-us/ again with its ETag gets 304 Not Modified and no body."""
    etag = header(browser().get(PAGE), "ETag")
    response = browser().get(PAGE, headers={"if-none-match": etag})
    expect_status(response, 304, what=f"GET {PAGE} with If-None-Match: {etag}")
    if body(response):
        fail(expected="no body with 304", got=f"{len(body(response))} bytes")


@check(
    needs=page_answers,
    hint=f"In the <head> of {SOURCE}: a <title> such as “Find us · Takeout &amp; Table” "
    'and <meta name="description" content="…"> saying what this page is for. Search '
    "engines and browser tabs show them.",
)
def page_has_its_own_title():
    """The page /find-us/ has a title and a description of its own, not another page's."""
    title, description = title_and_description(html_of(PAGE) or "")
    if "find us" not in title.lower():
        fail(expected="a <title> that says “Find us”", got=repr(title) if title else "no <title>")
    if not description:
        fail(expected='a <meta name="description" content="…">', got="none")
    for address, file in static_pages().items():
        other = html_of(address) if address != PAGE else None
        if other and title_and_description(other)[1] == description:
            fail(
                expected="a description of its own",
                got=f"the same description as {file}: {description!r}",
            )


@check(
    needs=page_answers,
    hint=f'In {SOURCE}, the navigation link to /find-us/ carries aria-current="page" (and '
    "no other link does): screen readers announce it and the stylesheet underlines it.",
)
def page_marks_itself_in_the_nav():
    """In the navigation of /find-us/, the link to /find-us/ is marked as the current page."""
    links = nav_links(html_of(PAGE) or "")
    current = [href for href, marked in links if marked == "page"]
    if current != [PAGE]:
        fail(
            expected=f'aria-current="page" on the link to {PAGE} only',
            got=f'aria-current="page" on {names(current) or "no link"}',
        )


@check(
    hint="A static page is a file: nothing adds the link for you. Add "
    '<li><a href="/find-us/">Find us</a></li> to the <nav> of each file named, at the '
    "same place in every one.",
)
def every_static_page_links_to_it():
    """Every static page's navigation links to /find-us/."""
    missing, absent = [], []
    for address, file in static_pages().items():
        html = html_of(address)
        if html is None:
            absent.append(f"{address} ({file})")
        elif PAGE not in dict(nav_links(html)):
            missing.append(file)
    if absent:
        fail(
            expected="every static page to answer 200",
            got=f"nothing at {names(absent)}",
            hint="pages/catalogue.py lists a page whose file is not there, or the file is "
            "not named index.html in a folder named like the address.",
        )
    if missing:
        fail(
            expected=f"a link to {PAGE} in the navigation of every static page",
            got=f"no link in {len(missing)} of {len(static_pages())}: {names(missing)}",
        )


@check(
    needs=every_static_page_links_to_it,
    hint="Copied the navigation from find-us/index.html into the others? Each page marks "
    'only its own link with aria-current="page", and a page that pages/catalogue.py lists '
    "with in_nav=False has no link of its own, so it marks none.",
)
def every_static_page_marks_only_itself():
    """Every other static page still marks its own link as the current one, not /find-us/."""
    off_the_nav = {page.path for page in PAGES if not page.in_nav}
    wrong = []
    for address, file in static_pages().items():
        if address == PAGE:
            continue
        current = [href for href, marked in nav_links(html_of(address) or "") if marked == "page"]
        expected = [] if address in off_the_nav else [address]
        if current != expected:
            wrong.append(
                f"{file} marks {names(current) or 'no link'} as current, "
                f"instead of {names(expected) or 'none (it is not in the navigation)'}"
            )
    if wrong:
        fail(
            expected='aria-current="page" on each page\'s own link only, and on no link '
            "in a page that is not in the navigation",
            got="; ".join(wrong),
        )


@check(
    hint="The dynamic pages share one navigation, templates/includes/nav.html, filled "
    "from the list in pages/catalogue.py: add StaticPage(...) for /find-us/ there.",
)
def dynamic_pages_link_to_it():
    """The navigation of the live menu, and so of every page Django builds, links to /find-us/."""
    response = browser().get("/menu/")
    expect_status(response, 200, what="GET /menu/")
    hrefs = [href for href, _ in nav_links(response.content.decode())]
    if PAGE not in hrefs:
        fail(
            expected=f"a link to {PAGE} in the navigation of /menu/",
            got=f"links to {', '.join(hrefs)} only",
        )


@check(
    needs=[every_static_page_links_to_it, dynamic_pages_link_to_it],
    hint="Compare each file named with templates/base.html: same links in the same order "
    "as pages/catalogue.py lists them, same header and footer text.",
)
def every_page_has_the_shared_header_and_footer():
    """Every static page's header and footer match the ones Django builds, link for link."""
    built = browser().get("/a-page-that-no-one-wrote/").content.decode()
    differ, first = [], ""
    for address, file in static_pages().items():
        html = html_of(address) or ""
        parts = []
        for tag in ("header", "footer"):
            in_file = region(html, tag, **DIFFERS_ON_PURPOSE)
            rendered = region(built, tag, **DIFFERS_ON_PURPOSE)
            if in_file != rendered:
                parts.append(tag)
                first = first or first_difference(file, in_file, rendered)
        if parts:
            differ.append(f"{file} ({' and '.join(parts)})")
    if differ:
        fail(
            expected="every file's header and footer to match what templates/base.html renders",
            got=f"a difference in {names(differ)}; the first: {first}",
        )


def first_difference(file: str, in_file: list[str], rendered: list[str]) -> str:
    for mine, theirs in zip(in_file, rendered, strict=False):
        if mine != theirs:
            return f"{file} has {mine!r} where Django renders {theirs!r}"
    longer, shorter = (in_file, rendered) if len(in_file) > len(rendered) else (rendered, in_file)
    extra = longer[len(shorter)] if len(longer) > len(shorter) else ""
    where = file if longer is in_file else "Django's page"
    return f"{where} goes on with {extra!r}"
