"""Which exercise is in progress, which are passed and how many hints were given,
kept in `.exercises/` at the top of the project (ignored by git, never in the image)."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

NOT_STARTED, STARTED, PASSED = "not started", "started", "passed"


def state_dir(project: Path) -> Path:
    return project / ".exercises"


@dataclass
class Progress:
    current: str | None = None
    status: dict[str, str] = field(default_factory=dict)
    hints_given: dict[str, int] = field(default_factory=dict)

    def status_of(self, number: str) -> str:
        return self.status.get(number, NOT_STARTED)

    @classmethod
    def load(cls, project: Path) -> "Progress":
        path = state_dir(project) / "progress.json"
        if not path.exists():
            return cls()
        try:
            return cls(**json.loads(path.read_text()))
        except (ValueError, TypeError):
            # A hand-edited or half-written file: start the record again rather than stop.
            return cls()

    def save(self, project: Path) -> None:
        state_dir(project).mkdir(exist_ok=True)
        (state_dir(project) / "progress.json").write_text(json.dumps(asdict(self), indent=2))
