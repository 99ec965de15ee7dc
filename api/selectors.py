"""Reads for the page scripts: the live menu as data, for a browser to lay out."""

from accounts.models import Preferences, User
from menu.selectors import MenuEntry, favourite_dish_ids, menu_sections


def _dish_data(entry: MenuEntry) -> dict[str, object]:
    dish = entry.dish
    return {
        "slug": dish.slug,
        "name": dish.name,
        "url": dish.get_absolute_url(),
        "price": f"{dish.price:.2f}",
        "description": dish.description,
        "vegetarian": dish.vegetarian,
        "vegan": dish.vegan,
        "gluten_free": dish.gluten_free,
        "spice_level": dish.spice_level,
        "favourite": entry.favourite,
        "problems": entry.problems,
    }


def menu_data(*, user: User, preferences: Preferences) -> dict[str, object]:
    """What /menu/ shows this visitor, as JSON-ready data: the same sections in the same order.

    The name is the one the dynamic pages greet the visitor with.
    """
    if user.is_authenticated:
        name = preferences.display_name or user.get_username()
    else:
        name = preferences.display_name
    sections = menu_sections(preferences=preferences, favourite_ids=favourite_dish_ids(user=user))
    return {
        "visitor": {"signed_in": user.is_authenticated, "name": name},
        "preferences_set": preferences.is_set,
        "sections": [
            {"title": section.title, "dishes": [_dish_data(entry) for entry in section.entries]}
            for section in sections
        ],
    }
