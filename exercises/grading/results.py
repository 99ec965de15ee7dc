"""A grading's outcome: what the runner writes as JSON and the command prints.

Pure Python, so a project that no longer imports can still be reported on.
"""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
MARKS = {PASSED: "✓", FAILED: "✗", SKIPPED: "-"}


@dataclass
class CheckResult:
    name: str
    description: str
    status: str
    message: str = ""
    hint: str = ""
    expected: str = ""
    got: str = ""


@dataclass
class Grading:
    exercise: str
    title: str
    started: bool = True
    problem: str = ""
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(result.status == PASSED for result in self.checks)

    @property
    def passed(self) -> bool:
        return self.started and bool(self.checks) and self.score == len(self.checks)

    def as_json(self) -> dict[str, object]:
        return {
            "exercise": self.exercise,
            "title": self.title,
            "started": self.started,
            "problem": self.problem,
            "score": self.score,
            "max_score": len(self.checks),
            "passed": self.passed,
            "checks": [asdict(result) for result in self.checks],
        }

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def read(cls, path: Path) -> "Grading":
        data = json.loads(path.read_text())
        return cls(
            exercise=data["exercise"],
            title=data["title"],
            started=data["started"],
            problem=data["problem"],
            checks=[CheckResult(**result) for result in data["checks"]],
        )

    def lines(self) -> list[str]:
        """The report a student reads: one line per check, details under a failure."""
        out = [f"Exercise {self.exercise}: {self.title}"]
        if not self.started:
            out.append(f"  ✗ The project does not start: {self.problem}")
            out.append("    Fix that first: until the site starts, no check can run.")
            return out
        for result in self.checks:
            if result.status == SKIPPED:
                out.append(f"  - skipped: {result.description} ({result.message})")
                continue
            out.append(f"  {MARKS[result.status]} {result.description}")
            if result.status == FAILED:
                if result.expected:
                    out.append(f"      expected: {result.expected}")
                    out.append(f"      got:      {result.got}")
                else:
                    out.append(f"      {result.message}")
                out.append(f"      hint:     {result.hint}")
        out.append(f"{self.score} of {len(self.checks)} checks passed")
        return out
