"""What the exercise commands do to the student's files, through git, losing nothing."""

import os
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from exercises.progress import state_dir


class WorkspaceError(Exception):
    """Something the student must sort out first; nothing was changed."""


def git(project: Path, *args: str, env: dict[str, str] | None = None) -> str:
    try:
        finished = subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607  (git from the PATH, as the student runs it)
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise WorkspaceError("git is not installed: sudo apt-get install git") from error
    if finished.returncode:
        raise WorkspaceError(finished.stderr.strip() or f"git {args[0]} failed")
    return finished.stdout


def changed_files(project: Path) -> list[str]:
    """Files that differ from the last commit, new files included (ignored ones not)."""
    try:
        status = git(project, "status", "--porcelain", "--untracked-files=all")
    except WorkspaceError as error:
        raise WorkspaceError(
            "The exercises need the project as a git clone (git clone …), "
            f"so that nothing you write can be lost: {error}"
        ) from error
    return [line[3:] for line in status.splitlines() if line.strip()]


def patch_applies(project: Path, patch: Path, *, reverse: bool = False) -> bool:
    try:
        git(project, "apply", "--check", *(["--reverse"] if reverse else []), str(patch))
    except WorkspaceError:
        return False
    return True


def patch_apply(project: Path, patch: Path, *, reverse: bool = False) -> None:
    """Apply all of `patch` or, if any part does not fit, none of it."""
    git(project, "apply", "--whitespace=nowarn", *(["--reverse"] if reverse else []), str(patch))


def attempt_save(project: Path, name: str) -> Path | None:
    """Every change since the last commit, new files included, as a patch file in
    `.exercises/attempts/`. Git's own index is not touched. None if nothing changed."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        git(project, "read-tree", "HEAD", env=env)
        git(project, "add", "--all", env=env)
        diff = git(project, "diff", "--cached", "--binary", "HEAD", env=env)
    if not diff:
        return None
    folder = state_dir(project) / "attempts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.patch"
    path.write_text(diff)
    return path


def restore_last_commit(project: Path) -> None:
    """Put every file back as it was at the last commit; only call after attempt_save."""
    git(project, "restore", "--source=HEAD", "--staged", "--worktree", "--", ".")
    git(project, "clean", "-d", "--force", "--quiet")
