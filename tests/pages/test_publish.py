"""pages/publish.py: the pages as the build publishes them, without Django."""

import os
from pathlib import Path

from pages.publish import pin_times, publish_pages, with_hashed_assets

HASHED = {"css/site.css": "css/site.4dd7204177ae.css", "js/theme.js": "js/theme.8f4265f20164.js"}


def test_asset_links_are_renamed_to_their_hashed_names() -> None:
    html = '<link rel="stylesheet" href="/static/css/site.css"><script src="/static/js/theme.js">'

    assert with_hashed_assets(html, hashed_name=HASHED.get, static_url="/static/") == (
        '<link rel="stylesheet" href="/static/css/site.4dd7204177ae.css">'
        '<script src="/static/js/theme.8f4265f20164.js">'
    )


def test_an_unknown_asset_and_text_that_mentions_an_asset_are_left_as_written() -> None:
    html = (
        '<a href="/static/img/no-such-diagram.svg">a 404</a> '
        '<code>/static/css/site.css</code> <a href="/takeout/">menu</a>'
    )

    assert with_hashed_assets(html, hashed_name=HASHED.get, static_url="/static/") == html


def make_site(root: Path, pages: dict[str, str]) -> Path:
    source = root / "site"
    for name, html in pages.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(html)
        os.utime(source / name, (1_000_000, 1_000_000))
    return source


def test_a_page_takes_the_time_of_a_newer_asset_it_links_and_keeps_its_own_otherwise(
    tmp_path: Path,
) -> None:
    stylesheet = tmp_path / "site.css"
    stylesheet.write_text("body {}")
    os.utime(stylesheet, (2_000_000, 2_000_000))
    source = make_site(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="/static/css/site.css">',
            "plain/index.html": "<p>No assets here.</p>",
        },
    )
    target = tmp_path / "build"

    written = publish_pages(
        source=source,
        target=target,
        hashed_name=HASHED.get,
        static_url="/static/",
        asset_source=lambda name: stylesheet if name == "css/site.css" else None,
    )

    assert (target / "index.html").read_text() == (
        '<link rel="stylesheet" href="/static/css/site.4dd7204177ae.css">'
    )
    assert (target / "index.html").stat().st_mtime == 2_000_000
    assert (target / "plain/index.html").stat().st_mtime == 1_000_000
    assert not (tmp_path / "build.new").exists()
    assert target / "index.html.br" in written


def test_pinning_dates_every_file_below_the_folder(tmp_path: Path) -> None:
    source = make_site(tmp_path, {"index.html": "<p>Hi</p>", "deep/a/index.html": "<p>A</p>"})

    pinned = pin_times(source, 1_700_000_000)

    assert pinned == 2
    assert {path.stat().st_mtime for path in source.rglob("*.html")} == {1_700_000_000}
