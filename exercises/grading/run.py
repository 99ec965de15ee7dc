"""Run one exercise's checks against the project as it is on disk, and write the results.

`grade.py` starts this in a fresh process with a throwaway database and build
folder, so a student's broken code, endless loop or crash cannot take the
command that reports it down with it. Usage: python -m exercises.grading.run FOLDER OUT.json
"""

import importlib.util
import sys
from io import StringIO
from pathlib import Path

from exercises.catalogue import Exercise
from exercises.grading import Check, Failed
from exercises.grading.errors import describe_error
from exercises.grading.results import FAILED, PASSED, SKIPPED, CheckResult, Grading


def site_start() -> None:
    """Everything `make run` does before serving, on the throwaway database."""
    import django
    from django.core import checks
    from django.core.management import call_command
    from django.test.utils import setup_test_environment
    from django.urls import get_resolver

    django.setup()
    # Adds "testserver" to ALLOWED_HOSTS and keeps sent e-mail in mail.outbox.
    setup_test_environment()
    get_resolver().url_patterns  # noqa: B018  (imports every urls.py and view module now)
    errors = [message for message in checks.run_checks() if message.is_serious()]
    if errors:
        raise RuntimeError(f"Django's system check says: {errors[0]}")
    quiet = {"stdout": StringIO(), "verbosity": 0}
    call_command("migrate", interactive=False, **quiet)
    call_command("collectstatic", interactive=False, **quiet)
    call_command("build_pages", **quiet)
    call_command("seed_demo", **quiet)


def load_checks(exercise: Exercise) -> list[Check]:
    spec = importlib.util.spec_from_file_location(
        f"exercises.checks_{exercise.number}", exercise.checks_file
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [value for value in vars(module).values() if isinstance(value, Check)]


def run_check(check: Check, outcome: dict[Check, str]) -> CheckResult:
    result = CheckResult(name=check.name, description=check.sentence, status=PASSED)
    unmet = [needed for needed in check.needs if outcome.get(needed) != PASSED]
    if unmet:
        result.status = SKIPPED
        result.message = "needs: " + " ".join(needed.sentence for needed in unmet)
        return result
    try:
        check.function()
    except Failed as failure:
        result.status = FAILED
        result.expected, result.got = failure.expected, failure.got
        result.message = f"expected {failure.expected}, got {failure.got}"
        result.hint = failure.hint or check.hint
    except Exception as error:
        result.status = FAILED
        result.message = f"The check stopped on an error: {describe_error(error)}"
        result.hint = check.hint
    return result


def grade(exercise: Exercise) -> Grading:
    grading = Grading(exercise=exercise.number, title=exercise.title)
    try:
        site_start()
    except BaseException as error:
        grading.started = False
        grading.problem = describe_error(error)
        return grading
    outcome: dict[Check, str] = {}
    for check in load_checks(exercise):
        result = run_check(check, outcome)
        outcome[check] = result.status
        grading.checks.append(result)
    return grading


def main(folder: str, out: str) -> None:
    grade(Exercise(Path(folder))).write(Path(out))


if __name__ == "__main__":
    main(*sys.argv[1:3])
