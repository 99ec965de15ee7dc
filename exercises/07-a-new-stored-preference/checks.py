"""Exercise 07: a new preference, "menu order", kept in the session for a visitor and in
the database for a member, carried over at log-in, and followed by the live menu."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO
from itertools import pairwise

from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.models import Preferences, User
from exercises.grading import check, fail
from exercises.grading.site import browser, expect_status, post_form, signed_in, text
from menu.models import Dish

PREFERENCES_PAGE = "/accounts/preferences/"
FIELD = "menu_order"


# A small reader of HTML forms: which controls a form has, what each one holds now
# and how it is labelled. Generally useful for checks that post a whole form back.


@dataclass
class Control:
    tag: str
    type: str
    name: str
    value: str
    chosen: bool = False
    id: str = ""
    label: str = ""
    options: list["Control"] = field(default_factory=list)


@dataclass
class Form:
    action: str
    controls: list[Control] = field(default_factory=list)

    def named(self, name: str) -> list[Control]:
        return [control for control in self.controls if control.name == name]

    def values(self) -> dict[str, list[str]]:
        """What a browser would send if the form were submitted as it is."""
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if control.tag == "select":
                chosen = [option.value for option in control.options if option.chosen]
                values = chosen or [option.value for option in control.options[:1]]
            elif control.type in ("radio", "checkbox"):
                values = [control.value] if control.chosen else []
            elif control.type in ("submit", "button", "reset", "image", "file"):
                values = []
            else:
                values = [control.value]
            if control.name and values:
                sent.setdefault(control.name, []).extend(values)
        return sent

    def chosen(self, name: str) -> list[str]:
        return self.values().get(name, [])


class FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._labels: list[tuple[str, list[str], list[Control]]] = []
        self._label_for: dict[str, str] = {}
        self._select: Control | None = None
        self._textarea: Control | None = None

    def _add(self, control: Control) -> None:
        if self.forms:
            self.forms[-1].controls.append(control)
        for _, _, nested in self._labels:
            nested.append(control)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(action=found.get("action", "")))
        elif tag == "label":
            self._labels.append((found.get("for", ""), [], []))
        elif tag == "input":
            kind = found.get("type", "text").lower()
            default = "on" if kind in ("radio", "checkbox") else ""
            self._add(
                Control(
                    tag="input",
                    type=kind,
                    name=found.get("name", ""),
                    value=found.get("value", default),
                    chosen="checked" in found,
                    id=found.get("id", ""),
                )
            )
        elif tag == "select":
            self._select = Control(
                tag="select",
                type="select",
                name=found.get("name", ""),
                value="",
                id=found.get("id", ""),
            )
            self._add(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(
                Control(
                    tag="option",
                    type="option",
                    name=self._select.name,
                    value=found.get("value", ""),
                    chosen="selected" in found,
                )
            )
        elif tag == "textarea":
            self._textarea = Control(
                tag="textarea", type="textarea", name=found.get("name", ""), value=""
            )
            self._add(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._labels:
            for_id, parts, nested = self._labels.pop()
            words = " ".join("".join(parts).split())
            if for_id:
                self._label_for[for_id] = words
            for control in nested:
                control.label = control.label or words
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        for _, parts, _ in self._labels:
            parts.append(data)
        if self._textarea is not None:
            self._textarea.value += data

    def close(self) -> None:
        super().close()
        for form in self.forms:
            for control in form.controls:
                if not control.label and control.id in self._label_for:
                    control.label = self._label_for[control.id]


def read_forms(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def preferences_form(client: Client) -> Form:
    """The preferences form as `client` sees it now."""
    response = client.get(PREFERENCES_PAGE)
    expect_status(response, 200, what=f"GET {PREFERENCES_PAGE}")
    forms = [
        form
        for form in read_forms(response.content.decode())
        if form.named("theme") and form.named("max_spice")
    ]
    if not forms:
        fail(
            expected=f"a form with the theme and spice fields on {PREFERENCES_PAGE}",
            got="no such form on the page",
            hint="The form is in templates/accounts/preferences.html.",
        )
    return forms[0]


ERRORS = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)


def choose(client: Client, *, order: str, diet: list[str] | None = None) -> None:
    """Send the preferences form as `client` has it, with the menu order (and diet) changed."""
    data = preferences_form(client).values()
    data.pop("csrfmiddlewaretoken", None)
    data[FIELD] = [order]
    if diet is not None:
        data["diet"] = diet
    response = post_form(client, PREFERENCES_PAGE, data)
    if response.status_code == 200:
        errors = [
            " ".join(re.sub(r"<[^>]+>", " ", found).split())
            for found in ERRORS.findall(response.content.decode())
        ]
        fail(
            expected=f"the form to accept {FIELD}={order!r} and redirect (302)",
            got="the form again, saying: " + ("; ".join(errors) or "no error shown"),
            hint="Is 'price' one of the field's choices, spelled exactly so? Are the form's "
            "other fields still valid?",
        )
    expect_status(response, 302, what=f"POST {PREFERENCES_PAGE} with {FIELD}={order!r}")


@dataclass(frozen=True)
class Main:
    name: str
    price: Decimal
    suits: bool

    def __str__(self) -> str:
        return f"{self.name} (${self.price})"


def mains_on_menu(
    client: Client, *, suits: Callable[[Dish], bool] = lambda dish: True
) -> list[Main]:
    """The mains of /menu/ in the order the page lists them, prices from the database."""
    response = client.get("/menu/")
    expect_status(response, 200, what="GET /menu/")
    page = text(response)
    start = page.find(" Mains ")
    end = page.find(" Desserts ", start)
    if start < 0 or end < 0:
        fail(expected="a Mains section, then Desserts, on /menu/", got=page[:160])
    section = page[start:end]
    dishes = Dish.objects.filter(category=Dish.Category.MAIN, available=True)
    where = {dish: section.find(dish.name) for dish in dishes}
    missing = [dish.name for dish, at in where.items() if at < 0]
    if missing:
        fail(expected=f"{', '.join(missing)} among the mains", got=section[:160])
    return [
        Main(dish.name, dish.price, suits(dish)) for dish in sorted(where, key=where.__getitem__)
    ]


def expect_cheapest_first(mains: list[Main], *, who: str) -> None:
    """The dishes that suit come first, and each group is listed cheapest first."""
    wanted = sorted(mains, key=lambda main: (not main.suits, main.price))
    shown = [main.suits for main in mains] == [main.suits for main in wanted] and all(
        a.price <= b.price for a, b in pairwise(mains) if a.suits == b.suits
    )
    if not shown:
        fail(
            expected=f"the mains {who}: {', '.join(map(str, wanted))}",
            got=", ".join(map(str, mains)),
        )


def preferences_kept(username: str) -> dict | None:
    """The user's preferences row as it is now, to put back later."""
    return Preferences.objects.filter(user__username=username).values().first()


def preferences_put_back(username: str, row: dict | None) -> None:
    if row is None:
        Preferences.objects.filter(user__username=username).delete()
    else:
        Preferences.objects.filter(pk=row["id"]).update(
            **{name: value for name, value in row.items() if name != "id"}
        )


def stored_order(username: str) -> str:
    row = Preferences.objects.filter(user__username=username).values(FIELD).first()
    return row[FIELD] if row else "no Preferences row at all"


@check(
    hint="Add a field `menu_order` to Preferences in accounts/models.py: a CharField with "
    "choices 'name' (the default) and 'price', like `theme` and its Theme choices."
)
def model_has_menu_order():
    """The account's preferences have a place for the menu order: 'name' (the default) or
    'price'."""
    try:
        model_field = Preferences._meta.get_field(FIELD)
    except FieldDoesNotExist:
        fail(expected="a field menu_order on Preferences", got="no such field")
    values = {value for value, _ in model_field.choices or []}
    if not {"name", "price"} <= values:
        fail(expected="the choices 'name' and 'price'", got=", ".join(map(repr, values)) or "none")
    if model_field.default != "name":
        fail(expected="'name' (A to Z) as the default", got=repr(model_field.default))
    with connection.cursor() as cursor:
        table = Preferences._meta.db_table
        columns = [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]
    if model_field.column not in columns:
        fail(expected=f"a column {model_field.column} in {table}", got=", ".join(columns))


@check(
    needs=model_has_menu_order,
    hint="Run `.venv/bin/python manage.py makemigrations accounts` after changing the model, "
    "and keep the file it writes in accounts/migrations/.",
)
def migration_written():
    """A migration in accounts/migrations/ adds the menu order, so every copy of the site
    gets it."""
    said = StringIO()
    try:
        call_command("makemigrations", "accounts", "--check", "--dry-run", stdout=said)
    except SystemExit:
        fail(
            expected="no model change left without a migration",
            got="`makemigrations --check` says: " + " ".join(said.getvalue().split()),
        )


@check(
    hint="Add `menu_order` to PreferencesForm in accounts/forms.py: a choice field with "
    "widget=forms.RadioSelect, a label, and its value in `initial_from`.",
)
def form_offers_menu_order():
    """The preferences form offers the menu order as labelled radio buttons, "by name" chosen
    at first."""
    form = preferences_form(browser())
    radios = [control for control in form.named(FIELD) if control.type == "radio"]
    values = [radio.value for radio in radios]
    if sorted(values) != ["name", "price"]:
        fail(
            expected="two radio buttons named menu_order, with the values 'name' and 'price'",
            got=f"radio buttons with the values {values}" if values else "no such radio button",
        )
    unlabelled = [radio.value for radio in radios if not radio.label]
    if unlabelled:
        fail(
            expected="a label on each menu_order radio button",
            got=f"none on {', '.join(unlabelled)}",
            hint="Give the field's choices their words: a TextChoices class does that.",
        )
    if form.chosen(FIELD) != ["name"]:
        fail(
            expected="'name' checked for a visitor who never chose",
            got=f"{form.chosen(FIELD) or 'nothing'} checked",
            hint="The form's initial values come from PreferencesForm.initial_from(...).",
        )


@check(
    needs=form_offers_menu_order,
    hint="menu_sections in menu/selectors.py sorts the dishes: make it read "
    "preferences.menu_order. For a visitor the preferences come from the session "
    "(accounts/services.py and accounts/selectors.py): does the new field get saved there "
    "and read back?",
)
def visitor_sees_mains_by_price():
    """A visitor who chooses "by price" sees the mains on the live menu cheapest first."""
    client = browser()
    choose(client, order="price")
    expect_cheapest_first(mains_on_menu(client), who="cheapest first")


@check(
    needs=visitor_sees_mains_by_price,
    hint="A visitor's preferences live in the session (request.session), like the other "
    "fields in preferences_save: not in a cookie of their own and not in a Preferences row.",
)
def visitor_choice_in_session():
    """A visitor's choice is kept in their session on the server: not in the database, not in a
    cookie, and not shown to another browser."""
    rows = Preferences.objects.count()
    client = browser()
    choose(client, order="price")
    if Preferences.objects.count() != rows:
        fail(
            expected=f"no new Preferences row for a visitor ({rows} before)",
            got=f"{Preferences.objects.count()} rows after they chose",
        )
    in_session = [key for key, value in client.session.items() if "price" in repr(value)]
    if not in_session:
        fail(
            expected="'price' in the visitor's session data",
            got=f"a session holding {sorted(client.session.keys()) or 'nothing'}",
        )
    in_cookie = [name for name, morsel in client.cookies.items() if "price" in morsel.value]
    if in_cookie:
        fail(
            expected="only the session key in the cookies",
            got=f"'price' in the cookie {in_cookie[0]}",
        )
    stranger = mains_on_menu(browser())
    if [main.name for main in stranger] != sorted(main.name for main in stranger):
        fail(
            expected="another browser to see the mains A to Z",
            got=", ".join(map(str, stranger)),
        )


@check(
    needs=visitor_sees_mains_by_price,
    hint="menu_sections puts the dishes that suit you first with a stable sort on "
    "`not entry.fits`: keep that sort, and start from a query ordered by price (then name).",
)
def dishes_that_suit_still_first():
    """With "gluten-free" and "by price" chosen, the mains that suit come first, then the rest,
    each group cheapest first."""
    client = browser()
    choose(client, order="price", diet=["gluten_free"])
    expect_cheapest_first(
        mains_on_menu(client, suits=lambda dish: dish.gluten_free),
        who="that suit first, then the rest, each group cheapest first",
    )


@check(
    needs=visitor_sees_mains_by_price,
    hint="PreferencesForm.initial_from(...) fills the form from the preferences: add the "
    "new field there.",
)
def form_remembers_the_choice():
    """Reopened, the preferences form shows "by price" as the chosen order."""
    client = browser()
    choose(client, order="price")
    chosen = preferences_form(client).chosen(FIELD)
    if chosen != ["price"]:
        fail(expected="'price' checked", got=f"{chosen or 'nothing'} checked")


@check(
    needs=[migration_written, dishes_that_suit_still_first],
    hint="For a member, preferences_save in accounts/services.py writes the listed fields "
    "to their Preferences row: is menu_order among them?",
)
def member_choice_in_account():
    """A member's choice is stored with their account and follows them to another device."""
    kept = preferences_kept("gus")
    try:
        choose(signed_in("gus"), order="price")
        if stored_order("gus") != "price":
            fail(
                expected="menu_order 'price' in gus's Preferences row",
                got=repr(stored_order("gus")),
            )
        gus = User.objects.get(username="gus")
        limit = gus.preferences.max_spice
        other_device = signed_in("gus")
        expect_cheapest_first(
            mains_on_menu(
                other_device, suits=lambda dish: dish.gluten_free and dish.spice_level <= limit
            ),
            who="that suit gus first, then the rest, each group cheapest first, on another device",
        )
        chosen = preferences_form(other_device).chosen(FIELD)
        if chosen != ["price"]:
            fail(
                expected="'price' checked in gus's form on another device",
                got=f"{chosen or 'nothing'} checked",
            )
    finally:
        preferences_put_back("gus", kept)


@check(
    needs=member_choice_in_account,
    hint="accounts/signals.py calls preferences_adopt_from_session when someone logs in: "
    "the session's copy must hold menu_order, and preferences_save must write it.",
)
def carried_over_at_log_in():
    """A choice made before logging in moves into the account at log-in."""
    kept = preferences_kept("maya")
    try:
        client = browser()
        choose(client, order="price")
        response = post_form(
            client, "/accounts/login/", {"username": "maya", "password": "maya-likes-it-hot"}
        )
        expect_status(response, 302, what="logging in as maya on /accounts/login/")
        if stored_order("maya") != "price":
            fail(
                expected="menu_order 'price' in maya's Preferences row after she logged in",
                got=repr(stored_order("maya")),
            )
    finally:
        preferences_put_back("maya", kept)
