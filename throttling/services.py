"""Writes for throttling: counting a request against its rate limit."""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from django.db import transaction
from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.timezone import now as current_time

from throttling.models import RateLimitWindow


@dataclass(frozen=True)
class Rate:
    """At most `limit` requests in each window of `period`."""

    limit: int
    period: timedelta


def window_start(moment: datetime, period: timedelta) -> datetime:
    """The start of the fixed window of `period` that `moment` falls in."""
    seconds = int(period.total_seconds())
    return datetime.fromtimestamp(int(moment.timestamp()) // seconds * seconds, tz=timezone.utc)


def rate_limit_hit(*, scope: str, client: str, rate: Rate) -> int | None:
    """Count one request by `client` in `scope`; None if it is within `rate`,
    else the seconds until the window ends (for Retry-After).

    Windows that have ended are deleted as new ones start, so the table holds
    only the clients of windows still open.
    """
    now = current_time()
    starts_at = window_start(now, rate.period)
    key = salted_hmac("throttling.rate_limit", f"{scope}:{client}", algorithm="sha256").hexdigest()
    with transaction.atomic():
        window, created = RateLimitWindow.objects.select_for_update().get_or_create(
            scope=scope,
            key=key,
            starts_at=starts_at,
            defaults={"ends_at": starts_at + rate.period, "hits": 1},
        )
        if created:
            RateLimitWindow.objects.filter(ends_at__lte=now).delete()
        else:
            window.hits = F("hits") + 1
            window.save(update_fields=["hits"])
            window.refresh_from_db(fields=["hits"])
    if window.hits <= rate.limit:
        return None
    return max(1, int((window.ends_at - now).total_seconds()))
