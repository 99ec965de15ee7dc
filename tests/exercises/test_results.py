"""What a student reads after `make check`, and the JSON a teacher's tools read."""

import json
from pathlib import Path

from exercises.grading.results import FAILED, PASSED, SKIPPED, CheckResult, Grading


def grading() -> Grading:
    return Grading(
        exercise="05",
        title="A cookie of your own",
        checks=[
            CheckResult("sets_cookie", "Opening a dish sets a cookie.", PASSED),
            CheckResult(
                "signed",
                "The cookie is signed.",
                FAILED,
                message="expected a signature, got red-lentil-soup",
                hint="Use set_signed_cookie().",
                expected="a signature",
                got="red-lentil-soup",
            ),
            CheckResult(
                "tampered", "A tampered cookie is ignored.", SKIPPED, "needs: The cookie is signed."
            ),
        ],
    )


def test_report_has_a_line_per_check_details_under_a_failure_and_a_score() -> None:
    assert grading().lines() == [
        "Exercise 05: A cookie of your own",
        "  ✓ Opening a dish sets a cookie.",
        "  ✗ The cookie is signed.",
        "      expected: a signature",
        "      got:      red-lentil-soup",
        "      hint:     Use set_signed_cookie().",
        "  - skipped: A tampered cookie is ignored. (needs: The cookie is signed.)",
        "1 of 3 checks passed",
    ]


def test_a_project_that_does_not_start_is_one_result_not_a_wall_of_failures() -> None:
    broken = Grading(
        exercise="05",
        title="A cookie of your own",
        started=False,
        problem="SyntaxError: invalid syntax (menu/views.py, line 12)",
    )

    assert broken.lines() == [
        "Exercise 05: A cookie of your own",
        "  ✗ The project does not start: SyntaxError: invalid syntax (menu/views.py, line 12)",
        "    Fix that first: until the site starts, no check can run.",
    ]
    assert not broken.passed


def test_json_has_each_check_and_the_score_and_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "results.json"

    grading().write(path)

    data = json.loads(path.read_text())
    assert (data["score"], data["max_score"], data["passed"]) == (1, 3, False)
    assert [(c["name"], c["status"]) for c in data["checks"]] == [
        ("sets_cookie", "passed"),
        ("signed", "failed"),
        ("tampered", "skipped"),
    ]
    assert data["checks"][1]["hint"] == "Use set_signed_cookie()."
    assert Grading.read(path) == grading()


def test_only_all_checks_passing_is_a_pass() -> None:
    passing = Grading("01", "t", checks=[CheckResult("a", "A.", PASSED)])

    assert passing.passed
    assert not Grading("01", "t").passed
