"""/how-it-works/: the status codes it offers to trigger are the ones a visitor gets."""

import pytest
from django.conf import settings
from django.test import Client

from menu.demo import dishes_load
from tests.markup import status_examples

pytestmark = pytest.mark.django_db

HTML = (settings.PAGES_SOURCE_DIR / "how-it-works" / "index.html").read_text()
EXAMPLES = status_examples(HTML)


def test_the_page_offers_a_404_405_403_302_and_a_500() -> None:
    statuses = sorted(status for _, _, status in EXAMPLES)

    assert statuses == [302, 403, 404, 404, 405, 500]


@pytest.mark.parametrize(("method", "address", "status"), EXAMPLES, ids=lambda x: str(x))
def test_each_example_answers_a_stranger_with_the_status_it_promises(
    method: str, address: str, status: int
) -> None:
    dishes_load()
    # Held to the CSRF check, as a browser is: the 403 depends on it.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)

    response = client.generic(method, address)

    assert response.status_code == status
    if status >= 400:
        html = response.content.decode()
        assert f"<h1>{status}:" in html
        assert "Traceback" not in html


@pytest.mark.parametrize(
    "command",
    [
        "curl -i http://127.0.0.1:8000/hours/",
        "curl -i -H 'If-None-Match: ",
        "curl -i -c cookies.txt http://127.0.0.1:8000/menu/",
        "curl -s -b cookies.txt -c cookies.txt http://127.0.0.1:8000/menu/",
    ],
)
def test_the_curl_walkthrough_covers_static_conditional_and_both_kinds_of_dynamic_request(
    command: str,
) -> None:
    assert f"<code>{command}" in HTML
