"""The exercises, found from their folders: `NN-short-name/` with a README.md.

A README starts with `# Exercise NN: Title`, names the idea on a `**Concept:**`
line and the files to edit on a `**Files to edit:**` line, and ends with a
`## Hints` section, a numbered list given out one at a time by `make hint`.
"""

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = re.compile(r"^(\d\d)-[a-z0-9-]+$")
TITLE = re.compile(r"^# Exercise (\d\d): (.+)$", re.MULTILINE)


class UnknownExercise(LookupError):
    pass


@dataclass(frozen=True)
class Exercise:
    folder: Path

    @property
    def number(self) -> str:
        return self.folder.name[:2]

    @property
    def readme(self) -> str:
        return (self.folder / "README.md").read_text()

    @property
    def title(self) -> str:
        found = TITLE.search(self.readme)
        return found.group(2).strip() if found else self.folder.name

    @property
    def concept(self) -> str:
        return _field(self.readme, "Concept")

    @property
    def files_text(self) -> str:
        """The files to edit as the README words them, for a terminal."""
        return _field(self.readme, "Files to edit").replace("`", "")

    @property
    def hints(self) -> list[str]:
        _, _, section = self.readme.partition("\n## Hints\n")
        section = section.split("\n## ", 1)[0]
        items = re.split(r"^\d+\. ", section, flags=re.MULTILINE)[1:]
        return [" ".join(item.split()) for item in items]

    @property
    def checks_file(self) -> Path:
        return self.folder / "checks.py"

    @property
    def start_patch(self) -> Path | None:
        """The change from the site as shipped to the exercise's starting state."""
        path = self.folder / "start.patch"
        return path if path.exists() else None

    @property
    def solution_patch(self) -> Path | None:
        """The change from the starting state to the reference solution. Without one,
        the solution is the site as shipped: the starting state undone."""
        path = self.folder / "solution.patch"
        return path if path.exists() else None

    @property
    def relative_readme(self) -> str:
        return f"exercises/{self.folder.name}/README.md"


def _field(readme: str, label: str) -> str:
    found = re.search(rf"^\*\*{label}:\*\* *(.+)$", readme, re.MULTILINE)
    return found.group(1).strip() if found else ""


def all_exercises(root: Path = HERE) -> list[Exercise]:
    return [
        Exercise(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir() and FOLDER.match(folder.name) and (folder / "README.md").exists()
    ]


def find(name: str, root: Path = HERE) -> Exercise:
    """An exercise by number ("5", "05") or folder name ("05-a-cookie-of-your-own")."""
    wanted = name.strip().rstrip("/").split("/")[-1]
    for exercise in all_exercises(root):
        if wanted in (exercise.folder.name, exercise.number) or (
            wanted.isdigit() and int(wanted) == int(exercise.number)
        ):
            return exercise
    numbers = ", ".join(exercise.number for exercise in all_exercises(root))
    raise UnknownExercise(f"There is no exercise {name!r}. The exercises are {numbers}.")
