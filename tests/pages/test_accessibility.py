"""Markup rules for every static page and template: accessible, and ready for a strict CSP."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from pages.catalogue import PAGES
from tests.factories import dish_create

STATIC_PAGES = [settings.PAGES_SOURCE_DIR / page.file for page in PAGES]
TEMPLATES = sorted((settings.BASE_DIR / "templates").rglob("*.html"))
ASSETS = sorted((settings.BASE_DIR / "static").rglob("*.svg"))


def short(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


@pytest.mark.parametrize("path", STATIC_PAGES + TEMPLATES + ASSETS, ids=short)
def test_no_inline_script_or_style(path: Path) -> None:
    html = path.read_text()

    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize(
    "path", [*STATIC_PAGES, settings.BASE_DIR / "templates/base.html"], ids=short
)
def test_page_declares_its_language_and_has_a_working_skip_link(path: Path) -> None:
    html = path.read_text()

    assert '<html lang="en"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("path", STATIC_PAGES, ids=short)
def test_static_page_has_one_heading_a_title_and_alt_text_on_every_image(path: Path) -> None:
    html = path.read_text()

    assert html.count("<h1>") == 1
    assert re.search(r"<title>[^<]+ · Takeout &amp; Table</title>", html)
    for image in re.findall(r"<img\b[^>]*>", html):
        assert re.search(r'\balt="[^"]{10,}"', image), image


@pytest.mark.parametrize("path", ASSETS, ids=short)
def test_svg_names_itself_for_screen_readers(path: Path) -> None:
    svg = path.read_text()

    assert 'role="img"' in svg
    assert "<title" in svg or "aria-label=" in svg


DESCRIPTION = re.compile(r'<meta name="description" content="([^"]{40,160})">')


@pytest.mark.parametrize("path", STATIC_PAGES, ids=short)
def test_static_page_describes_itself_for_search_results(path: Path) -> None:
    assert DESCRIPTION.search(path.read_text())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/menu/", "The live menu"),
        ("/menu/{slug}/", "Lentil"),
        ("/accounts/login/", "Log in"),
        ("/accounts/signup/", "Sign up"),
        ("/request/", "Django view"),
    ],
)
def test_dynamic_page_describes_itself_for_search_results(
    client: Client, url: str, words: str
) -> None:
    dish = dish_create(name="Lentil soup", description="Red lentils, cumin and lemon.")

    html = client.get(url.format(slug=dish.slug)).content.decode()

    description = DESCRIPTION.search(html)
    assert description
    assert words in description.group(1)
