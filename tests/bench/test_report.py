"""Medians over the rounds, the ratios against their goals, and the tables."""

import pytest

from bench.load import Run, Target, WrkResult
from bench.report import Check, Row, checks, cpu_model, markdown, text_checks, text_table
from bench.site import ServerTiming

NO_ERRORS = {"connect": 0, "read": 0, "write": 0, "timeout": 0}


def run(rps: float, *, p50: float = 1.0, p99: float = 2.0, wrk_cpu: float = 1.0) -> Run:
    result = WrkResult(
        requests=int(rps * 5),
        requests_per_second=rps,
        p50_ms=p50,
        p99_ms=p99,
        non_2xx_3xx=0,
        socket_errors=NO_ERRORS,
    )
    return Run(wrk=result, wall_seconds=5.0, wrk_cpu_seconds=wrk_cpu, server_cpu_seconds=0.5)


def row(key: str, *runs: Run) -> Row:
    return Row(Target(key, key.replace("-", " "), "ours", "/"), list(runs))


def failed(key: str) -> Row:
    broken = WrkResult(10, 2.0, 1.0, 2.0, 10, NO_ERRORS)
    return Row(Target(key, key, "ours", "/"), [Run(broken, 5.0, 1.0, 0.5)])


def rows(**rps: float) -> dict[str, Row]:
    return {
        key.replace("_", "-"): row(key.replace("_", "-"), run(value)) for key, value in rps.items()
    }


def by_name(found: list[Check]) -> dict[str, Check]:
    return {check.name: check for check in found}


def test_each_figure_is_the_median_of_its_rounds() -> None:
    summed = row("ours-takeout", run(900, p99=9), run(1000, p99=50), run(1200, p99=10))

    assert summed.requests_per_second == 1000
    assert summed.p99_ms == 10


def test_the_busiest_round_of_wrk_decides_the_lower_bound_note() -> None:
    summed = row("nginx-takeout", run(1, wrk_cpu=1.0), run(1, wrk_cpu=4.6), run(1, wrk_cpu=1.0))

    assert summed.wrk_share == pytest.approx(0.92)
    assert summed.note == "(wrk was busy 92% of a core: this figure is a lower bound)"


def test_a_failed_round_fails_the_row_loudly() -> None:
    assert failed("ours-menu").note == "FAILED: round 1: 10 responses were not 2xx or 3xx"


def test_each_ratio_is_met_or_not_against_its_goal() -> None:
    found = by_name(
        checks(
            rows(nginx_takeout=10_000, ours_takeout=1_000, peers_takeout=800, ours_menu=400),
            {},
        )
    )

    nginx = found["our /takeout/ ÷ nginx /takeout/"]
    assert (nginx.value, nginx.target, nginx.verdict) == ("0.10", "≥ 0.15 (stretch)", "NOT met")
    peers = found["our /takeout/ ÷ peers' default /takeout/"]
    assert (peers.value, peers.verdict) == ("1.25", "NOT met")
    menu = found["/menu/ signed in ÷ our /takeout/"]
    assert (menu.value, menu.verdict) == ("0.40", "met")
    assert found["p99 of /menu/ signed in"].verdict == "met"


def test_a_ratio_with_a_failed_side_is_shown_with_a_warning() -> None:
    measured = rows(ours_takeout=1_000) | {"nginx-takeout": failed("nginx-takeout")}

    check = by_name(checks(measured, {}))["our /takeout/ ÷ nginx /takeout/"]

    assert check.value == "500.00"
    assert check.verdict == "met (a side FAILED: see above)"


def test_a_ratio_missing_a_side_is_not_measured() -> None:
    check = by_name(checks(rows(ours_takeout=1_000), {}))["our /takeout/ ÷ nginx /takeout/"]

    assert (check.value, check.verdict) == (None, "not measured")


def test_a_ratio_shown_for_interest_has_no_verdict() -> None:
    found = by_name(checks(rows(ours_takeout=1_000, ours_menu_anonymous=500), {}))

    assert found["/menu/ anonymous ÷ our /takeout/"].value == "0.50"
    assert found["/menu/ anonymous ÷ our /takeout/"].verdict == ""


def test_queries_must_stay_equal_and_app_time_at_most_double_as_the_menu_grows() -> None:
    timings = {13: ServerTiming(6, 10.0), 500: ServerTiming(6, 25.0)}

    found = by_name(checks({}, timings))

    queries = found["queries on /menu/ signed in, 13 → 500 dishes"]
    assert (queries.value, queries.verdict) == ("6 → 6", "met")
    app = found["app time on /menu/ signed in, 500 ÷ 13 dishes"]
    assert (app.value, app.verdict) == ("2.50", "NOT met")


def test_the_terminal_table_has_a_line_a_target_and_its_notes() -> None:
    table = text_table([row("ours-takeout", run(1234.4)), failed("ours-menu")])

    lines = table.splitlines()
    assert lines[0].split()[:3] == ["target", "req/s", "p50"]
    assert lines[1].startswith("ours takeout")
    assert "1,234" in lines[1]
    assert lines[3].strip().startswith("FAILED")


def test_the_checks_are_lined_up_with_their_verdicts() -> None:
    found = [Check("a", "1.00", "≥ 2", False), Check("longer name", None, None)]

    assert text_checks(found).splitlines() == [
        "a                    1.00   ≥ 2                NOT met",
        "longer name           n/a                      not measured",
    ]


def test_the_markdown_has_a_table_row_a_target_and_a_row_a_ratio() -> None:
    found = [Check("our /takeout/ ÷ nginx /takeout/", "0.10", "≥ 0.15 (stretch)", False)]

    text = markdown([row("ours-takeout", run(1234.4))], found, "Measured today.")

    assert "| ours takeout | 1,234 | 1.0 ms | 2.0 ms | 20% | 81 µs |" in text
    assert "| our /takeout/ ÷ nginx /takeout/ | 0.10 | ≥ 0.15 (stretch) | NOT met |" in text
    assert text.startswith("Measured today.\n\n| Target |")


def test_the_processor_is_named_from_cpuinfo() -> None:
    cpuinfo = (
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n"
    )

    assert cpu_model(cpuinfo) == "Intel(R) Xeon(R) Processor"


def test_the_markdown_marks_a_failed_row_and_says_why_under_the_table() -> None:
    text = markdown([failed("ours-menu")], [], "Measured today.")

    assert "| ours-menu (FAILED) | 2 |" in text
    assert "- ours-menu: FAILED: round 1: 10 responses were not 2xx or 3xx" in text
