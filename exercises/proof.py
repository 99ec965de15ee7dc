"""For CI and teachers: show that an exercise works both ways, in a copy of the project.

Its checks must fail at the starting state (at least one ✗, and the project
starts) and all pass on the reference solution, and the solution must pass
ruff, `makemigrations --check` and, where it is a patch the site does not
ship, the project's own test suite.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from exercises.catalogue import Exercise, all_exercises, find
from exercises.grading.grade import grade
from exercises.grading.results import Grading
from exercises.workspace import git, patch_apply

PROJECT = Path(__file__).resolve().parent.parent
# The suite without the tests that start servers and browsers or build images
# (test_healthz_faults starts gunicorn and breaks its disk): those exercise
# the deployment, which no solution touches, and take most of the suite's time.
SUITE = [
    "-q",
    "-x",
    "-p",
    "no:cacheprovider",
    "--ignore=tests/browser",
    "--ignore=tests/load",
    "--ignore=tests/fuzz",
    "--ignore=tests/docker",
    "--ignore=tests/config/test_healthz_faults.py",
    "--ignore=tests/exercises",
]


@contextmanager
def project_copy(project: Path = PROJECT) -> Iterator[Path]:
    """The project's files (committed or not, ignored ones left out) in a temporary
    folder, sharing the project's virtual environment."""
    listed = git(project, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    with tempfile.TemporaryDirectory(prefix="takeout-proof-") as scratch:
        copy = Path(scratch) / "project"
        for name in filter(None, listed.split("\0")):
            source = project / name
            if source.is_file():
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy / name)
        (copy / ".venv").symlink_to(project / ".venv")
        yield copy


def tool_env(env: Mapping[str, str]) -> dict[str, str]:
    """`env` for a tool in the copy: its own settings module and, on SQLite, its own
    database (the copy's suite would share a PostgreSQL server's test database)."""
    return {
        name: value
        for name, value in env.items()
        if name not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }


def tool(copy: Path, *command: str) -> str:
    """Run a tool from the virtual environment in `copy`; its complaint, or "" when it agrees."""
    finished = subprocess.run(  # noqa: S603
        [str(copy / ".venv" / "bin" / command[0]), *command[1:]],
        cwd=copy,
        # The copy's own database folder; the settings module is left to each tool
        # (manage.py's default, pytest's test settings with their fast hasher).
        env={**tool_env(os.environ), "DATA_DIR": str(copy)},
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode == 0:
        return ""
    output = (finished.stdout + finished.stderr).strip().splitlines()
    return f"`{' '.join(command)}` failed:\n    " + "\n    ".join(output[-15:])


@dataclass
class Proof:
    problems: list[str]
    # How long grading took at the starting state and on the solution, site start included.
    seconds: tuple[float, float]

    @property
    def sound(self) -> bool:
        return not self.problems


def timed_grade(exercise: Exercise, project: Path) -> tuple[Grading, float]:
    started = time.monotonic()
    grading = grade(exercise, project=project)
    return grading, time.monotonic() - started


def prove(exercise: Exercise, *, project: Path = PROJECT) -> Proof:
    """What is wrong with `exercise`, as sentences (none when it is sound)."""
    problems: list[str] = []
    with project_copy(project) as copy:
        copied = Exercise(copy / "exercises" / exercise.folder.name)
        if copied.start_patch:
            patch_apply(copy, copied.start_patch)
        start, start_seconds = timed_grade(copied, copy)
        if not start.started:
            problems.append(f"at the starting state the project does not start: {start.problem}")
        elif start.passed or not start.checks:
            problems.append("at the starting state no check fails: there is nothing to do")
        if copied.solution_patch:
            patch_apply(copy, copied.solution_patch)
        elif copied.start_patch:
            patch_apply(copy, copied.start_patch, reverse=True)
        solved, solved_seconds = timed_grade(copied, copy)
        if not solved.passed:
            problems.append("the reference solution does not pass:\n" + report(solved))
        touched = patched_python_files(copied)
        problems += filter(
            None,
            [
                tool(copy, "ruff", "check", "--quiet", *touched) if touched else "",
                tool(copy, "ruff", "format", "--check", "--quiet", *touched) if touched else "",
                tool(copy, "python", "manage.py", "makemigrations", "--check", "--dry-run"),
                tool(copy, "pytest", *SUITE) if copied.solution_patch else "",
            ],
        )
    return Proof(
        problems=[f"exercise {exercise.number}: {problem}" for problem in problems],
        seconds=(start_seconds, solved_seconds),
    )


def patched_python_files(exercise: Exercise) -> list[str]:
    """The Python files the starting state or the solution changes: the rest of the
    tree is linted by `make test` itself."""
    names = {
        line.split(" b/", 1)[1].strip()
        for patch in (exercise.start_patch, exercise.solution_patch)
        if patch
        for line in patch.read_text().splitlines()
        if line.startswith("+++ b/")
    }
    return sorted(name for name in names if name.endswith(".py"))


def report(grading: Grading) -> str:
    return "\n".join("    " + line for line in grading.lines())


def prove_command(names: list[str]) -> int:
    exercises = [find(name) for name in names] if names else all_exercises()
    failures = 0
    for exercise in exercises:
        proof = prove(exercise)
        failures += not proof.sound
        start, solved = proof.seconds
        verdict = "sound" if proof.sound else "NOT sound"
        print(
            f"{exercise.number} {exercise.title}: {verdict} "
            f"(grading took {start:.1f} s at the start, {solved:.1f} s solved)"
        )
        for problem in proof.problems:
            print("  " + problem)
        sys.stdout.flush()
    return 1 if failures else 0
