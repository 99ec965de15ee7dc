from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Dish(models.Model):
    class Category(models.TextChoices):
        STARTER = "starter", "Starters"
        MAIN = "main", "Mains"
        DESSERT = "dessert", "Desserts"
        DRINK = "drink", "Drinks"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=10, choices=Category.choices)
    price = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    vegetarian = models.BooleanField(default=False)
    vegan = models.BooleanField(default=False)
    gluten_free = models.BooleanField("gluten-free", default=False)
    spice_level = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(3)],
        help_text="0 is not spicy, 3 is very hot.",
    )
    available = models.BooleanField(default=True)
    special = models.BooleanField(
        "today's special",
        default=False,
        help_text="Users who favourited the dish and opted in get one e-mail about it a day.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "dishes"
        ordering = ["name"]
        # Each rule's code names the field a form shows its message on (see
        # validate_constraints); the database enforces the same rules.
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="dish_price_not_negative",
                violation_error_code="price",
                violation_error_message="A price cannot be below zero.",
            ),
            models.CheckConstraint(
                condition=Q(spice_level__lte=3),
                name="dish_spice_at_most_3",
                violation_error_code="spice_level",
                violation_error_message="Spice goes from 0 (not spicy) to 3 (very hot).",
            ),
            models.CheckConstraint(
                condition=Q(vegan=False) | Q(vegetarian=True),
                name="dish_vegan_is_vegetarian",
                violation_error_code="vegan",
                violation_error_message=(
                    "A vegan dish is vegetarian too: tick Vegetarian as well, or untick Vegan."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("menu:detail", kwargs={"slug": self.slug})

    def validate_constraints(self, exclude: set[str] | None = None) -> None:
        """Check the rules in Meta.constraints, each broken one reported on its field.

        Django reports a broken check constraint for the whole form, where the
        admin shows it apart from the box to fix; its code here names the box.
        """
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as broken:
            fields = {field.name for field in self._meta.fields}
            by_field: dict[str, list[ValidationError]] = {}
            for name, errors in broken.error_dict.items():
                for error in errors:
                    on_field = name == NON_FIELD_ERRORS and error.code in fields
                    by_field.setdefault(error.code if on_field else name, []).append(error)
            raise ValidationError(by_field) from None

    @classmethod
    def from_db(cls, db, field_names, values):
        dish = super().from_db(db, field_names, values)
        # Remembered so a save can tell "made special now" from "still special".
        dish._special_when_loaded = dish.special
        return dish

    @property
    def became_special(self) -> bool:
        return self.special and not getattr(self, "_special_when_loaded", False)


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    dish = models.ForeignKey(Dish, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "dish"], name="favourite_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} likes {self.dish}"


class DishView(models.Model):
    """The last time a signed-in user opened a dish's page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dish_views"
    )
    dish = models.ForeignKey(Dish, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "dish"], name="dish_view_per_user")]
        indexes = [models.Index(fields=["user", "-viewed_at"])]

    def __str__(self) -> str:
        return f"{self.user} viewed {self.dish}"


class SpecialNotice(models.Model):
    """One e-mail sent to one user about one dish on one day: never two."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    dish = models.ForeignKey(Dish, on_delete=models.CASCADE)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "dish", "day"], name="one_notice_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.dish} for {self.user} on {self.day}"
