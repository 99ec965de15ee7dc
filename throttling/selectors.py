"""Reads for throttling: who the client is, and how often their address failed to log in."""

import ipaddress
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, as failed log-ins and rate limits count it.

    With no proxy in front it is the connection's address. Behind
    TRUSTED_PROXY_COUNT proxies, each appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right;
    anything further left was written by the client and is not trusted, and
    an entry that is not an address at all counts as the connection's.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    claimed = forwarded[-proxies] if 0 < proxies <= len(forwarded) else remote
    return counted_as(claimed) or counted_as(remote) or remote


def counted_as(address: str) -> str | None:
    """The address that stands for `address` in the counts, or None if it is none.

    An IPv6 address counts as its /64 network: one household or machine is
    usually given a whole /64 and could otherwise take a fresh address for
    every guess.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def email_typed(request: HttpRequest) -> str:
    """The e-mail address a form was sent with, as one inbox: trimmed, any case."""
    return request.POST.get("email", "").strip().casefold()


def address_failure_count(*, ip_address: str, since: datetime) -> int:
    """Failed log-ins from `ip_address` since `since`, against any accounts.

    A success removes that account's own failures (AXES_RESET_ON_SUCCESS),
    so what is left are failures against accounts that did not then log in.
    """
    failures = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return failures.aggregate(total=Sum("failures_since_start"))["total"] or 0


# django-axes keeps the username typed with each failure in a column of this many characters.
USERNAME_KEPT = 255


def username_typed(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username a log-in was tried with, cut to what is kept.

    A longer one names no account (theirs are at most 150 characters). PostgreSQL
    refuses to store it whole, where SQLite kept it: a 10 KB username answered 500.
    """
    typed = credentials if credentials else getattr(request, "data", request.POST)
    username = typed.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:USERNAME_KEPT] if username is not None else None
