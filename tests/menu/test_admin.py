"""The admin is a real editing tool for the menu."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.models import User
from menu.models import Dish
from tests.factories import dish_create

pytestmark = pytest.mark.django_db


def test_dish_list_filters_searches_and_edits_availability_in_place(admin_client: Client) -> None:
    soup = dish_create(name="Lentil soup", category=Dish.Category.STARTER)
    dish_create(name="Beef noodles")
    url = reverse("admin:menu_dish_changelist")

    found = admin_client.get(url, {"q": "lentil"}).context["cl"].result_list
    starters = admin_client.get(url, {"category__exact": "starter"}).context["cl"].result_list
    response = admin_client.post(
        url,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(soup.pk),
            "form-0-special": "on",
            "_save": "Save",
        },
    )

    assert list(found) == [soup]
    assert list(starters) == [soup]
    assert response.status_code == 302
    soup.refresh_from_db()
    assert (soup.available, soup.special) == (False, True)


def test_user_admin_edits_preferences_inline(admin_client: Client, admin_user) -> None:
    response = admin_client.get(reverse("admin:accounts_user_change", args=[admin_user.pk]))

    assert "preferences-0-theme" in response.content.decode()


def test_mark_sold_out_takes_the_selected_dishes_off_the_live_menu(admin_client: Client) -> None:
    soup = dish_create(name="Lentil soup")
    noodles = dish_create(name="Beef noodles")
    url = reverse("admin:menu_dish_changelist")

    response = admin_client.post(
        url, {"action": "mark_sold_out", "_selected_action": [soup.pk]}, follow=True
    )

    soup.refresh_from_db()
    noodles.refresh_from_db()
    assert (soup.available, noodles.available) == (False, True)
    assert "1 dish marked sold out" in response.content.decode()
    assert "Lentil soup" not in admin_client.get(reverse("menu:list")).content.decode()


def test_mark_sold_out_is_refused_to_staff_who_may_only_view_dishes(client: Client) -> None:
    soup = dish_create(name="Lentil soup")
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_dish"))
    client.force_login(viewer)

    response = client.post(
        reverse("admin:menu_dish_changelist"),
        {"action": "mark_sold_out", "_selected_action": [soup.pk]},
    )

    soup.refresh_from_db()
    assert soup.available
    assert response.status_code == 200
    assert "mark_sold_out" not in response.content.decode()
