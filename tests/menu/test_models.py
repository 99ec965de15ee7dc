"""The rules a dish must keep, in words the kitchen reads."""

import pytest
from django.core.exceptions import ValidationError

from menu.models import Dish

# A check constraint is checked by asking the database.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("broken", "field", "message"),
    [
        ({"price": -1}, "price", "A price cannot be below zero."),
        ({"spice_level": 4}, "spice_level", "Spice goes from 0 (not spicy) to 3 (very hot)."),
        ({"vegan": True, "vegetarian": False}, "vegan", "A vegan dish is vegetarian too"),
    ],
)
def test_each_broken_rule_of_a_dish_is_reported_on_its_field(
    broken: dict, field: str, message: str
) -> None:
    dish = Dish(
        **{"name": "Oat flan", "slug": "oat-flan", "category": "dessert", "price": 5, **broken}
    )

    with pytest.raises(ValidationError) as refused:
        dish.validate_constraints()

    assert list(refused.value.message_dict) == [field]
    assert refused.value.message_dict[field][0].startswith(message)
