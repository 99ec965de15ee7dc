from django.db import models


class RateLimitWindow(models.Model):
    """How many requests of one kind one client made in one fixed window of time.

    Kept in the database, so every gunicorn worker (and, later, every
    machine) counts the same requests. The client (an address, an e-mail
    address) is stored only as a keyed hash.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "starts_at"], name="one_window_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {self.hits} from {self.starts_at:%H:%M}"
