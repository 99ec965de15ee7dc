"""Exercises are found from their folders, and their README gives the commands what they print."""

from pathlib import Path

import pytest

from exercises.catalogue import Exercise, UnknownExercise, all_exercises, find

README = """# Exercise 07: A new stored preference

**Concept:** where a dynamic site keeps what it knows.
**See it on:** `/accounts/preferences/`
**Files to edit:** `accounts/models.py`, `accounts/forms.py`

## What to do

Add it.

## Hints

1. Look at the model.
2. Then the form,
   over two lines.
3. Then the menu.

## After the hints

Not a hint.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for name in ("07-a-new-stored-preference", "12-e-mail-the-regulars"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text(README)
    (tmp_path / "grading").mkdir()
    (tmp_path / "13-no-readme-yet").mkdir()
    return tmp_path


def test_an_exercise_is_a_numbered_folder_with_a_readme(root: Path) -> None:
    assert [exercise.folder.name for exercise in all_exercises(root)] == [
        "07-a-new-stored-preference",
        "12-e-mail-the-regulars",
    ]


@pytest.mark.parametrize(
    "name", ["7", "07", "07-a-new-stored-preference", "exercises/07-a-new-stored-preference/"]
)
def test_an_exercise_is_found_by_number_or_folder(root: Path, name: str) -> None:
    assert find(name, root).number == "07"


def test_an_unknown_exercise_is_refused_with_the_list_of_numbers(root: Path) -> None:
    with pytest.raises(
        UnknownExercise, match=r"There is no exercise '99'. The exercises are 07, 12."
    ):
        find("99", root)


def test_the_readme_gives_title_concept_files_and_hints_in_order(root: Path) -> None:
    exercise = Exercise(root / "07-a-new-stored-preference")

    assert exercise.title == "A new stored preference"
    assert exercise.concept == "where a dynamic site keeps what it knows."
    assert exercise.files_text == "accounts/models.py, accounts/forms.py"
    assert exercise.hints == [
        "Look at the model.",
        "Then the form, over two lines.",
        "Then the menu.",
    ]


def test_every_shipped_exercise_has_checks_hints_files_and_a_way_to_start() -> None:
    exercises = all_exercises()

    assert [int(exercise.number) for exercise in exercises] == list(range(1, len(exercises) + 1))
    for exercise in exercises:
        assert exercise.checks_file.exists(), exercise.folder.name
        assert len(exercise.hints) >= 2, exercise.folder.name
        assert exercise.files_text, exercise.folder.name
        assert exercise.concept, exercise.folder.name
        assert exercise.start_patch or exercise.solution_patch, exercise.folder.name
