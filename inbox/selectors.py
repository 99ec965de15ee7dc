"""Reads for members' mail: what they were sent, and who a special's notice can reach."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import User
from inbox.models import SentMail
from menu.models import Dish, SpecialNotice


def mail_for_user(*, user: User) -> QuerySet[SentMail]:
    """The e-mails the site sent to `user` (and to no one else), newest first."""
    return SentMail.objects.filter(user=user).order_by("-sent_at", "-pk")


@dataclass(frozen=True)
class SpecialAudience:
    """Who could hear on a given day that a dish is today's special, counted."""

    fans: int  # members who favourited it
    asked: int  # of those, the ones who asked for e-mail notices and have an address
    due: int  # of those, the ones not told about it that day yet
    told: int  # notices about it sent that day, to anyone


def special_audience(*, dish: Dish, day: datetime.date) -> SpecialAudience:
    """The same choice as menu.services.special_notify makes, as counts."""
    fans = User.objects.filter(favourites__dish=dish)
    asked = fans.filter(preferences__email_notifications=True, is_active=True).exclude(email="")
    notices = SpecialNotice.objects.filter(dish=dish, day=day)
    return SpecialAudience(
        fans=fans.count(),
        asked=asked.count(),
        due=asked.exclude(pk__in=notices.values("user")).count(),
        told=notices.count(),
    )
