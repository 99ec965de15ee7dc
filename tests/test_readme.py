"""The README quotes what the server really sends (tools/readme.py remakes the quotes)."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server import gunicorn_serving, migrated_env
from tools.readme import (
    CURL_SECTION,
    README,
    Session,
    console_blocks,
    shortened,
    with_test_summary,
)

# Headers whose values change from one request to the next; their names must still match.
VOLATILE = {"date", "last-modified", "etag", "content-length", "server-timing"}

STEPS = [
    command
    for block in console_blocks(README.read_text().split("\n"), CURL_SECTION)
    for command, _ in block.steps
]
QUOTED = {
    command: output
    for block in console_blocks(README.read_text().split("\n"), CURL_SECTION)
    for command, output in block.steps
}


def headers(lines: list[str]) -> dict[str, str]:
    """The status line and headers of `curl -i` output, by lower-case name."""
    found = {"status": lines[0]}
    for line in lines[1:]:
        if not line:
            break
        name, _, value = line.partition(": ")
        found[name.lower()] = value
    return found


def comparable(name: str, value: str) -> object:
    if name in VOLATILE:
        return "(varies)"
    if name == "content-security-policy":
        # django-csp lists the directives in no fixed order.
        return {directive.strip() for directive in value.split(";")}
    if name == "set-cookie":
        # The key and the dates are new each time; the attributes are the lesson.
        return [part for part in value.split("; ")[1:] if not part.startswith("expires=")]
    return value


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """The README's commands run in order against a seeded site, as a reader runs them."""
    if shutil.which("curl") is None:
        message = "curl is not installed: on Debian or Ubuntu, `sudo apt-get install curl`"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must run this test, not skip it)")
        pytest.skip(message)
    data = tmp_path_factory.mktemp("data")
    env = migrated_env(data, seed=())
    with gunicorn_serving(env, data / "gunicorn.log") as url:
        yield Session(url, tmp_path_factory.mktemp("reader"))


def test_every_curl_transcript_quotes_the_headers_the_server_sends(session: Session) -> None:
    checked = 0
    for command in STEPS:
        got = session.run(command)[1:]
        if " -i " not in f" {command} ":
            continue
        quoted, sent = headers(QUOTED[command]), headers(got)
        assert {name: comparable(name, value) for name, value in quoted.items()} == {
            name: comparable(name, value) for name, value in sent.items()
        }, command
        checked += 1
    assert checked == 3


def test_a_long_body_is_cut_to_its_first_line_after_the_headers() -> None:
    output = "HTTP/1.1 200 OK\r\nVary: Cookie\r\n\r\n" + "x" * 150 + "\nmore\n"

    assert shortened(output, "curl -i /menu/") == [
        "HTTP/1.1 200 OK",
        "Vary: Cookie",
        "",
        "x" * 100 + " ...",
        "...",
    ]
    assert shortened("200\n", "curl -s -o /dev/null -w '%{http_code}\\n' /") == ["200"]


def test_the_test_summary_takes_the_counts_of_the_log() -> None:
    readme = "$ make test\n184 files already formatted\n=== 739 passed in 484.76s (0:08:04) ===\n"
    log = "219 files already formatted\n...\n===== 911 passed in 611.45s (0:10:11) =====\n"

    assert with_test_summary(readme, log) == (
        "$ make test\n219 files already formatted\n===== 911 passed in 611.45s (0:10:11) =====\n"
    )


def test_each_runs_summary_goes_to_its_own_line_in_order() -> None:
    readme = "$ make test\n=== 1 passed in 1.00s ===\n...\n=== 2 passed in 2.00s ===\n"
    log = "== 1206 passed in 791.82s ==\n...\n== 1203 passed, 3 skipped in 700.01s ==\n"

    assert with_test_summary(readme, log) == (
        "$ make test\n== 1206 passed in 791.82s ==\n...\n== 1203 passed, 3 skipped in 700.01s ==\n"
    )


def test_a_summary_quoted_from_another_run_is_left_alone() -> None:
    other_run = "$ pytest tests/deploy\n=== 13 passed in 24.37s ===\n"
    readme = "$ make test\n=== 1 passed in 1.00s ===\n```\n" + other_run
    log = "== 1206 passed in 791.82s ==\n"

    assert with_test_summary(readme, log) == (
        "$ make test\n== 1206 passed in 791.82s ==\n```\n" + other_run
    )


def test_a_test_log_without_a_summary_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="did it finish"):
        with_test_summary("$ make test\n184 files already formatted\n", "make: *** Error 1\n")
