"""The student's commands: list, start, check, hint, reset. Each returns an exit status."""

import sys
from pathlib import Path

from exercises.catalogue import Exercise, all_exercises, find
from exercises.grading.grade import grade
from exercises.progress import NOT_STARTED, PASSED, STARTED, Progress
from exercises.workspace import (
    WorkspaceError,
    attempt_save,
    changed_files,
    patch_applies,
    patch_apply,
    restore_last_commit,
)

PROJECT = Path(__file__).resolve().parent.parent


def say(*lines: str) -> None:
    print("\n".join(lines))


def exercises_list(project: Path = PROJECT) -> int:
    progress = Progress.load(project)
    say("The exercises (start one with: make exercise EX=01)", "")
    for exercise in all_exercises():
        marker = "→" if exercise.number == progress.current else " "
        status = progress.status_of(exercise.number)
        say(f"{marker} {exercise.number}  {exercise.title:<48} {status}")
    say("", "What each one teaches, and how the checks work: exercises/README.md")
    return 0


def exercise_start(name: str, project: Path = PROJECT) -> int:
    exercise = find(name)
    progress = Progress.load(project)
    changed = changed_files(project)
    if changed:
        shown = "\n".join(f"  {path}" for path in changed[:8])
        more = f"\n  … and {len(changed) - 8} more" if len(changed) > 8 else ""
        doing = (
            f"Exercise {progress.current} is in progress. "
            if progress.current and progress.status_of(progress.current) != PASSED
            else ""
        )
        raise WorkspaceError(
            f"{doing}Nothing was changed: these files differ from your last commit,\n"
            f"{shown}{more}\n"
            "Keep them with  git commit -am 'my work'  or put them aside with  git stash\n"
            "(git stash pop brings them back), then run  "
            f"make exercise EX={exercise.number}  again."
        )
    start = exercise.start_patch
    # A student who committed the starting state already has it.
    if start and not patch_applies(project, start, reverse=True):
        if not patch_applies(project, start):
            raise WorkspaceError(
                f"Nothing was changed: exercise {exercise.number}'s starting state does not "
                "fit your files (they differ from the site as shipped in "
                f"{exercise.files_text}).\n"
                "Start it from a fresh clone, or from the commit you cloned."
            )
        patch_apply(project, start)
    progress.current = exercise.number
    if progress.status_of(exercise.number) != PASSED:
        progress.status[exercise.number] = STARTED
    progress.save(project)
    say(
        f"Exercise {exercise.number}: {exercise.title}",
        f"  Read:  {exercise.relative_readme}",
        f"  Edit:  {exercise.files_text}",
        "  Then:  make check (grade it)  ·  make hint (a nudge)  ·  make reset (start again)",
        "",
        "Where you start:",
    )
    exercise_check(exercise.number, project=project)
    return 0


def exercise_check(
    name: str | None, *, json_file: str | None = None, project: Path = PROJECT
) -> int:
    progress = Progress.load(project)
    exercise = current_or_named(name, progress)
    grading = grade(exercise, project=project)
    say(*grading.lines())
    if json_file:
        grading.write(Path(json_file))
    if grading.passed and progress.status_of(exercise.number) == NOT_STARTED:
        # The site as shipped is the answer to most exercises: that is no pass.
        say(f"(Exercise {exercise.number} is not started: make exercise EX={exercise.number})")
    elif grading.passed:
        progress.status[exercise.number] = PASSED
        progress.save(project)
        say("Well done. Commit your work (git commit -am '…'), then: make exercises")
    return 0 if grading.passed else 1


def exercise_hint(name: str | None, project: Path = PROJECT) -> int:
    progress = Progress.load(project)
    exercise = current_or_named(name, progress)
    hints = exercise.hints
    given = progress.hints_given.get(exercise.number, 0)
    shown = min(given + 1, len(hints))
    say(f"Hint {shown} of {len(hints)} for exercise {exercise.number}: {hints[shown - 1]}")
    if shown == len(hints):
        say('That is the last hint. The README\'s "See it" section shows what to look for.')
    progress.hints_given[exercise.number] = shown
    progress.save(project)
    return 0


def exercise_reset(project: Path = PROJECT) -> int:
    progress = Progress.load(project)
    if progress.current is None:
        raise WorkspaceError("No exercise is in progress. Start one with: make exercise EX=01")
    exercise = find(progress.current)
    saved = attempt_save(project, exercise.folder.name)
    restore_last_commit(project)
    start = exercise.start_patch
    # A student who committed the starting state already has it.
    if start and not patch_applies(project, start, reverse=True):
        patch_apply(project, start)
    progress.hints_given.pop(exercise.number, None)
    progress.save(project)
    say(f"Exercise {exercise.number} is back at its starting state.")
    if not saved:
        say("Your files matched your last commit: there was no attempt to keep.")
    else:
        relative = saved.relative_to(project)
        say(
            f"Your attempt is kept in {relative}",
            f"To see it:        less {relative}",
            f"To bring it back: git apply {relative}   (on the starting state, as now)",
        )
    return 0


def current_or_named(name: str | None, progress: Progress) -> Exercise:
    if name:
        return find(name)
    if progress.current is None:
        raise WorkspaceError(
            "No exercise is in progress. Start one with  make exercise EX=01  "
            "or name one:  make check EX=01"
        )
    return find(progress.current)


def fail_plainly(error: Exception) -> int:
    print(error, file=sys.stderr)
    return 2
