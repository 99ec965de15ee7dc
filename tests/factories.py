"""Small factories for the rows tests need: each call makes one, with sensible defaults."""

from decimal import Decimal
from itertools import count

from accounts.models import Preferences, User
from menu.models import Dish

_serial = count(1)


def dish_create(**overrides: object) -> Dish:
    n = next(_serial)
    values = {
        "name": f"Dish {n}",
        "slug": f"dish-{n}",
        "category": Dish.Category.MAIN,
        "price": Decimal("10.00"),
        "description": "Made for a test.",
    }
    return Dish.objects.create(**(values | overrides))


def user_create(username: str | None = None, **preferences: object) -> User:
    name = username or f"guest{next(_serial)}"
    user = User.objects.create_user(name, email=f"{name}@example.test", password="pw-for-tests")
    if preferences:
        Preferences.objects.create(user=user, **preferences)
    return user
