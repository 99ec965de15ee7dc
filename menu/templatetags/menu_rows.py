"""The live menu's dishes, each row rendered once for the values it shows (config/fragments.py).

A row of /menu/ shows the dish's fields, whether it suits this visitor and why
not, and whether it is a favourite. Rendering the rows was most of the page's
time and grew with the menu (13 dishes: about 1 ms of 4.8; 500 dishes: 40 ms);
a row made before costs a few microseconds.
"""

from decimal import Decimal
from typing import NamedTuple

from django import template
from django.utils.safestring import SafeString

from config.fragments import Fragments
from menu.selectors import MenuEntry

register = template.Library()

# Enough for a menu of a few hundred dishes seen by visitors of every kind.
ROWS = Fragments("menu/row.html", kept=4096)


class MenuRow(NamedTuple):
    """Everything a row shows, and so what tells one row from another."""

    slug: str
    name: str
    price: Decimal
    description: str
    vegetarian: bool
    vegan: bool
    gluten_free: bool
    spice_level: int
    favourite: bool
    problems: tuple[str, ...]
    show_fit: bool

    @property
    def fits(self) -> bool:
        return not self.problems


def menu_row(entry: MenuEntry, *, show_fit: bool) -> MenuRow:
    dish = entry.dish
    return MenuRow(
        slug=dish.slug,
        name=dish.name,
        price=dish.price,
        description=dish.description,
        vegetarian=dish.vegetarian,
        vegan=dish.vegan,
        gluten_free=dish.gluten_free,
        spice_level=dish.spice_level,
        favourite=entry.favourite,
        problems=tuple(entry.problems),
        show_fit=show_fit,
    )


@register.simple_tag
def menu_rows(entries: list[MenuEntry], show_fit: bool) -> SafeString:
    """A section's rows, one after another: joined here, not in a template loop,
    whose cost per dish was twice that of the rows themselves."""
    show_fit = bool(show_fit)
    rows = (menu_row(entry, show_fit=show_fit) for entry in entries)
    # The row stands in for the dish in includes/dish_tags.html: same attribute names.
    return SafeString(
        "".join(ROWS.html(row, lambda row=row: {"row": row, "dish": row}) for row in rows)
    )
