import logging
from collections.abc import Iterator
from io import StringIO
from unittest import mock

import pytest
from django.core.handlers.base import BaseHandler
from django.core.management import call_command

from config.logging import OneLineFormatter
from tests.client import SiteClientHandler


@pytest.fixture(scope="session", autouse=True)
def clients_see_the_site_as_gunicorn_serves_it() -> Iterator[None]:
    """Every test client sends requests for files through the WSGI front (tests/client.py)."""
    with mock.patch("django.test.client.ClientHandler", SiteClientHandler):
        yield


@pytest.fixture(scope="session", autouse=True)
def built_site() -> None:
    """Build the static assets and the compressed pages, as `make run` does.

    WhiteNoise lists the files when a test client is created, so this runs first.
    """
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("build_pages", stdout=StringIO())


@pytest.fixture
def no_view_runs() -> Iterator[None]:
    """Fail the test if a request gets past the middleware to URL routing and a view."""
    with mock.patch.object(BaseHandler, "_get_response", side_effect=AssertionError("a view ran")):
        yield


@pytest.fixture
def site_log() -> Iterator[StringIO]:
    """What the site writes to its log (stderr, under gunicorn) during the test."""
    handler = next(
        handler
        for handler in logging.getLogger("django").handlers
        if isinstance(handler.formatter, OneLineFormatter)
    )
    stream = StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)
