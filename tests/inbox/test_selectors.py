"""Reads for members' mail: their own messages, and who a special's notice can reach."""

import datetime

import pytest
from django.utils import timezone

from inbox.models import SentMail
from inbox.selectors import SpecialAudience, mail_for_user, special_audience
from menu.models import Favourite, SpecialNotice
from tests.factories import dish_create, user_create

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 21)


def sent(user, subject: str, minutes_ago: int) -> SentMail:
    return SentMail.objects.create(
        user=user,
        kind=SentMail.Kind.SPECIAL,
        subject=subject,
        body="…",
        sent_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_a_members_mail_is_theirs_only_and_newest_first() -> None:
    maya, gus = user_create("maya"), user_create("gus")
    sent(maya, "Older", 10)
    sent(gus, "For gus", 5)
    sent(maya, "Newer", 1)

    assert [m.subject for m in mail_for_user(user=maya)] == ["Newer", "Older"]
    assert [m.subject for m in mail_for_user(user=gus)] == ["For gus"]


def test_special_audience_counts_fans_those_who_asked_and_those_still_due() -> None:
    dish = dish_create()
    told, due = user_create(email_notifications=True), user_create(email_notifications=True)
    quiet = user_create(email_notifications=False)
    for user in (told, due, quiet):
        Favourite.objects.create(user=user, dish=dish)
    SpecialNotice.objects.create(user=told, dish=dish, day=DAY)

    assert special_audience(dish=dish, day=DAY) == SpecialAudience(fans=3, asked=2, due=1, told=1)
    assert special_audience(dish=dish, day=DAY + datetime.timedelta(days=1)).due == 2
