"""wrk's report read into numbers, and when wrk itself may have set the pace."""

from pathlib import Path

import pytest

from bench.load import Run, WrkResult, busy_note, command, milliseconds, parse_wrk

# Real wrk 4.1.0 reports, captured against the site's gunicorn.
DATA = Path(__file__).parent / "data"


def report(name: str) -> str:
    return (DATA / name).read_text()


def test_wrk_report_is_read_into_requests_a_second_and_percentiles() -> None:
    result = parse_wrk(report("wrk-takeout.txt"))

    assert result.requests == 4297
    assert result.requests_per_second == 1409.20
    assert result.p50_ms == 8.00
    assert result.p99_ms == 756.48
    assert result.failures == []


def test_answers_other_than_2xx_or_3xx_are_a_failure() -> None:
    result = parse_wrk(report("wrk-not-found.txt"))

    assert result.non_2xx_3xx == 1520
    assert result.failures == ["1520 responses were not 2xx or 3xx"]


def test_socket_errors_are_a_failure_naming_each_kind_seen() -> None:
    result = parse_wrk(report("wrk-server-stopped.txt"))

    assert result.socket_errors == {"connect": 0, "read": 16, "write": 15025, "timeout": 0}
    assert result.failures == [
        "socket errors: read 16 (connections closed or reset before a whole answer),"
        " write 15025 (requests that could not be sent)"
    ]


def test_a_report_without_figures_is_refused_with_what_wrk_said() -> None:
    with pytest.raises(ValueError, match="unable to connect"):
        parse_wrk(report("wrk-refused.txt"))


@pytest.mark.parametrize(
    ("said", "expected"),
    [("812.00us", 0.812), ("8.00ms", 8.0), ("1.02s", 1020.0), ("1.50m", 90_000.0)],
)
def test_durations_in_each_of_wrks_units_become_milliseconds(said: str, expected: float) -> None:
    assert milliseconds(said) == pytest.approx(expected)


def test_a_duration_in_no_known_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="not a wrk duration"):
        milliseconds("8.00 parsecs")


def test_wrk_busy_90_percent_of_its_core_or_more_makes_the_figure_a_lower_bound() -> None:
    assert busy_note(0.95) == "(wrk was busy 95% of a core: this figure is a lower bound)"
    assert busy_note(0.90).startswith("(wrk was busy 90%")
    assert busy_note(0.89) == ""


def test_a_runs_shares_are_taken_from_the_cpu_time_of_each_side() -> None:
    result = parse_wrk(report("wrk-takeout.txt"))

    run = Run(wrk=result, wall_seconds=3.0, wrk_cpu_seconds=1.5, server_cpu_seconds=0.4297)

    assert run.wrk_share == 0.5
    assert run.server_us_per_request == pytest.approx(100.0)


def test_a_run_in_which_no_request_was_answered_is_a_failure() -> None:
    # wrk says "0 requests in 1.00s" when every answer takes longer than the run.
    empty = WrkResult(0, 0.0, 0.0, 0.0, 0, {})

    assert empty.failures == ["no request was answered within the run"]
    assert Run(empty, 1.0, 0.1, 0.2).server_us_per_request == 200_000.0


def test_wrk_asks_for_gzip_and_sends_the_cookie_only_for_a_signed_in_target() -> None:
    anonymous = command("wrk", "http://127.0.0.1:1/menu/", 5, "")
    signed_in = command("wrk", "http://127.0.0.1:1/menu/", 5, "sessionid=abc")

    assert anonymous[:4] == ["wrk", "-t1", "-c16", "-d5s"]
    assert "--latency" in anonymous
    assert "Accept-Encoding: gzip" in anonymous
    assert not any(part.startswith("Cookie") for part in anonymous)
    assert "Cookie: sessionid=abc" in signed_in
    assert signed_in[-1] == "http://127.0.0.1:1/menu/"
