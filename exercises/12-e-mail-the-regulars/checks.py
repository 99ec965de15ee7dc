"""Exercise 12: when the chef makes a dish today's special, the fans who asked hear of it, once."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts.models import Preferences, User
from exercises.grading import check, fail
from menu.models import Dish, Favourite, SpecialNotice

DISH = "mango-sorbet"


class RolledBack(Exception):
    """Raised inside a transaction to undo it, as an error in a view would."""


@contextmanager
def fans() -> Iterator[Dish]:
    """Maya (opted in to e-mails) and gus (not) both favourite the mango sorbet; the
    outbox starts empty. Everything is put back afterwards."""
    dish = Dish.objects.get(slug=DISH)
    maya, gus = User.objects.get(username="maya"), User.objects.get(username="gus")
    # The demo data opts maya in and gus out already; set both so the checks do not rely on it.
    asked = dict(Preferences.objects.values_list("user_id", "email_notifications"))
    added = [
        favourite.pk
        for favourite, created in (
            Favourite.objects.get_or_create(user=user, dish=dish) for user in (maya, gus)
        )
        if created
    ]
    Preferences.objects.filter(user=maya).update(email_notifications=True)
    Preferences.objects.filter(user=gus).update(email_notifications=False)
    mail.outbox.clear()
    try:
        yield Dish.objects.get(pk=dish.pk)
    finally:
        Favourite.objects.filter(pk__in=added).delete()
        for user in (maya, gus):
            Preferences.objects.filter(user=user).update(email_notifications=asked[user.pk])
        Dish.objects.filter(pk=dish.pk).update(special=False)
        SpecialNotice.objects.filter(dish=dish).delete()
        mail.outbox.clear()


def make_special(dish: Dish, special: bool = True) -> None:
    """What the admin does when the chef ticks or unticks Today's special and saves."""
    dish = Dish.objects.get(pk=dish.pk)
    dish.special = special
    dish.save()


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def e_mails(addresses: list[str]) -> str:
    if not addresses:
        return "no e-mail"
    return f"{len(addresses)} e-mail{'s' if len(addresses) > 1 else ''}, to {', '.join(addresses)}"


def expect_sent(addresses: list[str], *, after: str) -> None:
    if sent_to() != addresses:
        fail(expected=f"{e_mails(addresses)} {after}", got=e_mails(sent_to()))


MAYA = "maya@takeout-and-table.test"


@check(
    hint="menu/signals.py calls special_notify() in menu/services.py when a dish becomes "
    "the special: that function chooses who gets an e-mail.",
)
def a_fan_who_asked_is_told():
    """Making a dish today's special e-mails a fan of it who asked to hear."""
    with fans() as dish:
        make_special(dish)
        if MAYA not in sent_to():
            fail(expected=f"an e-mail to {MAYA}", got=f"e-mails to {sent_to() or 'no one'}")
        message = next(message for message in mail.outbox if MAYA in message.to)
        if dish.name not in message.subject + message.body:
            fail(expected=f"the e-mail to name {dish.name}", got=message.subject)


@check(
    needs=a_fan_who_asked_is_told,
    hint="Each user's choice is Preferences.email_notifications (user.preferences): "
    "filter the fans on it.",
)
def only_those_who_asked():
    """A fan who did not ask for e-mails gets none."""
    with fans() as dish:
        make_special(dish)
        expect_sent([MAYA], after="when the sorbet became the special")


@check(
    needs=only_those_who_asked,
    hint="Remember what was sent: the SpecialNotice model (one row per user, dish and day, "
    "unique together) is there for it. Claim a row before each e-mail; if the row is "
    "already there, that e-mail was sent today.",
)
def once_a_day():
    """A dish made special, unmarked and made special again the same day e-mails each fan once."""
    with fans() as dish:
        make_special(dish)
        make_special(dish, special=False)
        make_special(dish)
        expect_sent([MAYA], after="for a dish made special twice on one day")


@check(
    needs=once_a_day,
    hint="Take the day from Django's clock, timezone.localdate(), so tomorrow is a new day.",
)
def again_the_next_day():
    """The next day, the same dish made special again is news again: one more e-mail."""
    with fans() as dish:
        make_special(dish)
        make_special(dish, special=False)
        tomorrow = timezone.now() + datetime.timedelta(days=1)
        with mock.patch("django.utils.timezone.now", return_value=tomorrow):
            make_special(dish)
        expect_sent([MAYA, MAYA], after="for a dish made special today and again tomorrow")


@check(
    needs=a_fan_who_asked_is_told,
    hint="An e-mail cannot be taken back, but a database change can be: "
    "transaction.on_commit() runs code only once the change is saved for good.",
)
def nothing_sent_for_an_undone_change():
    """A change that is rolled back (an error later in the same request) e-mails no one."""
    with fans() as dish:
        try:
            with transaction.atomic():
                make_special(dish)
                raise RolledBack
        except RolledBack:
            pass
        if Dish.objects.get(pk=dish.pk).special:
            fail(expected="the special undone by the rollback", got="still special")
        expect_sent([], after="for a change that was rolled back")
