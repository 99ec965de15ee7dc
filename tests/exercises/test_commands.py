"""The student's commands, end to end through make, in a temporary clone of the project:
start an exercise, read why it fails, solve it, see it pass, reset it, lose nothing."""

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercises.catalogue import find
from exercises.proof import project_copy
from exercises.workspace import git


@pytest.fixture(scope="module")
def clone() -> Iterator[Path]:
    """The project's files as a fresh git clone has them: committed, nothing changed."""
    with project_copy() as copy:
        git(copy, "init", "--quiet")
        # The copy shares the project's virtual environment through a symbolic link,
        # which .gitignore's "/.venv/" (a folder) does not match.
        (copy / ".git" / "info" / "exclude").write_text("/.venv\n")
        git(copy, "add", "--all")
        git(
            copy,
            "-c",
            "user.name=Student",
            "-c",
            "user.email=s@example.test",
            "commit",
            "-qm",
            "clone",
        )
        yield copy


def make(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )


def test_before_any_exercise_check_and_hint_say_how_to_start_one(clone: Path) -> None:
    checked = make(clone, "check")
    hinted = make(clone, "hint")
    unnamed = make(clone, "exercise")

    for result in (checked, hinted):
        assert result.returncode != 0
        assert "No exercise is in progress. Start one with  make exercise EX=01" in result.stderr
    assert "Say which exercise: make exercise EX=01" in unnamed.stderr


def test_exercise_one_from_start_to_pass_to_reset(clone: Path) -> None:
    exercise = find("01")

    listed = make(clone, "exercises")
    started = make(clone, "exercise", "EX=01")
    hint = make(clone, "hint")
    git(clone, "apply", str(exercise.solution_patch))
    checked = make(clone, "check", "JSON=results.json")
    results = json.loads((clone / "results.json").read_text())
    listed_after = make(clone, "exercises")
    reset = make(clone, "reset")

    assert listed.returncode == 0
    assert " 01  Add a static page" in listed.stdout
    assert "not started" in listed.stdout
    assert started.returncode == 0, started.stderr
    assert "Read:  exercises/01-a-static-page/README.md" in started.stdout
    assert "  ✗ " in started.stdout
    assert "      hint:     " in started.stdout
    assert "Traceback" not in started.stdout + started.stderr
    assert f"Hint 1 of {len(exercise.hints)} for exercise 01: {exercise.hints[0]}" in hint.stdout
    assert checked.returncode == 0, checked.stdout
    assert "✗" not in checked.stdout
    assert results["passed"]
    total = results["max_score"]
    assert f"{total} of {total} checks passed" in checked.stdout
    assert "→ 01  Add a static page" in listed_after.stdout
    assert "passed" in listed_after.stdout
    assert reset.returncode == 0, reset.stderr
    assert "Your attempt is kept in .exercises/attempts/01-a-static-page-" in reset.stdout
    assert not (clone / "pages/site/find-us").exists()
    saved = next((clone / ".exercises/attempts").glob("01-*.patch"))
    assert "pages/site/find-us/index.html" in saved.read_text()


def test_starting_with_uncommitted_changes_is_refused_and_changes_nothing(clone: Path) -> None:
    menu = clone / "menu" / "views.py"
    before = menu.read_text()
    menu.write_text(before + "\n# my own work\n")
    try:
        refused = make(clone, "exercise", "EX=10")
        unchanged = menu.read_text()
    finally:
        menu.write_text(before)

    assert refused.returncode != 0
    assert "Nothing was changed" in refused.stderr
    assert "menu/views.py" in refused.stderr
    assert unchanged == before + "\n# my own work\n"


def test_a_check_that_fails_exits_non_zero_so_a_classroom_workflow_sees_it(clone: Path) -> None:
    failing = make(clone, "check", "EX=01")

    assert failing.returncode != 0
    assert "checks passed" in failing.stdout


def test_an_unknown_exercise_gets_one_sentence(clone: Path) -> None:
    refused = make(clone, "exercise", "EX=99")

    assert refused.returncode != 0
    assert "There is no exercise '99'. The exercises are 01," in refused.stderr
    assert "Traceback" not in refused.stderr
