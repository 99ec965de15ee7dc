"""The admin is a real editing tool for the menu."""

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from inbox.models import SentMail
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


def tick_special(client: Client, slug: str) -> str:
    """Chef ticks Today's special on the dish's change form and saves; the page they land on."""
    url = reverse("admin:menu_dish_change", args=[Dish.objects.get(slug=slug).pk])
    form = client.get(url).context["adminform"].form
    values = {name: form[name].value() for name in form.fields} | {"special": True}
    # As a browser posts it: a ticked box as "on", an unticked one not at all.
    data = {
        name: "on" if value is True else value
        for name, value in values.items()
        if value is not False
    }

    response = client.post(url, data, follow=True)

    assert response.redirect_chain, response.context["adminform"].form.errors
    return response.content.decode()


@pytest.fixture
def chef(client: Client) -> Client:
    call_command("seed_demo", stdout=StringIO())
    client.force_login(User.objects.get(username="chef"))
    return client


# Real commits: the e-mails go once the admin's save commits, as on the live site.
@pytest.mark.django_db(transaction=True)
def test_ticking_a_special_tells_maya_and_the_admin_says_how_many_were_told(chef: Client) -> None:
    page = tick_special(chef, "wild-mushroom-risotto")

    assert (
        "Told 1 member by e-mail that Wild mushroom risotto is today&#x27;s special: "
        "it is on their Your mail page." in page
    )
    kept = SentMail.objects.get()
    assert kept.user.username == "maya"
    assert "Wild mushroom risotto" in kept.subject
    assert [m.to for m in mail.outbox] == [["maya@takeout-and-table.test"]]


@pytest.mark.django_db(transaction=True)
def test_ticking_specials_in_the_list_says_how_many_each_told(chef: Client) -> None:
    risotto = Dish.objects.get(slug="wild-mushroom-risotto")
    torte = Dish.objects.get(slug="dark-chocolate-torte")

    response = chef.post(
        reverse("admin:menu_dish_changelist"),
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(risotto.pk),
            "form-0-available": "on",
            "form-0-special": "on",
            "form-1-id": str(torte.pk),
            "form-1-available": "on",
            "form-1-special": "on",
            "_save": "Save",
        },
        follow=True,
    )

    page = response.content.decode()
    assert "Told 1 member by e-mail that Wild mushroom risotto" in page
    assert (
        "No member was told by e-mail that Dark chocolate torte is today&#x27;s special: "
        "1 member favourited it, none asked for e-mail notices." in page
    )
    assert SentMail.objects.get().user.username == "maya"


@pytest.mark.django_db(transaction=True)
def test_the_admin_says_why_nobody_was_told(chef: Client) -> None:
    tick_special(chef, "wild-mushroom-risotto")
    Dish.objects.filter(slug="wild-mushroom-risotto").update(special=False)

    again = tick_special(chef, "wild-mushroom-risotto")
    unloved = tick_special(chef, "fresh-lemonade")

    assert "1 member asked and was already told today." in again
    assert "Fresh lemonade is today&#x27;s special: no member has it among their favourites." in (
        unloved
    )
    assert SentMail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_e_mail_that_failed_is_reported_in_the_admin_and_the_save_stands(chef: Client) -> None:
    with mock.patch("inbox.services.send_mail", side_effect=ConnectionRefusedError):
        page = tick_special(chef, "wild-mushroom-risotto")

    assert "1 e-mail that Wild mushroom risotto is today&#x27;s special could not be sent" in page
    assert Dish.objects.get(slug="wild-mushroom-risotto").special
    assert not SentMail.objects.exists()


def test_the_admin_wears_the_sites_name(admin_client: Client) -> None:
    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "<title>The kitchen | Takeout &amp; Table kitchen</title>" in html
    assert "Django administration" not in html


def test_the_kitchens_tables_come_first_and_the_log_in_throttling_last(
    admin_client: Client,
) -> None:
    apps = admin_client.get(reverse("admin:index")).context["app_list"]

    assert [app["app_label"] for app in apps] == ["menu", "inbox", "accounts", "auth", "axes"]
    assert apps[-1]["name"] == "Log-in throttling (security, not the menu)"


def test_the_dish_list_has_no_sidebar_of_other_tables(admin_client: Client) -> None:
    html = admin_client.get(reverse("admin:menu_dish_changelist")).content.decode()

    assert 'id="nav-sidebar"' not in html
    assert "Access attempts" not in html


def test_the_dish_list_puts_the_daily_tick_boxes_right_after_the_name(
    admin_client: Client,
) -> None:
    dish_create(name="Lentil soup", vegan=True, vegetarian=True, gluten_free=True)

    response = admin_client.get(reverse("admin:menu_dish_changelist"))

    columns = response.context["cl"].list_display
    assert columns[1:4] == ["name", "available", "special"]
    assert '<td class="field-diet">vegan, gluten-free</td>' in response.content.decode()


def test_each_tick_box_in_the_dish_list_names_its_dish(admin_client: Client) -> None:
    dish_create(name="Lentil soup")

    html = admin_client.get(reverse("admin:menu_dish_changelist")).content.decode()

    assert 'aria-label="Lentil soup: Available"' in html
    assert 'aria-label="Lentil soup: Today&#x27;s special"' in html


@pytest.mark.parametrize(
    "url", [reverse("admin:menu_dish_changelist"), reverse("admin:menu_dish_add")]
)
def test_the_dish_list_and_form_say_the_live_menu_follows_and_the_printed_one_never(
    admin_client: Client, url: str
) -> None:
    html = admin_client.get(url).content.decode()

    assert 'is on the <a href="/menu/">live menu</a> at its next request' in html
    assert 'The printed <a href="/takeout/">takeout menu</a> never changes' in html


def test_a_vegan_dish_not_marked_vegetarian_is_refused_on_the_vegan_box_in_plain_words(
    admin_client: Client,
) -> None:
    form = {"name": "Oat flan", "slug": "oat-flan", "category": "dessert", "price": "5.50"}

    response = admin_client.post(
        reverse("admin:menu_dish_add"), {**form, "vegan": "on", "spice_level": "0"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "vegan": ["A vegan dish is vegetarian too: tick Vegetarian as well, or untick Vegan."]
    }
    assert "Constraint" not in response.content.decode()
    assert not Dish.objects.filter(slug="oat-flan").exists()
