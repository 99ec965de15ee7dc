"""What the bench reads from the site's Server-Timing header."""

import pytest

from bench.site import ServerTiming, median_timing, parse_server_timing


def test_the_query_count_and_the_app_time_are_read_from_server_timing() -> None:
    # As the site sends it (inspector/timing.py).
    header = 'db;dur=0.4;desc="6 queries", app;dur=39.2'

    assert parse_server_timing(header) == ServerTiming(queries=6, app_ms=39.2)


def test_one_query_is_read_as_well_as_several() -> None:
    assert parse_server_timing('db;dur=0.1;desc="1 query", app;dur=3.0').queries == 1


def test_a_page_whose_timing_is_withheld_is_refused() -> None:
    withheld = 'app;desc="not reported: it could tell whether an account exists"'

    with pytest.raises(ValueError, match="no query count"):
        parse_server_timing(withheld)


def test_the_timings_median_is_taken_field_by_field() -> None:
    timings = [ServerTiming(6, 10.0), ServerTiming(8, 30.0), ServerTiming(6, 20.0)]

    assert median_timing(timings) == ServerTiming(queries=6, app_ms=20.0)
