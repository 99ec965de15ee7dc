"""Grade an exercise from outside the project: start the runner in its own process
on a throwaway database, and turn whatever happens into a Grading."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from exercises.catalogue import Exercise
from exercises.grading.results import Grading

# Generous for a shared machine: every exercise's checks take under 30 s here.
TIME_LIMIT = 180


def grade(exercise: Exercise, *, project: Path) -> Grading:
    with tempfile.TemporaryDirectory(prefix="takeout-grading-") as scratch:
        out = Path(scratch) / "results.json"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "exercises.grading.settings",
            "DATA_DIR": str(Path(scratch) / "data"),
            "BUILD_DIR": str(Path(scratch) / "build"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        env.pop("DJANGO_ENV", None)
        # Graded on a throwaway SQLite file in `scratch`, whatever database the
        # site is set to use: checks must never touch a real one.
        env.pop("DATABASE_URL", None)
        (Path(scratch) / "data").mkdir()
        command = [sys.executable, "-m", "exercises.grading.run", str(exercise.folder), str(out)]
        try:
            finished = subprocess.run(  # noqa: S603  (our own interpreter and module)
                command, cwd=project, env=env, capture_output=True, text=True, timeout=TIME_LIMIT
            )
        except subprocess.TimeoutExpired:
            return not_started(
                exercise,
                f"the checks did not finish in {TIME_LIMIT} s (is there a loop that never ends?)",
            )
        if out.exists():
            return Grading.read(out)
        return not_started(exercise, last_line(finished.stderr) or "the checks stopped early")


def not_started(exercise: Exercise, problem: str) -> Grading:
    return Grading(exercise=exercise.number, title=exercise.title, started=False, problem=problem)


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""
