"""`python -m exercises new` gives a teacher a folder the commands already understand."""

from pathlib import Path

from exercises.catalogue import all_exercises
from exercises.scaffold import scaffold


def test_new_exercise_takes_the_next_number_and_a_readme_the_commands_can_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "12-e-mail-the-regulars").mkdir()
    (tmp_path / "12-e-mail-the-regulars" / "README.md").write_text("# Exercise 12: E-mail\n")

    folder = scaffold("Rate limit the sign-up form", root=tmp_path)

    assert folder.name == "13-rate-limit-the-sign-up-form"
    exercise = all_exercises(tmp_path)[-1]
    assert exercise.title == "Rate limit the sign-up form"
    assert exercise.files_text == "menu/views.py"
    assert len(exercise.hints) == 3
    assert "@check(" in exercise.checks_file.read_text()
