"""What /how-it-works/ says about a page Django builds holds for this site."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_admin_login_page_is_built_per_request_and_never_cached(client: Client) -> None:
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "Cookie" in response["Vary"]
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
