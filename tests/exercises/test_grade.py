"""A project the student broke gets one clear sentence, not a wall of failures."""

from pathlib import Path

from exercises.catalogue import Exercise, find
from exercises.grading.grade import grade
from exercises.proof import project_copy


def grade_copy(break_it) -> list[str]:
    with project_copy() as copy:
        break_it(copy)
        grading = grade(Exercise(copy / "exercises" / find("10").folder.name), project=copy)
    assert not grading.started
    assert grading.checks == []
    return grading.lines()


def test_a_syntax_error_is_reported_with_its_file_and_line() -> None:
    def typo(copy: Path) -> None:
        views = copy / "menu" / "views.py"
        views.write_text(views.read_text() + "\ndef broken(:\n")

    lines = grade_copy(typo)

    assert lines[1].startswith("  ✗ The project does not start: SyntaxError: ")
    assert "(menu/views.py, line " in lines[1]
    assert len(lines) == 3


def test_a_migration_that_fails_is_reported_as_the_project_not_starting() -> None:
    def bad_migration(copy: Path) -> None:
        folder = copy / "menu" / "migrations"
        latest = sorted(folder.glob("[0-9][0-9][0-9][0-9]_*.py"))[-1].stem
        (folder / "0099_broken.py").write_text(
            "from django.db import migrations\n\n\n"
            "def fail(apps, schema_editor):\n"
            '    raise ValueError("the kitchen is closed")\n\n\n'
            "class Migration(migrations.Migration):\n"
            f'    dependencies = [("menu", "{latest}")]\n'
            "    operations = [migrations.RunPython(fail)]\n"
        )

    lines = grade_copy(bad_migration)

    assert "The project does not start: " in lines[1]
    assert "ValueError: the kitchen is closed (menu/migrations/0099_broken.py, line 5)" in lines[1]
