"""Exercise 02: /menu/today/ follows what the kitchen sets in the admin; /takeout/ never moves."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser

from django.contrib.admin.models import LogEntry
from django.core import mail
from django.http import HttpResponse

from exercises.grading import check, expect_in, fail, shorten
from exercises.grading.site import browser, expect_status, header, signed_in, status_line, text
from menu.models import Dish, SpecialNotice

PAGE = "/menu/today/"
ADMIN_LIST = "/admin/menu/dish/"
NONE_SENTENCE = "No special today."
CURRY = "chickpea-and-spinach-curry"
TIRAMISU = "tiramisu"
SORBET = "mango-sorbet"


class FormFields(HTMLParser):
    """The fields a browser would send for the form with id `form_id`, as name -> values:
    inputs (ticked checkboxes only), selects and textareas, but no buttons."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def add(self, name: str | None, value: str) -> None:
        if name:
            self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = found.get("id") == self.form_id
        if not self.inside:
            return
        kind = found.get("type", "text").lower()
        if tag == "input" and kind not in {"submit", "button", "image", "reset", "file"}:
            if kind not in {"checkbox", "radio"} or "checked" in found:
                self.add(found.get("name"), found.get("value", "on"))
        elif tag == "select":
            self.select = found.get("name")
        elif tag == "option" and self.select and "selected" in found:
            self.add(self.select, found.get("value", ""))
        elif tag == "textarea":
            self.textarea = found.get("name")
            self.add(self.textarea, "")

    def handle_data(self, data: str) -> None:
        if self.inside and self.textarea:
            self.fields[self.textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def kitchen_sets(*, specials: set[str], sold_out: frozenset[str] = frozenset()) -> None:
    """What the chef does in the admin's list of dishes: tick "Today's special" on exactly
    the dishes in `specials`, untick "Available" on those in `sold_out`, and press Save."""
    chef = signed_in("chef")
    page = chef.get(ADMIN_LIST)
    expect_status(page, 200, what=f"GET {ADMIN_LIST} signed in as chef")
    reader = FormFields("changelist-form")
    reader.feed(page.content.decode())
    fields = reader.fields
    slugs = dict(Dish.objects.values_list("pk", "slug"))
    rows = [name[: -len("-id")] for name in fields if re.fullmatch(r"form-\d+-id", name)]
    for row in rows:
        slug = slugs.get(int(fields[f"{row}-id"][0]))
        fields.pop(f"{row}-special", None)
        fields.pop(f"{row}-available", None)
        if slug in specials:
            fields[f"{row}-special"] = ["on"]
        if slug not in sold_out:
            fields[f"{row}-available"] = ["on"]
    saved = chef.post(ADMIN_LIST, {**fields, "_save": "Save"})
    if saved.status_code != 302:
        fail(
            expected="the admin to save the chef's changes to the dishes and redirect (302)",
            got=status_line(saved),
            hint="The checks change the special through the admin, as the chef does. "
            "Does /admin/menu/dish/ still work for chef?",
        )


@contextmanager
def kitchen_put_back() -> Iterator[None]:
    """Afterwards, the dishes as they were (special, available, last changed), and none
    of the e-mails, notices or admin log lines the changes made."""
    before = list(Dish.objects.values("pk", "special", "available", "updated_at"))
    last_notice = SpecialNotice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_log = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sent = len(getattr(mail, "outbox", []))
    try:
        yield
    finally:
        for row in before:
            Dish.objects.filter(pk=row.pop("pk")).update(**row)
        SpecialNotice.objects.filter(pk__gt=last_notice).delete()
        LogEntry.objects.filter(pk__gt=last_log).delete()
        del getattr(mail, "outbox", [])[sent:]


def today_page() -> tuple[str, str]:
    """/menu/today/ for a new visitor: the HTML of its main part, and the text a reader
    sees there (the header and footer left out)."""
    response = browser().get(PAGE)
    expect_status(response, 200, what=f"GET {PAGE}")
    html = response.content.decode(errors="replace")
    found = re.search(r"<main\b.*?</main>", html, re.DOTALL)
    main = found.group(0) if found else html
    return main, text(HttpResponse(main))


def dish(slug: str) -> Dish:
    return Dish.objects.get(slug=slug)


def expect_named(slug: str, page: str, *, when: str) -> None:
    """The dish's name and price are on the page."""
    shown = dish(slug)
    for part, what in [(shown.name, "name"), (str(shown.price), "price")]:
        if part not in page:
            fail(expected=f"{shown.name}'s {what} ({part!r}) on {PAGE} {when}", got=shorten(page))


def expect_not_named(slug: str, page: str, *, when: str, hint: str | None = None) -> None:
    name = dish(slug).name
    if name in page:
        fail(expected=f"no {name!r} on {PAGE} {when}", got=f"{name!r} still named there", hint=hint)


def links_to(html: str, path: str) -> bool:
    return bool(re.search(rf"""href=["'](?:https?://[^/"']+)?{re.escape(path)}["']""", html))


@check(hint="Which view answers /menu/today/? Look in menu/urls.py and menu/views.py.")
def page_answers():
    """The page /menu/today/ answers with 200."""
    expect_status(browser().get(PAGE), 200, what=f"GET {PAGE}")


@check(
    needs=page_answers,
    hint="The demo's special is Chickpea and spinach curry: the page shows its name, "
    "price and description.",
)
def names_the_special():
    """The page names today's special with its price and description."""
    _, page = today_page()
    expect_named(CURRY, page, when="with the demo data")
    expect_in(dish(CURRY).description, page, where=f"{PAGE} (the special's description)")


@check(
    needs=names_the_special,
    hint="A template with the dish written into it is a printed notice: it says the same "
    "whatever the kitchen does. The view must ask the database which dishes are specials, "
    "on every request, and hand them to the template (make hint goes step by step).",
)
def follows_the_kitchen():
    """When the chef picks other specials in the admin, the page names them, not the old one."""
    with kitchen_put_back():
        kitchen_sets(specials={TIRAMISU, SORBET})
        _, page = today_page()
        when = "after the chef made Tiramisu and Mango sorbet the specials"
        expect_named(TIRAMISU, page, when=when)
        expect_named(SORBET, page, when=when)
        expect_not_named(CURRY, page, when=when + " and unticked the curry")


@check(
    needs=follows_the_kitchen,
    hint="Each special links to its own page, /menu/<slug>/: {% url 'menu:detail' dish.slug %} "
    "or {{ dish.get_absolute_url }} in the template.",
)
def links_to_each_special():
    """Each special on the page links to that dish's own page."""
    with kitchen_put_back():
        kitchen_sets(specials={TIRAMISU, SORBET})
        html, _ = today_page()
        for slug in (TIRAMISU, SORBET):
            path = dish(slug).get_absolute_url()
            if not links_to(html, path):
                fail(
                    expected=f'a link to {path} (href="{path}") on {PAGE}',
                    got=f"no link to {dish(slug).name}'s page",
                )


@check(
    needs=follows_the_kitchen,
    hint=f"When the database has no special, the template says exactly {NONE_SENTENCE!r}: "
    "{% if specials %} … {% else %} … {% endif %}, or {% for %} … {% empty %}.",
)
def says_when_there_is_none():
    """On a day without a special, the page says so: 'No special today.'"""
    _, page = today_page()
    if NONE_SENTENCE in page:
        fail(
            expected=f"no {NONE_SENTENCE!r} on {PAGE} while the curry is today's special",
            got="the sentence next to the special",
        )
    with kitchen_put_back():
        kitchen_sets(specials=set())
        _, page = today_page()
        expect_in(NONE_SENTENCE, page, where=f"{PAGE} after the chef unticked every special")
        expect_not_named(CURRY, page, when="after the chef unticked every special")


@check(
    needs=follows_the_kitchen,
    hint="A dish the chef marked as not available has sold out: leave it out, as the live "
    "menu does. Filter on available=True as well as special=True.",
)
def sold_out_special_is_not_shown():
    """A special that has sold out (not available) is not offered on the page."""
    with kitchen_put_back():
        kitchen_sets(specials={TIRAMISU, CURRY}, sold_out=frozenset({CURRY}))
        _, page = today_page()
        when = "with Tiramisu and the curry both specials, the curry sold out"
        expect_named(TIRAMISU, page, when=when)
        expect_not_named(CURRY, page, when=when)


@check(
    hint="/takeout/ is a file in pages/site/ that WhiteNoise sends as it is: nothing the "
    "kitchen does in the admin should reach it. Did it become a view?",
)
def takeout_stays_the_same():
    """The printed menu at /takeout/ is the same file, byte for byte, whatever the kitchen does."""

    def takeout() -> tuple[bytes, str, str]:
        response = browser().get("/takeout/")
        expect_status(response, 200, what="GET /takeout/")
        body = b"".join(response) if response.streaming else response.content
        return body, header(response, "ETag"), header(response, "Last-Modified")

    body, etag, modified = takeout()
    with kitchen_put_back():
        kitchen_sets(specials={TIRAMISU}, sold_out=frozenset({CURRY}))
        after, etag_after, modified_after = takeout()
    if after != body:
        fail(
            expected="the same bytes from /takeout/ before and after the kitchen's changes",
            got=f"{len(body)} bytes before, {len(after)} different bytes after",
        )
    if not etag or (etag_after, modified_after) != (etag, modified):
        fail(
            expected="the same ETag and Last-Modified from /takeout/ before and after",
            got=f"ETag {etag or 'none'} then {etag_after or 'none'}, "
            f"Last-Modified {modified or 'none'} then {modified_after or 'none'}",
        )
