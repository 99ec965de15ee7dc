"""The numbers behind Server-Timing and the footer: counted and worded without HTTP."""

import pytest
from django.db import DatabaseError, connection, transaction

from inspector.timing import QueryTimer, Timing


@pytest.mark.django_db
def test_query_timer_counts_each_query_run_through_it_and_adds_up_their_time() -> None:
    timer = QueryTimer()

    with connection.execute_wrapper(timer), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.execute("SELECT 2")

    assert timer.count == 2
    assert timer.microseconds > 0


@pytest.mark.django_db
def test_query_timer_counts_a_query_that_fails() -> None:
    timer = QueryTimer()

    # In a savepoint, which the timer does not see: PostgreSQL refuses any
    # query in a transaction after an error, until it is rolled back.
    with (
        pytest.raises(DatabaseError, match=r"no such table|does not exist"),
        transaction.atomic(),
        connection.execute_wrapper(timer),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table")

    assert timer.count == 1


def test_header_gives_the_database_share_with_its_query_count_then_the_whole() -> None:
    timing = Timing(app_ms=5.234, db_ms=1.449, queries=3)

    assert timing.header() == 'db;dur=1.4;desc="3 queries", app;dur=5.2'


def test_sentence_uses_the_same_rounded_numbers_as_the_header() -> None:
    timing = Timing(app_ms=5.25, db_ms=0.04, queries=1)

    assert timing.header() == 'db;dur=0.0;desc="1 query", app;dur=5.2'
    assert timing.sentence() == " in 5.2 ms, with 1 database query taking 0.0 ms"
