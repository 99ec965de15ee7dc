"""The static files and `templates/base.html` carry one header and one footer."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from pages.catalogue import PAGES, StaticPage
from tests.markup import local_references, region

# The parts that differ on purpose: what the page knows about the visitor and
# how it was made. Everything else in the header and footer must match.
DIFFERS_ON_PURPOSE = {"visitor", "provenance", "how-made"}
every_page = pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)


def static_html(page: StaticPage) -> str:
    return (settings.PAGES_SOURCE_DIR / page.file).read_text()


@pytest.fixture
def dynamic_html(client: Client) -> str:
    """A page that Django renders from base.html: the not-found page."""
    return client.get("/a-page-that-no-one-wrote/").content.decode()


@every_page
@pytest.mark.parametrize("tag", ["header", "footer"])
@pytest.mark.django_db
def test_static_page_shares_the_header_and_footer_that_base_html_renders(
    page: StaticPage, tag: str, dynamic_html: str
) -> None:
    shared = {"skip_classes": DIFFERS_ON_PURPOSE, "drop_attrs": {"aria-current"}}

    in_file = region(static_html(page), tag, **shared)
    rendered = region(dynamic_html, tag, **shared)

    assert in_file
    assert in_file == rendered


@every_page
def test_static_page_marks_itself_as_the_current_page_in_the_nav(page: StaticPage) -> None:
    nav = region(static_html(page), "nav")

    current = [part for part in nav if "aria-current" in part]

    assert current == ([f'<a href="{page.path}" aria-current="page">'] if page.in_nav else [])


def test_a_page_left_out_of_the_nav_is_linked_from_another_pages_text() -> None:
    linked = {ref for page in PAGES for ref in local_references(static_html(page))}

    for page in PAGES:
        if not page.in_nav:
            assert page.path in linked
            assert f'href="{page.path}"' not in " ".join(region(static_html(page), "nav"))


def test_nav_lists_each_link_under_the_badge_of_its_side(dynamic_html: str) -> None:
    nav = region(dynamic_html, "nav")
    sides = " ".join(nav).split('<li class="nav-side">')[1:]

    takeout, table = (side.split("</span>")[0].split()[-1] for side in sides)
    assert (takeout, table) == ("Takeout", "Table")
    for page in PAGES:
        if page.in_nav:
            assert f'<a href="{page.path}">' in sides[0]
    for path in ("/menu/", "/accounts/", "/request/"):
        assert f'<a href="{path}">' in sides[1]
        assert f'<a href="{path}">' not in sides[0]


@every_page
def test_static_page_says_it_cannot_know_who_you_are(page: StaticPage) -> None:
    header = " ".join(region(static_html(page), "header"))

    assert "This page is a file, the same for everyone: it cannot know who you are." in header


@every_page
def test_static_page_footer_says_it_is_the_same_file_for_everyone(page: StaticPage) -> None:
    footer = " ".join(region(static_html(page), "footer"))

    assert "This page is a file on disk: everyone who asks gets the same bytes." in footer


@every_page
def test_static_page_applies_the_theme_in_the_browser_before_the_first_paint(
    page: StaticPage,
) -> None:
    head = static_html(page).split("</head>")[0]

    # Without defer or async: it runs before the body is drawn, so no flash of the other theme.
    assert '<script src="/static/js/theme.js"></script>' in head


@every_page
def test_static_page_footer_says_the_browser_not_the_server_applied_the_theme(
    page: StaticPage,
) -> None:
    footer = " ".join(region(static_html(page), "footer"))

    assert "Its bytes and its ETag are the same for everyone, whoever asks." in footer
    assert "your browser applied it, not the server" in footer


def test_dynamic_footer_says_a_view_built_it_and_how_long_it_took(dynamic_html: str) -> None:
    footer = " ".join(region(dynamic_html, "footer"))

    assert "Built for you just now by a view in " in footer
    assert " database quer" in footer


@pytest.mark.django_db
def test_dynamic_header_greets_the_signed_in_visitor_by_name(client: Client) -> None:
    client.force_login(User.objects.create_user("ada", password="a-long-demo-passphrase"))

    html = client.get("/a-page-that-no-one-wrote/").content.decode()

    assert "Welcome back, <strong>ada</strong>" in html


@pytest.mark.django_db
def test_dynamic_header_tells_a_stranger_they_are_not_signed_in(client: Client) -> None:
    html = client.get("/a-page-that-no-one-wrote/").content.decode()

    assert "You are not signed in." in html
    assert "Welcome back" not in html
