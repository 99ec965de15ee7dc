"""The dishes the bench adds keep every rule of a dish, checked by the database."""

import pytest

from bench.dishes import add, more_dishes
from menu.models import Dish


def test_the_added_dishes_cover_every_category_diet_and_spice_level() -> None:
    dishes = more_dishes(487)

    assert len({dish["slug"] for dish in dishes}) == 487
    assert {dish["category"] for dish in dishes} == set(Dish.Category.values)
    assert {dish["spice_level"] for dish in dishes} == {0, 1, 2, 3}
    assert {(dish["vegetarian"], dish["vegan"]) for dish in dishes} == {
        (False, False),
        (True, False),
        (True, True),
    }
    assert all(dish["available"] and not dish["special"] for dish in dishes)


@pytest.mark.django_db
def test_adding_them_reports_the_menu_before_and_after(capsys: pytest.CaptureFixture) -> None:
    add(487)

    assert capsys.readouterr().out == "0 487\n"
    assert Dish.objects.filter(available=True).count() == 487
