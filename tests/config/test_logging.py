"""The log: a line per record, a traceback only for a server error."""

import logging
import sys

import pytest

from config.logging import OneLineFormatter


def record(message: str, *args: object, status: int | None = None) -> logging.LogRecord:
    try:
        raise ValueError("what went wrong")
    except ValueError:
        exc_info = sys.exc_info()
    made = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, message, args, exc_info
    )
    if status is not None:
        made.status_code = status
    return made


@pytest.mark.parametrize("status", [400, 403, 404, 413, 429])
def test_a_client_error_is_one_line_without_its_traceback(status: int) -> None:
    line = OneLineFormatter().format(record("Bad request: %s", "/accounts/signup/", status=status))

    assert line == "Bad request: /accounts/signup/"


@pytest.mark.parametrize("status", [500, 503, None], ids=["500", "503", "no-status"])
def test_a_server_error_keeps_its_traceback(status: int | None) -> None:
    text = OneLineFormatter().format(record("Internal Server Error: /menu/", status=status))

    assert text.startswith("Internal Server Error: /menu/\n  | Traceback (most recent call last):")
    assert "\n  | ValueError: what went wrong" in text


def test_control_characters_from_a_request_cannot_start_a_line_of_their_own() -> None:
    forged = "sam\nTraceback (most recent call last):\r\x1b[31m\x85\u2028fake"

    line = OneLineFormatter().format(record("Login failed for %s", forged, status=401))

    assert line == (
        "Login failed for sam\\nTraceback (most recent call last):\\r\\x1b[31m\\x85\\u2028fake"
    )
    assert len(line.splitlines()) == 1


def test_a_server_errors_traceback_cannot_fake_a_record_either() -> None:
    try:
        raise KeyError("x\nInternal Server Error: /forged/")
    except KeyError:
        exc_info = sys.exc_info()
    made = logging.LogRecord("django.request", logging.ERROR, "", 1, "Server Error", (), exc_info)

    lines = OneLineFormatter().format(made).splitlines()

    assert lines[0] == "Server Error"
    assert all(line.startswith("  | ") for line in lines[1:])


def test_the_record_is_left_as_it_was_for_other_handlers() -> None:
    original = record("Bad request: %s", "/x\n", status=400)

    OneLineFormatter().format(original)

    assert original.getMessage() == "Bad request: /x\n"
    assert original.exc_info is not None
