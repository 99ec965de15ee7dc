"""Reads for the live menu: the menu tailored to a visitor's preferences."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from accounts.models import Preferences, User
from menu.models import Dish


@dataclass(frozen=True)
class Diet:
    """What a visitor eats, read from their preferences once for a whole menu."""

    vegan: bool
    vegetarian: bool
    gluten_free: bool
    max_spice: int

    @classmethod
    def of(cls, preferences: Preferences) -> "Diet":
        return cls(
            vegan=preferences.vegan,
            vegetarian=preferences.vegetarian,
            gluten_free=preferences.gluten_free,
            max_spice=preferences.max_spice,
        )

    def problems(self, dish: Dish) -> list[str]:
        """Why `dish` does not suit this diet (empty if it does)."""
        problems = []
        if self.vegan and not dish.vegan:
            problems.append("not vegan")
        elif self.vegetarian and not dish.vegetarian:
            problems.append("not vegetarian")
        if self.gluten_free and not dish.gluten_free:
            problems.append("contains gluten")
        if dish.spice_level > self.max_spice:
            problems.append("too spicy for you")
        return problems


def fit_problems(*, dish: Dish, preferences: Preferences) -> list[str]:
    """Why `dish` does not suit someone with these preferences (empty if it does)."""
    return Diet.of(preferences).problems(dish)


def fitting_dishes_q(*, preferences: Preferences) -> Q:
    """`fit_problems` as a database filter: the dishes with no problem."""
    condition = Q(spice_level__lte=preferences.max_spice)
    if preferences.vegan:
        condition &= Q(vegan=True)
    elif preferences.vegetarian:
        condition &= Q(vegetarian=True)
    if preferences.gluten_free:
        condition &= Q(gluten_free=True)
    return condition


@dataclass(frozen=True)
class MenuEntry:
    dish: Dish
    problems: list[str]
    favourite: bool

    @property
    def fits(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class MenuSection:
    title: str
    entries: list[MenuEntry] = field(default_factory=list)


def favourite_dish_ids(*, user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.favourites.values_list("dish_id", flat=True))


def is_favourite(*, user: User, dish: Dish) -> bool:
    return user.is_authenticated and user.favourites.filter(dish=dish).exists()


def menu_sections(*, preferences: Preferences, favourite_ids: set[int]) -> list[MenuSection]:
    """Available dishes: today's specials first, then each category in menu order.

    Within a section, dishes that fit the preferences come first. One query.
    """
    diet = Diet.of(preferences)
    entries = [
        MenuEntry(
            dish=dish,
            problems=diet.problems(dish),
            favourite=dish.pk in favourite_ids,
        )
        for dish in Dish.objects.filter(available=True).order_by("name")
    ]
    entries.sort(key=lambda entry: not entry.fits)
    specials = MenuSection("Today's specials", [e for e in entries if e.dish.special])
    sections = [
        MenuSection(category.label, [e for e in entries if e.dish.category == category])
        for category in Dish.Category
    ]
    return [section for section in [specials, *sections] if section.entries]


def recent_dishes(*, user: User, limit: int = 5) -> list[Dish]:
    views = user.dish_views.select_related("dish").order_by("-viewed_at")[:limit]
    return [view.dish for view in views]


def favourite_dishes(*, user: User) -> QuerySet[Dish]:
    return Dish.objects.filter(favourites__user=user).order_by("name")


def recommended_dishes(*, user: User, preferences: Preferences, limit: int = 3) -> list[Dish]:
    """Dishes that fit and that `user` has not opened yet, most favoured by others first."""
    return list(
        Dish.objects.filter(fitting_dishes_q(preferences=preferences), available=True)
        .exclude(views__user=user)
        .annotate(fans=Count("favourites"))
        .order_by("-fans", "name")[:limit]
    )
