"""A check passes, fails with expected / got / hint, or is skipped when what it needs failed;
an error in the student's code is one line that names the file, never a traceback."""

from exercises.grading import check, fail
from exercises.grading.results import FAILED, PASSED, SKIPPED
from exercises.grading.run import run_check


@check(hint="Look at the view.")
def passes():
    """It works."""


@check(hint="Look at the cookie.")
def fails():
    """The cookie is signed."""
    fail(expected="a signature", got="red-lentil-soup")


@check(needs=fails, hint="unused")
def needs_the_failure():
    """A tampered cookie is ignored."""


@check(hint="Look at menu/views.py.")
def raises():
    """The page answers."""
    {}["missing"]


def test_a_check_that_returns_passes_and_its_docstring_is_the_sentence() -> None:
    result = run_check(passes, {})

    assert (result.status, result.description, result.name) == (PASSED, "It works.", "passes")


def test_a_failure_carries_expected_got_and_the_hint() -> None:
    result = run_check(fails, {})

    assert (result.status, result.expected, result.got, result.hint) == (
        FAILED,
        "a signature",
        "red-lentil-soup",
        "Look at the cookie.",
    )


def test_a_check_whose_prerequisite_failed_is_skipped_and_says_which() -> None:
    result = run_check(needs_the_failure, {fails: FAILED})

    assert result.status == SKIPPED
    assert result.message == "needs: The cookie is signed."


def test_an_exception_is_one_line_with_its_type_and_place() -> None:
    result = run_check(raises, {})

    assert result.status == FAILED
    assert result.message.startswith("The check stopped on an error: KeyError: 'missing' (")
    assert "tests/exercises/test_run.py, line" in result.message
    assert "\n" not in result.message
