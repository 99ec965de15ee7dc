"""Every address the site routes answers HEAD wherever it answers GET (and refuses
it where GET is refused, as on the POST-only addresses)."""

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from menu.models import Dish
from tests.factories import dish_create


def named_patterns(patterns: list, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def sample_url(name: str, pattern: URLPattern, dish: Dish) -> str:
    """The pattern's address with each part filled in: the dish wherever an object goes."""
    samples = {
        "slug": dish.slug,
        "object_id": str(dish.pk),
        "id": str(dish.pk),
        "app_label": "menu",
        "uidb64": "MQ",
        "token": "set-password",
        "content_type_id": "1",
    }
    parts = pattern.pattern.regex.groupindex
    return reverse(name, kwargs={part: samples[part] for part in parts})


NAMES = sorted(name for name, _ in named_patterns(get_resolver().url_patterns))
# Its failure is the point: the test client would re-raise it.
FAILS_ON_PURPOSE = {"inspector:fail"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_head_is_answered_wherever_get_is(client: Client, name: str) -> None:
    patterns = dict(named_patterns(get_resolver().url_patterns))
    url = sample_url(name, patterns[name], dish_create())
    client.raise_request_exception = name not in FAILS_ON_PURPOSE
    client.force_login(User.objects.create_superuser("chef", password="pw-for-tests"))

    got = client.get(url)
    head = client.head(url)

    # The admin's log-in page redirects a signed-in GET but shows a HEAD the
    # form: Django's own choice, and both are answers.
    assert (head.status_code < 400) == (got.status_code < 400), (url, got, head)
    assert (head.status_code == 405) == (got.status_code == 405), (url, got, head)
