"""An exception told in one line, pointing at the student's file: never a traceback."""

import traceback
from pathlib import Path

from exercises.grading import shorten

PROJECT = Path(__file__).resolve().parents[2]


def project_location(error: BaseException) -> str:
    """Where in the project's own files `error` was raised, as "menu/views.py, line 12".

    The student's code is preferred to the check that called it; installed
    packages are never named, since the student cannot change them.
    """
    frames = traceback.extract_tb(error.__traceback__)
    if isinstance(error, SyntaxError) and error.filename:
        frames.append(traceback.FrameSummary(error.filename, error.lineno or 0, "<module>"))
    in_project = [
        (path.relative_to(PROJECT), frame.lineno)
        for frame in reversed(frames)
        if (path := Path(frame.filename).resolve()).is_relative_to(PROJECT)
        and not path.is_relative_to(PROJECT / ".venv")
    ]
    students = [(path, line) for path, line in in_project if path.parts[0] != "exercises"]
    for path, line in students or in_project:
        return f"{path}, line {line}"
    return ""


def describe_error(error: BaseException) -> str:
    """One line for an exception: its type, its message and where it came from."""
    message = shorten(f"{type(error).__name__}: {error}", 200)
    location = project_location(error)
    return f"{message} ({location})" if location else message
