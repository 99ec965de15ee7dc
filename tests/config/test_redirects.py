"""A `next` address is followed only when it is a path on this site."""

import pytest
from django.test import RequestFactory

from config.redirects import redirect_to_next, safe_next

factory = RequestFactory()


@pytest.mark.parametrize("target", ["/menu/", "/menu/tiramisu/?from=email", "/"])
def test_a_path_on_this_site_is_followed(target: str) -> None:
    request = factory.post("/", {"next": target})

    assert safe_next(request) == target
    assert redirect_to_next(request, default="/accounts/")["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "x",
        "4",
        "true",
        "[]",
        "menu:list",
        "accounts:dashboard",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http:/evil.example/",
        "",
    ],
)
def test_anything_but_a_path_on_this_site_goes_to_the_default(target: str) -> None:
    request = factory.post("/", {"next": target})

    assert safe_next(request) is None
    assert redirect_to_next(request, default="/accounts/")["Location"] == "/accounts/"


def test_next_in_the_query_string_counts_when_the_form_has_none() -> None:
    request = factory.get("/", {"next": "/menu/"})

    assert safe_next(request) == "/menu/"
