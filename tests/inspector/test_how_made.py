"""The pieces of the "How this page was made" panel, without HTTP: names, masking, SQL, totals."""

import pytest
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.selectors import mask
from inspector.how_made import (
    QUERIES_LISTED,
    dotted_path,
    facts,
    is_password_hash,
    panel,
    request_secrets,
    shown_value,
    sql_shown,
)
from inspector.timing import TimedQuery, Timing
from menu import views as menu_views

SESSION_KEY = "4d4wq8c2t0y7hz3kq1xv5m9n6b2p4k76"
SESSION_DATA = "eyJ2aXNpdHMiOjF9:1uQx2b:ptgIabcdEFGHijklMNOPqrstUVWXyz0123456789"
EXPIRES = "2026-11-23 04:23:54.033562"


def query(sql: str, params: object = (), microseconds: int = 10, many: bool = False) -> TimedQuery:
    return TimedQuery(sql=sql, params=params, many=many, microseconds=microseconds)


def test_a_function_view_is_named_by_its_module_and_name() -> None:
    assert dotted_path(menu_views.menu_list) == "menu.views.menu_list"


def test_a_class_based_view_is_named_by_its_class() -> None:
    view = auth_views.LoginView.as_view(template_name="accounts/login.html")

    assert dotted_path(view) == "django.contrib.auth.views.LoginView"


@pytest.mark.parametrize(
    "value", [make_password("a-long-table-for-two"), make_password(None), "md5$salt$0123abcd"]
)
def test_stored_passwords_usable_or_not_are_recognised(value: str) -> None:
    assert is_password_hash(value)


@pytest.mark.parametrize("value", ["tiramisu", "", "!", "a$b", "2026-11-23 04:23:54"])
def test_ordinary_values_are_not_taken_for_passwords(value: str) -> None:
    assert not is_password_hash(value)


def test_in_a_session_query_the_key_and_data_are_masked_and_the_date_is_kept() -> None:
    shown = [
        shown_value(value, secrets=set(), session_query=True)
        for value in (SESSION_KEY, SESSION_DATA, EXPIRES)
    ]

    assert shown == [mask(SESSION_KEY), mask(SESSION_DATA), EXPIRES]


def test_a_password_hash_is_masked_in_any_query() -> None:
    stored = make_password("a-long-table-for-two")

    assert shown_value(stored, secrets=set(), session_query=False) == mask(stored)


def test_a_value_equal_to_this_visits_cookie_is_masked_anywhere() -> None:
    token = "Zq8aPv3xL0kTn5Rc7yW2mB9dF4hJ6sGe"

    assert shown_value(token, secrets={token}, session_query=False) == mask(token)
    assert shown_value("tiramisu", secrets={token}, session_query=False) == "tiramisu"
    assert shown_value(42, secrets={token}, session_query=False) == 42


def test_sql_is_shown_with_its_values_filled_in_as_sql_literals() -> None:
    sql = 'SELECT * FROM "menu_dish" WHERE "name" = %s AND "available" = %s AND "x" IS %s LIMIT %s'

    shown = sql_shown(query(sql, ("Chef's pie", True, None, 21)), secrets=set())

    assert shown == (
        'SELECT * FROM "menu_dish" WHERE "name" = \'Chef\'\'s pie\' AND "available" = 1'
        ' AND "x" IS NULL LIMIT 21'
    )


def test_sql_of_a_session_write_shows_neither_the_key_nor_the_data() -> None:
    sql = (
        'INSERT INTO "django_session" ("session_key", "session_data", "expire_date")'
        " VALUES (%s, %s, %s)"
    )

    shown = sql_shown(query(sql, (SESSION_KEY, SESSION_DATA, EXPIRES)), secrets=set())

    assert SESSION_KEY not in shown
    assert SESSION_DATA not in shown
    assert f"'{mask(SESSION_KEY)}', '{mask(SESSION_DATA)}', '{EXPIRES}'" in shown


def test_sql_that_sets_a_password_shows_it_masked() -> None:
    stored = make_password("a-long-table-for-two")
    sql = 'UPDATE "accounts_user" SET "password" = %s WHERE "id" = %s'

    shown = sql_shown(query(sql, (stored, 7)), secrets=set())

    assert stored not in shown
    assert shown.endswith(f"= '{mask(stored)}' WHERE \"id\" = 7")


def test_a_query_run_for_many_sets_of_values_shows_its_placeholders_and_says_so() -> None:
    shown = sql_shown(query('INSERT INTO "t" VALUES (%s)', None, many=True), secrets=set())

    assert shown == 'INSERT INTO "t" VALUES (%s) (run once for each of several sets of values)'


def test_sql_whose_placeholders_do_not_match_its_values_is_shown_without_them() -> None:
    assert sql_shown(query("SELECT %s, %s", ("secret",)), secrets=set()) == "SELECT %s, %s"


def test_request_secrets_include_the_cookies_sent_and_the_ones_sent_back() -> None:
    request = RequestFactory().get("/menu/", HTTP_COOKIE="sessionid=old-key; csrftoken=csrf-1")
    response = HttpResponse()
    response.set_cookie("sessionid", "new-key")

    assert request_secrets(request=request, response=response) == {
        "old-key",
        "csrf-1",
        "new-key",
    }


def made(queries: list[TimedQuery], *, withheld: bool = False) -> object:
    total = sum(query.microseconds for query in queries)
    return facts(
        request=RequestFactory().get("/menu/"),
        response=HttpResponse(),
        timing=Timing(app_ms=9.87, db_ms=total / 1000, queries=len(queries)),
        queries=queries,
        templates=["menu/list.html", "base.html"],
        reused={"menu/row.html": 13},
        withheld=withheld,
    )


def test_a_page_of_many_queries_lists_the_first_and_counts_the_rest_with_their_time() -> None:
    queries = [query(f"SELECT {n}", microseconds=n + 1) for n in range(QUERIES_LISTED + 30)]

    shown = made(queries)
    listed_ms = sum(float(query.ms) for query in shown.queries)

    assert len(shown.queries) == QUERIES_LISTED
    assert shown.unlisted == 30
    assert f"{listed_ms + float(shown.unlisted_ms):.3f}" == shown.db_ms
    assert "And 30 more, taking" in panel(shown)


def test_the_times_listed_add_up_to_the_total_shown() -> None:
    shown = made([query("SELECT 1", microseconds=123), query("SELECT 2", microseconds=4)])

    assert [query.ms for query in shown.queries] == ["0.123", "0.004"]
    assert shown.db_ms == "0.127"
    assert shown.app_ms == "9.9"


def test_a_withheld_page_lists_no_queries_and_says_why() -> None:
    shown = made([query("SELECT 1")], withheld=True)
    html = panel(shown)

    assert shown.queries == []
    assert "SELECT 1" not in html
    assert "could tell a stranger whether an account exists" in html
    assert "<code>base.html</code>" in html


def test_the_panel_counts_the_pieces_of_html_reused_from_earlier_requests() -> None:
    html = panel(made([]))

    assert "<li><code>menu/row.html</code>, 13 times</li>" in html


def test_without_a_view_the_panel_names_the_handler_that_answered() -> None:
    shown = facts(
        request=RequestFactory().get("/nowhere/"),
        response=HttpResponse(status=404),
        timing=Timing(app_ms=1, db_ms=0, queries=0),
        queries=[],
        templates=["404.html"],
        reused={},
        withheld=False,
    )

    assert shown.view == ""
    assert shown.handler == "django.views.defaults.page_not_found"
