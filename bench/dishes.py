"""The dishes the bench adds to its throwaway menu, to see how /menu/ grows with it.

`add` runs inside `manage.py shell -c`, where Django is set up.
"""

from decimal import Decimal
from typing import Any

CATEGORIES = ("starter", "main", "dessert", "drink")


def more_dishes(count: int) -> list[dict[str, Any]]:
    """`count` available dishes in every category, diet and spice level, as Dish fields."""
    dishes = []
    for number in range(1, count + 1):
        vegetarian = number % 2 == 0
        dishes.append(
            {
                "name": f"Bench dish {number:03}",
                "slug": f"bench-dish-{number:03}",
                "description": "Made up by make bench, so that the menu has 500 dishes.",
                "category": CATEGORIES[number % len(CATEGORIES)],
                "price": Decimal(4 + number % 20) + Decimal("0.50"),
                "vegetarian": vegetarian,
                "vegan": vegetarian and number % 4 == 0,
                "gluten_free": number % 3 == 0,
                "spice_level": number % 4,
                "available": True,
                # A new special would e-mail the users who opted in.
                "special": False,
            }
        )
    return dishes


def add(count: int) -> None:
    """Add the dishes to the database of DATA_DIR; print how many the menu had, then has."""
    # Imported here: Django is set up only once `manage.py shell` runs this.
    from menu.models import Dish

    on_menu = Dish.objects.filter(available=True)
    before = on_menu.count()
    Dish.objects.bulk_create(Dish(**fields) for fields in more_dishes(count))
    print(before, on_menu.count())
