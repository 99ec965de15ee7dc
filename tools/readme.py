"""Refresh what the README quotes from real runs, so that it never shows output no one saw.

    make readme                                       # the curl transcripts
    make test 2>&1 | tee build/test.log
    make readme TEST_LOG=build/test.log               # and the test summary

The curl transcripts of "See the difference with curl" are made again by
running each `$ curl ...` line against a throwaway copy of the site, served by
gunicorn as `make run` serves it (seeded, on a spare port); the address is
written back as http://127.0.0.1:8000. With TEST_LOG, the lines of the `make
test` transcript that hold counts (files formatted, tests passed) are taken
from that log. tests/test_readme.py fails when the quoted headers no longer
match what the server sends.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
README_URL = "http://127.0.0.1:8000"
CURL_SECTION = "## See the difference with curl"
# A body is shown by its first line only: the headers are the lesson.
BODY_LINE_CHARS = 100
ETAG = re.compile(r'"[0-9a-f]+-[0-9a-f]+"')


@dataclass(frozen=True)
class Block:
    """A ```console block of the README: its line range and its commands with their output."""

    start: int  # the index of the line after the opening fence
    end: int  # the index of the closing fence
    steps: list[tuple[str, list[str]]]


def console_blocks(lines: list[str], section: str) -> Iterator[Block]:
    """The console blocks between the heading `section` and the next `## ` heading."""
    inside = False
    start = None
    for index, line in enumerate(lines):
        if line.startswith("## "):
            inside = line.strip() == section
        elif inside and line.strip() == "```console":
            start = index + 1
        elif inside and start is not None and line.strip() == "```":
            yield Block(start, index, _steps(lines[start:index]))
            start = None


def _steps(lines: list[str]) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def shortened(output: str, command: str) -> list[str]:
    """`curl -i` output as the README shows it: the headers, then the body's first line."""
    lines = output.replace("\r\n", "\n").rstrip("\n").split("\n")
    if " -i " not in f" {command} " or "" not in lines:
        return lines
    blank = lines.index("")
    body = lines[blank + 1 :]
    if not body:
        return lines[:blank]
    first = body[0]
    if len(first) > BODY_LINE_CHARS:
        first = first[:BODY_LINE_CHARS] + " ..."
    return [*lines[: blank + 1], first, "..."]


@dataclass
class Session:
    """A reader pasting the commands in order: one folder (for cookies.txt), the last ETag."""

    url: str
    workdir: Path
    etag: str | None = None

    def run(self, command: str) -> list[str]:
        """Run `command` against the throwaway site; the lines the README shows for it.

        A command that quotes an ETag gets the one the server sent last, as a
        reader pastes their own.
        """
        if self.etag:
            command = ETAG.sub(self.etag, command)
        # The README's own commands, run as a reader pastes them into a shell.
        result = subprocess.run(  # noqa: S603
            ["bash", "-c", command.replace(README_URL, self.url)],  # noqa: S607
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=30,
        )
        output = result.stdout.replace(self.url, README_URL)
        sent = re.search(r"^ETag: (.+)$", output, flags=re.MULTILINE | re.IGNORECASE)
        self.etag = sent[1].strip() if sent else self.etag
        return [f"$ {command}", *shortened(output, command)]


def with_transcripts(text: str, url: str) -> str:
    """The README with every curl transcript made again against `url`, in reading order."""
    lines = text.split("\n")
    blocks = list(console_blocks(lines, CURL_SECTION))
    with tempfile.TemporaryDirectory() as workdir:
        session = Session(url, Path(workdir))
        made = [
            [line for command, _ in block.steps for line in session.run(command)]
            for block in blocks
        ]
    for block, new_lines in reversed(list(zip(blocks, made, strict=True))):
        lines[block.start : block.end] = new_lines
    return "\n".join(lines)


SUMMARY_LINES = (
    re.compile(r"^\d+ files already formatted$"),
    re.compile(r"^=+ \d+ passed.* in [\d.]+s.*=+$"),
)


def with_test_summary(text: str, log: str) -> str:
    """The README with the counts of `make test` (files formatted, tests passed) from `log`.

    Only the block that quotes `$ make test` takes them (other blocks quote other
    runs). The suite runs once on each database: the block's lines of a kind
    take the log's in order.
    """
    lines = text.split("\n")
    start = lines.index("$ make test")
    end = lines.index("```", start) if "```" in lines[start:] else len(lines)
    for pattern in SUMMARY_LINES:
        seen = iter([line for line in log.splitlines() if pattern.match(line)])
        quoted = sum(1 for line in lines[start:end] if pattern.match(line))
        try:
            lines[start:end] = [
                next(seen) if pattern.match(line) else line for line in lines[start:end]
            ]
        except StopIteration:
            raise SystemExit(
                f"The test log has fewer than {quoted} lines like {pattern.pattern!r}:"
                " did it finish?"
            ) from None
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-log", type=Path, help="the output of `make test`")
    arguments = parser.parse_args()
    if shutil.which("curl") is None:
        raise SystemExit("curl is needed: on Debian or Ubuntu, sudo apt-get install curl")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    sys.path.insert(0, str(README.parent))
    import django

    django.setup()
    from tests.server import gunicorn_serving, migrated_env

    text = README.read_text()
    with tempfile.TemporaryDirectory() as data:
        env = migrated_env(Path(data), seed=())
        with gunicorn_serving(env, Path(data) / "gunicorn.log") as url:
            text = with_transcripts(text, url)
    if arguments.test_log:
        text = with_test_summary(text, arguments.test_log.read_text())
    README.write_text(text)
    print(f"{README.name} refreshed from a real run; `git diff {README.name}` shows what changed.")


if __name__ == "__main__":
    main()
