"""Every exercise works both ways, in a copy of the project: its checks fail at the starting
state and pass on the reference solution, which passes ruff, `makemigrations --check` and,
when it is a patch the site does not ship, the project's test suite (exercises/proof.py)."""

import pytest

from exercises.catalogue import Exercise, all_exercises
from exercises.proof import prove
from tests.databases import sqlite_only

# Exercises are graded, and their copies tested, on a throwaway SQLite file
# whatever DATABASE_URL says: the proofs are the same on both passes of make test.
pytestmark = sqlite_only("graded on SQLite on both passes, so proved in the SQLite one")


@pytest.mark.parametrize("exercise", all_exercises(), ids=lambda exercise: exercise.folder.name)
def test_exercise_fails_at_its_start_and_passes_with_its_solution(exercise: Exercise) -> None:
    proof = prove(exercise)

    assert proof.problems == [], "\n".join(proof.problems)
