"""Docker's .dockerignore rules, to build the context an image would see.

A port of moby/patternmatcher (`ignorefile.ReadAll` and
`PatternMatcher.MatchesOrParentMatches`, which BuildKit uses):

- A line starting with `#` is a comment; blank lines are skipped; each line is
  trimmed, cleaned like Go's `filepath.Clean` (so `build/` is `build`), and a
  leading `/` is dropped: patterns are always relative to the context root.
  Unlike .gitignore, `*.pyc` matches only at the root; `**/*.pyc` at any depth.
- `*` and `?` never cross a `/`; `**` spans any number of directories,
  none included; `[...]` is a character class; `\\` escapes the next character.
- A pattern that matches a directory leaves out everything under it.
- `!pattern` lets back in what an earlier pattern left out; the last pattern
  that matches a path (or one of its parent directories) decides.
"""

import posixpath
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Regular-expression characters with no meaning in a Go file pattern.
_ESCAPED = set(".+()|{}$")
_WILDCARDS = set("*?[\\")


def _go_clean(path: str) -> str:
    """Go's filepath.Clean on a slash path: posixpath.normpath, but "//x" is "/x" too."""
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


@dataclass(frozen=True)
class Pattern:
    text: str
    exclusion: bool

    def matches(self, path: str) -> bool:
        """Whether this pattern matches `path` itself (a slash path relative to the root)."""
        kind, value = _compile(self.text)
        if kind == "exact":
            return path == value
        if kind == "prefix":
            return path.startswith(value)
        if kind == "suffix":
            # "**/foo" also matches "foo" at the root.
            return path.endswith(value) or (value.startswith("/") and path == value[1:])
        return re.fullmatch(value, path, flags=re.DOTALL) is not None

    def literal_prefix(self) -> str:
        """The pattern's text up to its first wildcard: every path it matches starts so."""
        for index, char in enumerate(self.text):
            if char in _WILDCARDS:
                return self.text[:index]
        return self.text


@cache
def _compile(pattern: str) -> tuple[str, str]:
    """Classify a pattern as patternmatcher's compile() does: exact, prefix, suffix or regex."""
    regex = ""
    kind = "exact"
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*" and pattern[index + 1 : index + 2] == "*":
            at_start = index == 0
            index += 2
            if pattern[index : index + 1] == "/":  # "**/" is read as "**"
                index += 1
            if index == len(pattern):  # "**" at the end: anything below
                if kind == "exact":
                    kind = "prefix"
                else:
                    regex += ".*"
                    kind = "regex"
            else:
                regex += "(.*/)?"
                kind = "regex"
            if at_start:
                kind = "suffix"
            continue
        if char == "*":
            regex += "[^/]*"
            kind = "regex"
        elif char == "?":
            regex += "[^/]"
            kind = "regex"
        elif char in _ESCAPED:
            regex += "\\" + char
        elif char == "\\":
            if index + 1 < len(pattern):
                index += 1
                regex += "\\" + pattern[index]
                kind = "regex"
            else:
                regex += "\\\\"
        elif char in "[]":
            regex += char
            kind = "regex"
        else:
            regex += char
        index += 1
    if kind == "prefix":
        return kind, pattern[:-2]
    if kind == "suffix":
        return kind, pattern[2:]
    return kind, (regex if kind == "regex" else pattern)


def read_patterns(text: str) -> list[Pattern]:
    """The patterns of a .dockerignore file, in order."""
    patterns = []
    for number, raw in enumerate(text.splitlines()):
        line = raw.removeprefix("\ufeff") if number == 0 else raw
        # Only a "#" in the first column starts a comment.
        if line.startswith("#"):
            continue
        line = line.strip()
        if not line:
            continue
        exclusion = line.startswith("!")
        if exclusion:
            line = line[1:].strip()
        if line:
            line = _go_clean(line)
            if len(line) > 1 and line.startswith("/"):
                line = line[1:]
        if not line:
            raise ValueError('illegal exclusion pattern: "!"')
        patterns.append(Pattern(line, exclusion))
    return patterns


def is_excluded(path: str, patterns: list[Pattern]) -> bool:
    """Whether Docker leaves `path` (relative to the context root) out of the context."""
    path = _go_clean(path)
    parents = path.split("/")[:-1]
    excluded = False
    for pattern in patterns:
        # As in patternmatcher: an exclusion pattern can only let back in what
        # is left out, and an ordinary one only leave out what is still in.
        if pattern.exclusion != excluded:
            continue
        matched = pattern.matches(path) or any(
            pattern.matches("/".join(parents[: depth + 1])) for depth in range(len(parents))
        )
        if matched:
            excluded = not pattern.exclusion
    return excluded


def _may_let_back_in_below(directory: str, patterns: list[Pattern]) -> bool:
    """Whether some `!` pattern could match a path inside `directory`.

    If none can, an excluded directory is left out whole and need not be walked
    (.venv and .git are large). Every path a pattern matches starts with its
    literal prefix, so the prefix must agree with "directory/".
    """
    inside = directory + "/"
    for pattern in patterns:
        if not pattern.exclusion:
            continue
        prefix = pattern.literal_prefix()
        if prefix == pattern.text:  # no wildcard: it matches only itself
            if prefix.startswith(inside):
                return True
        elif prefix.startswith(inside) or inside.startswith(prefix):
            return True
    return False


def context_files(root: Path, patterns: list[Pattern]) -> list[str]:
    """Every file (or symlink) under `root` that the context keeps, as sorted slash paths."""
    kept = []
    pending = [root]
    while pending:
        directory = pending.pop()
        for entry in sorted(directory.iterdir()):
            relative = entry.relative_to(root).as_posix()
            if entry.is_dir() and not entry.is_symlink():
                if not is_excluded(relative, patterns) or _may_let_back_in_below(
                    relative, patterns
                ):
                    pending.append(entry)
            elif not is_excluded(relative, patterns):
                kept.append(relative)
    return sorted(kept)


def copy_context(source: Path, target: Path, dockerignore: str) -> list[str]:
    """Copy to `target` what a build context of `source` holds under these rules.

    Modification times are kept, as `docker build` keeps them: WhiteNoise's
    ETags and the pages' Last-Modified come from them.
    """
    files = context_files(source, read_patterns(dockerignore))
    for relative in files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, destination, follow_symlinks=False)
    return files
