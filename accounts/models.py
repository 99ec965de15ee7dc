from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """The site's user, ours from the first migration so it can grow fields later."""

    # Incremented with F() in the database, so concurrent requests never lose a count.
    visit_count = models.PositiveIntegerField(default=0, editable=False)


class Preferences(models.Model):
    """What a signed-in user told the site about themselves: one row per user.

    A visitor who is not signed in keeps the same fields in their session;
    an unsaved instance stands for those.
    """

    class Theme(models.TextChoices):
        SYSTEM = "system", "Same as my device"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    display_name = models.CharField(max_length=50, blank=True)
    theme = models.CharField(max_length=6, choices=Theme.choices, default=Theme.SYSTEM)
    vegetarian = models.BooleanField(default=False)
    vegan = models.BooleanField(default=False)
    gluten_free = models.BooleanField("gluten-free", default=False)
    max_spice = models.PositiveSmallIntegerField(
        "most spice", default=3, validators=[MaxValueValidator(3)]
    )
    email_notifications = models.BooleanField(
        "e-mail me when a favourite is today's special", default=False
    )

    class Meta:
        verbose_name_plural = "preferences"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_spice__lte=3), name="preferences_spice_at_most_3"
            ),
        ]

    def __str__(self) -> str:
        return f"Preferences of {self.user}"

    @property
    def diet(self) -> list[str]:
        return [name for name in ("vegetarian", "vegan", "gluten_free") if getattr(self, name)]

    @property
    def is_set(self) -> bool:
        """Whether anything differs from the defaults (so the menu can be tailored)."""
        return bool(self.diet) or self.max_spice < 3
