"""Demo content for a local run: the dishes of the printed takeout menu, and demo users.

Loading is idempotent and never overwrites: what the admin changed stays changed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

from accounts.models import Preferences, User
from menu.models import Dish, Favourite

S, M, D, K = Dish.Category.STARTER, Dish.Category.MAIN, Dish.Category.DESSERT, Dish.Category.DRINK
VEG, VEGAN, GF = "vegetarian", "vegan", "gluten_free"

# name, category, price, description, diet, spice: as printed on /takeout/.
DISHES = [
    ("Tomato and basil bruschetta", S, "6.50", "Toasted sourdough, ripe tomatoes, basil and olive oil.", {VEG}, 0),
    ("Crispy chilli squid", S, "8.00", "Squid in a light batter with chilli, garlic and lime.", set(), 2),
    ("Red lentil soup", S, "5.50", "Lentils slow-cooked with cumin and a squeeze of lemon.", {VEG, VEGAN, GF}, 0),
    ("Margherita pizza", M, "11.00", "Tomato, mozzarella and basil on a wood-fired base.", {VEG}, 0),
    ("Chicken tikka masala", M, "14.50", "Charred chicken in a creamy spiced tomato sauce, with rice.", {GF}, 2),
    ("Wild mushroom risotto", M, "13.00", "Arborio rice, three kinds of mushroom and parmesan.", {VEG, GF}, 0),
    ("Fiery beef noodles", M, "13.50", "Wok-fried noodles with beef and bird\u2019s-eye chilli.", set(), 3),
    ("Chickpea and spinach curry", M, "12.00", "Chickpeas, spinach and coconut milk, with rice.", {VEG, VEGAN, GF}, 1),
    ("Tiramisu", D, "6.50", "Coffee-soaked sponge, mascarpone and cocoa.", {VEG}, 0),
    ("Dark chocolate torte", D, "7.00", "Dense and flourless, with a spoon of cream.", {VEG, GF}, 0),
    ("Mango sorbet", D, "5.00", "Ripe mango, sugar and lime, nothing else.", {VEG, VEGAN, GF}, 0),
    ("Fresh lemonade", K, "3.50", "Pressed lemons, still or sparkling.", {VEG, VEGAN, GF}, 0),
    ("Masala chai", K, "3.00", "Black tea simmered with milk and warm spices.", {VEG, GF}, 1),
]  # fmt: skip
SPECIAL = "Chickpea and spinach curry"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    is_staff: bool
    preferences: dict[str, object]
    about: str
    # Dishes that are not the special: ticking one in the admin tells its fans.
    favourites: tuple[str, ...] = ()


# Passwords are published in the README and printed by `make run`: local demo only.
# Maya asked for e-mail notices; gus did not, so the admin can show both cases.
DEMO_USERS = [
    DemoUser(
        "maya", "maya-likes-it-hot", False,
        {"display_name": "Maya", "vegetarian": True, "max_spice": 3, "email_notifications": True},
        "vegetarian who likes spice, e-mail notices on",
        ("Wild mushroom risotto", "Margherita pizza"),
    ),
    DemoUser(
        "gus", "gus-gluten-free", False,
        {"display_name": "Gus", "gluten_free": True, "max_spice": 1, "theme": "dark"},
        "gluten-free, mild, dark theme",
        ("Red lentil soup", "Dark chocolate torte"),
    ),
    DemoUser("chef", "chef-runs-the-kitchen", True, {"display_name": "Chef"}, "admin"),
]  # fmt: skip


def dishes_load() -> int:
    """Create the demo dishes that are missing. Returns how many were created."""
    created = 0
    for name, category, price, description, diet, spice in DISHES:
        _, was_created = Dish.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "category": category,
                "price": Decimal(price),
                "description": description,
                "vegetarian": VEG in diet,
                "vegan": VEGAN in diet,
                "gluten_free": GF in diet,
                "spice_level": spice,
                "special": name == SPECIAL,
            },
        )
        created += was_created
    return created


def users_load() -> int:
    """Create the demo users that are missing, with their preferences and favourites."""
    created = 0
    for demo in DEMO_USERS:
        if User.objects.filter(username=demo.username).exists():
            continue
        user = User.objects.create_user(
            demo.username,
            email=f"{demo.username}@takeout-and-table.test",
            password=demo.password,
            is_staff=demo.is_staff,
            is_superuser=demo.is_staff,
        )
        Preferences.objects.create(user=user, **demo.preferences)
        # Only with a new user, so a favourite removed later stays removed.
        liked = Dish.objects.filter(slug__in=[slugify(name) for name in demo.favourites])
        Favourite.objects.bulk_create(Favourite(user=user, dish=dish) for dish in liked)
        created += 1
    return created
