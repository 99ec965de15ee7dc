"""The custom user model is in place from the first migration and editable in the admin."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import User


def test_the_project_uses_its_own_user_model() -> None:
    assert get_user_model() is User


def test_the_user_model_is_registered_in_the_admin() -> None:
    assert admin.site.is_registered(User)


@pytest.mark.django_db
def test_an_admin_can_list_and_open_users(admin_client: Client, admin_user: User) -> None:
    listing = admin_client.get("/admin/accounts/user/")
    detail = admin_client.get(f"/admin/accounts/user/{admin_user.pk}/change/")

    assert listing.status_code == 200
    assert admin_user.username in listing.content.decode()
    assert detail.status_code == 200
