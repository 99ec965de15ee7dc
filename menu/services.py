"""Writes for the live menu: favourites, what a user viewed, special-dish e-mails."""

import datetime

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from inbox.models import SentMail
from inbox.services import mail_send
from menu.models import Dish, DishView, Favourite, SpecialNotice


def favourite_add(*, user: User, dish: Dish) -> None:
    Favourite.objects.get_or_create(user=user, dish=dish)


def favourite_remove(*, user: User, dish: Dish) -> None:
    Favourite.objects.filter(user=user, dish=dish).delete()


def dish_view_record(*, user: User, dish: Dish) -> None:
    DishView.objects.update_or_create(user=user, dish=dish, defaults={"viewed_at": timezone.now()})


def special_notify(*, dish: Dish, day: datetime.date | None = None) -> int:
    """E-mail each opted-in user who favourited `dish` that it is today's special.

    A SpecialNotice row is claimed before each e-mail; its unique constraint
    means a second call on the same day, even a concurrent one, sends nothing.
    Each e-mail is kept on the user's mail page too. Returns how many were sent.
    """
    day = day or timezone.localdate()
    fans = User.objects.filter(
        favourites__dish=dish, preferences__email_notifications=True, is_active=True
    ).exclude(email="")
    sent = 0
    for user in fans:
        try:
            with transaction.atomic():
                notice = SpecialNotice.objects.create(user=user, dish=dish, day=day)
        except IntegrityError:
            continue
        context = {"user": user, "dish": dish}
        mailed = mail_send(
            user=user,
            kind=SentMail.Kind.SPECIAL,
            subject=f"Today's special at Takeout & Table: {dish.name}",
            body=render_to_string("menu/special_email.txt", context),
        )
        if mailed is None:
            # Not sent, so not claimed: the dish made special again can still tell them.
            notice.delete()
            continue
        sent += 1
    return sent
