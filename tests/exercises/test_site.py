"""A check that meets a 500 names the exception the server raised for that request."""

import inspect

import pytest

from exercises.grading.site import browser, status_line
from tests.urls_failing import broken_view

pytestmark = [pytest.mark.urls("tests.urls_failing"), pytest.mark.django_db]


def test_a_500_names_the_error_the_view_raised_and_its_file() -> None:
    line = status_line(browser().get("/broken/"))

    assert line.startswith("500 Internal Server Error; the server raised RuntimeError: ")
    raising_line = inspect.getsourcelines(broken_view)[1] + 1
    assert f"the oven is on fire (tests/urls_failing.py, line {raising_line})" in line


def test_a_later_server_error_is_not_blamed_on_an_earlier_exception() -> None:
    client = browser()
    client.get("/broken/")

    assert status_line(client.get("/unavailable/")) == "503 Service Unavailable"
