"""Writes for the menu: favourites, viewed dishes, and the special-dish e-mail."""

import datetime
from unittest import mock

import pytest
from django.core import mail

from inbox.models import SentMail
from menu.models import DishView, Favourite, SpecialNotice
from menu.services import dish_view_record, favourite_add, favourite_remove, special_notify
from tests.factories import dish_create, user_create

pytestmark = pytest.mark.django_db


def test_favourite_add_twice_keeps_one_and_remove_takes_it_away() -> None:
    user, dish = user_create(), dish_create()

    favourite_add(user=user, dish=dish)
    favourite_add(user=user, dish=dish)
    assert Favourite.objects.filter(user=user, dish=dish).count() == 1

    favourite_remove(user=user, dish=dish)
    assert not Favourite.objects.filter(user=user, dish=dish).exists()


def test_viewing_a_dish_again_moves_it_up_instead_of_adding_a_row() -> None:
    user, dish = user_create(), dish_create()

    dish_view_record(user=user, dish=dish)
    first = DishView.objects.get(user=user, dish=dish).viewed_at
    dish_view_record(user=user, dish=dish)

    assert DishView.objects.get(user=user, dish=dish).viewed_at > first


def fan(dish, *, opted_in: bool = True, email: str | None = None):
    user = user_create(email_notifications=opted_in)
    if email is not None:
        user.email = email
        user.save()
    Favourite.objects.create(user=user, dish=dish)
    return user


def test_special_mails_only_opted_in_fans_with_an_address() -> None:
    dish = dish_create(name="Tiramisu")
    wants_it = fan(dish)
    fan(dish, opted_in=False)
    fan(dish, email="")
    user_create(email_notifications=True)

    sent = special_notify(dish=dish)

    assert sent == 1
    assert [m.to for m in mail.outbox] == [[wants_it.email]]
    assert "Tiramisu" in mail.outbox[0].subject


def test_special_is_mailed_once_per_dish_per_day_never_twice() -> None:
    dish = dish_create()
    fan(dish)
    today = datetime.date(2026, 11, 21)

    assert special_notify(dish=dish, day=today) == 1
    assert special_notify(dish=dish, day=today) == 0
    assert special_notify(dish=dish, day=today + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert SpecialNotice.objects.count() == 2


def test_making_a_dish_special_anywhere_sends_the_mail_after_commit(
    django_capture_on_commit_callbacks,
) -> None:
    dish = dish_create()
    fan(dish)

    with django_capture_on_commit_callbacks(execute=True):
        dish.price = 12
        dish.save()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        dish.special = True
        dish.save()
    with django_capture_on_commit_callbacks(execute=True):
        dish.description = "Still special, edited again."
        dish.save()

    assert len(mail.outbox) == 1


def test_the_special_e_mail_is_kept_on_the_fans_mail_page() -> None:
    dish = dish_create(name="Wild mushroom risotto")
    maya = fan(dish)

    special_notify(dish=dish)

    kept = SentMail.objects.get()
    assert (kept.user, kept.kind) == (maya, SentMail.Kind.SPECIAL)
    assert (kept.subject, kept.body) == (mail.outbox[0].subject, mail.outbox[0].body)
    assert "Wild mushroom risotto" in kept.subject


def test_a_special_e_mail_that_failed_is_not_counted_and_can_be_sent_later() -> None:
    dish = dish_create()
    fan(dish)

    with mock.patch("inbox.services.send_mail", side_effect=ConnectionRefusedError):
        assert special_notify(dish=dish) == 0
    assert not SentMail.objects.exists()
    assert not SpecialNotice.objects.exists()

    assert special_notify(dish=dish) == 1
    assert SentMail.objects.count() == 1
